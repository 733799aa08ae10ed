"""The case (input) and verdict (output) schemas, and turning raw input into a validated ``Case``.

The pydantic models double as the OpenAPI documentation of the web API, so field names and
enum values here are the public contract described in issue 3.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    ValidationInfo,
    field_validator,
    model_validator,
)
from pydantic_core import PydanticCustomError

from .errors import CaseError

Series = Literal["general", "engineering", "health", "school_teacher"]
Level = Literal["none", "junior", "intermediate", "senior"]
HealthFacility = Literal["grade1", "grade2_or_below"]
Subject = Literal["public", "professional"]
Form = Literal[
    "centralized",
    "distance",
    "self_study",
    "conference",
    "advanced_study",
    "degree",
    "paper",
    "research",
    "overseas",
]
CreditClass = Literal["I", "II"]
Unit = Literal["学时", "学分", "次", "门"]
PurposeKind = Literal["annual", "cycle", "title_application"]

_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def _parse_date(value: Any) -> dt.date:
    if isinstance(value, dt.datetime):
        raise PydanticCustomError("date_type", "must be a date in the form YYYY-MM-DD, without a time")
    if isinstance(value, dt.date):
        return value
    if not isinstance(value, str) or not _ISO_DATE.match(value):
        raise PydanticCustomError("date_type", "must be a date in the form YYYY-MM-DD")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise PydanticCustomError("date_value", "is not a real calendar date") from None


RecordDate = Annotated[dt.date, BeforeValidator(_parse_date)]
Amount = Annotated[float, Field(ge=0, strict=True, allow_inf_nan=False)]
Year = Annotated[int, Field(ge=1949, le=2100, strict=True)]
Text = Annotated[str, Field(min_length=1, max_length=200, strict=True)]
Flag = Annotated[bool, Field(strict=True)]


def _blank_is_none(value: Any) -> Any:
    """An empty or blank title means "no title": a first-time applicant (初次申报) has none."""
    return None if isinstance(value, str) and not value.strip() else value


Title = Annotated[Text | None, BeforeValidator(_blank_is_none)]


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Person(_Strict):
    """The professional being evaluated."""

    series: Series = Field(description="职称系列: general | engineering | health | school_teacher")
    level: Level = Field(description="职称级别: none | junior | intermediate | senior")
    title: Title = Field(
        default=None,
        description="现任职称, e.g. 工程师 (required by rule sets keyed by title); empty or null: no title",
    )
    health_facility: HealthFacility | None = Field(
        default=None, description="医疗卫生机构级别 (health series): grade1 | grade2_or_below"
    )


class AnnualPurpose(_Strict):
    """年度验证: the calendar year ``year``."""

    kind: Literal["annual"]
    year: Year


class CyclePurpose(_Strict):
    """周期考核: the inclusive years ``start``..``end``."""

    kind: Literal["cycle"]
    start: Year
    end: Year

    @field_validator("end")
    @classmethod
    def _end_not_before_start(cls, end: int, info: ValidationInfo) -> int:
        start = info.data.get("start")
        if isinstance(start, int) and end < start:
            raise PydanticCustomError("cycle_order", "must be >= purpose.start")
        return end


class TitleApplicationPurpose(_Strict):
    """职称申报: applying in ``year`` for the title ``to_title``."""

    kind: Literal["title_application"]
    year: Year
    to_title: Text


Purpose = Annotated[AnnualPurpose | CyclePurpose | TitleApplicationPurpose, Field(discriminator="kind")]


class Record(_Strict):
    """One continuing-education activity; at least one of hours, days, credits."""

    date: RecordDate = Field(description="YYYY-MM-DD")
    subject: Subject
    form: Form
    hours: Amount | None = Field(default=None, description="学时")
    days: Amount | None = Field(default=None, description="天")
    credits: Amount | None = Field(default=None, description="学分")
    course: Text | None = Field(default=None, description="课程名称")
    required_course: Flag = Field(default=False, description="公共必修课")
    credit_class: CreditClass | None = Field(default=None, description="Ⅰ类 / Ⅱ类学分")
    general_practice: Flag = Field(default=False, description="全科医学继续教育学分")
    count: Annotated[int, Field(ge=1, le=1_000_000, strict=True)] = Field(
        default=1, description="汇总记录所代表的学习记录条数（金额为其合计）"
    )

    @model_validator(mode="after")
    def _has_an_amount(self) -> Record:
        if self.hours is None and self.days is None and self.credits is None:
            raise PydanticCustomError("amount_missing", "one of hours, days, credits is required")
        return self


@dataclass(frozen=True, slots=True)
class Summary:
    """Records summarised by their counting attributes (a stored standing's totals): the engine
    reads the same attributes as of a ``Record``; ``count`` records stand behind the amounts."""

    date: dt.date
    subject: str
    form: str
    hours: float | None
    days: float | None
    credits: float | None
    course: str | None
    required_course: bool
    credit_class: str | None
    general_practice: bool
    count: int


class Case(_Strict):
    """A person, the purpose of the evaluation, and their continuing-education records."""

    person: Person
    purpose: Purpose
    records: list[Record]


# The case fields rule sets may test or key parameters by, as a flat mapping ("facts").
FACT_PATHS: tuple[str, ...] = (
    "person.series",
    "person.level",
    "person.title",
    "person.health_facility",
    "purpose.kind",
    "purpose.to_title",
)


def facts_of(case: Case) -> dict[str, str | None]:
    """The case's values for ``FACT_PATHS``; None where the input leaves a field out."""
    person, purpose = case.person, case.purpose
    return {
        "person.series": person.series,
        "person.level": person.level,
        "person.title": person.title,
        "person.health_facility": person.health_facility,
        "purpose.kind": purpose.kind,
        "purpose.to_title": purpose.to_title if isinstance(purpose, TitleApplicationPurpose) else None,
    }


class RequirementResult(BaseModel):
    """One line of the verdict: a requirement, what counted toward it, and its citation."""

    id: str
    description: str = Field(description="Chinese description of the requirement")
    unit: Unit
    required: float | None = Field(description="null where the source states no number")
    counted: float
    met: bool | None = Field(description="null where the source states no number (does not fail)")
    shortfall: float | None
    source: str = Field(description="citation: document number (文号) and article (条款)")


class NotCounted(BaseModel):
    """A record, or part of one, that was not counted, and why."""

    record: int = Field(description="index into the case's records")
    reason: str


class Verdict(BaseModel):
    """The result of evaluating a case against a rule set."""

    ruleset: str
    compliant: bool
    requirements: list[RequirementResult]
    not_counted: list[NotCounted]
    notes: list[str]


class RulesetInfo(BaseModel):
    """One entry of ``list_rulesets()``."""

    id: str
    title: str
    document: str
    region: str
    effective_from: str = Field(description="YYYY-MM-DD")
    effective_to: str | None = Field(description="YYYY-MM-DD, or null while in force")


# --- turning pydantic's errors into one-line "field: reason" messages ---------------------------

_PURPOSE_TAGS = frozenset({"annual", "cycle", "title_application"})

_MESSAGES: dict[str, str] = {
    "missing": "field required",
    "extra_forbidden": "unknown field",
    "float_type": "must be a number",
    "int_type": "must be an integer",
    "int_from_float": "must be an integer",
    "finite_number": "must be a finite number",
    "bool_type": "must be true or false",
    "string_type": "must be a string",
    "string_too_short": "must not be empty",
    "string_too_long": "is too long",
    "model_type": "must be an object",
    "model_attributes_type": "must be an object",
    "dict_type": "must be an object",
    "list_type": "must be an array",
}


def _path(loc: tuple[int | str, ...]) -> str:
    parts: list[str] = []
    for i, item in enumerate(loc):
        if isinstance(item, int):
            parts.append(f"[{item}]")
        elif i > 0 and loc[i - 1] == "purpose" and item in _PURPOSE_TAGS:
            continue  # the discriminated-union branch name is not a field
        else:
            parts.append(f".{item}" if parts else item)
    return "".join(parts) or "case"


def _number(value: Any) -> str:
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _reason(error: Any) -> str:
    kind: str = error["type"]
    ctx: dict[str, Any] = error.get("ctx") or {}
    if kind in _MESSAGES:
        return _MESSAGES[kind]
    if kind == "greater_than_equal":
        return f"must be >= {_number(ctx['ge'])}"
    if kind == "less_than_equal":
        return f"must be <= {_number(ctx['le'])}"
    if kind in ("literal_error", "union_tag_invalid"):
        expected = str(ctx.get("expected", ctx.get("expected_tags", "")))
        return "must be one of: " + expected.replace("'", "").replace(" or ", ", ")
    if kind == "union_tag_not_found":
        return "field required"
    return str(error["msg"]).removeprefix("Value error, ")


def _case_error(exc: ValidationError) -> CaseError:
    found: list[tuple[str, str]] = []
    for error in exc.errors():
        loc = tuple(error["loc"])
        if error["type"] in ("union_tag_invalid", "union_tag_not_found"):
            loc = (*loc, "kind")
        found.append((_path(loc), _reason(error)))
    field, reason = found[0]
    return CaseError(field, reason, found)


def parse_case(case: dict[str, Any] | str | bytes | Case) -> Case:
    """Validate raw input (a dict, or JSON text) into a ``Case``; raise ``CaseError`` on bad input."""
    if isinstance(case, Case):
        return case
    if isinstance(case, str | bytes):
        try:
            case = json.loads(case)
        except json.JSONDecodeError as exc:
            raise CaseError(
                "case", f"malformed JSON at line {exc.lineno} column {exc.colno}: {exc.msg}"
            ) from None
        except UnicodeDecodeError:
            raise CaseError("case", "not valid UTF-8") from None
    if not isinstance(case, dict):
        raise CaseError("case", "must be a JSON object")
    try:
        return Case.model_validate(case)
    except ValidationError as exc:
        raise _case_error(exc) from None
