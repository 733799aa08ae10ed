"""Reading rule set data files (``data/<id>.yaml``) into ``RuleSet`` objects, once per process.

The file format is documented in this package's README. Everything is checked at load time
(parameter names, case paths, enum values, units per kind), so a typo in a data file fails the
test suite instead of silently changing a verdict.
"""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import typing
from fractions import Fraction
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from . import schema
from .errors import RulesetDataError, UnknownRuleset
from .kinds import KINDS
from .model import (
    Cap,
    Condition,
    Conversion,
    CycleRule,
    NoteRule,
    RecordFilter,
    Requirement,
    RuleSet,
    WindowSpec,
)
from .parameters import DatedValue, Expr, Parameter
from .procedures import ValueFile as ProcedureValueFile
from .procedures import compile_section
from .windows import WINDOW_KINDS

DATA_DIR = Path(__file__).with_name("data")

# The allowed values of each case fact (``schema.FACT_PATHS``) that a rule set may test (``when``,
# ``applies_to``) or key parameters by (``by``); None means free text (titles).
CASE_PATHS: dict[str, frozenset[str] | None] = {
    "person.series": frozenset(typing.get_args(schema.Series)),
    "person.level": frozenset(typing.get_args(schema.Level)),
    "person.title": None,
    "person.health_facility": frozenset(typing.get_args(schema.HealthFacility)),
    "purpose.kind": frozenset(typing.get_args(schema.PurposeKind)),
    "purpose.to_title": None,
}

RECORD_FIELDS: dict[str, frozenset[Any]] = {
    "subject": frozenset(typing.get_args(schema.Subject)),
    "form": frozenset(typing.get_args(schema.Form)),
    "credit_class": frozenset(typing.get_args(schema.CreditClass)),
    "required_course": frozenset({True, False}),
    "general_practice": frozenset({True, False}),
}


class _File(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)


NonEmpty = typing.Annotated[str, Field(min_length=1)]


class ValueFile(_File):
    start: dt.date = Field(alias="from")
    value: int | float | str | None
    reference: NonEmpty


class ParameterFile(_File):
    description: NonEmpty
    unit: NonEmpty
    by: str | None = None
    values: list[ValueFile] | dict[str, list[ValueFile]]


class CapFile(_File):
    records: dict[str, Any]
    amount: NonEmpty
    reason: NonEmpty


class WindowFile(_File):
    kind: NonEmpty
    years: str | None = None


class RequirementFile(_File):
    id: NonEmpty
    name: NonEmpty
    kind: NonEmpty
    unit: NonEmpty
    when: dict[str, list[str]]
    period: Literal["window", "year"] = "window"
    window: WindowFile | None = None
    records: dict[str, Any] = {}
    amount: NonEmpty
    caps: list[CapFile] = []
    expected_years: str | None = None
    description: NonEmpty
    source: NonEmpty


class NoteFile(_File):
    text: NonEmpty
    source: NonEmpty
    when: dict[str, list[str]] = {}


class ConversionFile(_File):
    source_field: Literal["days"] = Field(alias="from")
    unit: Literal["学时"] = Field(alias="to")
    factor: NonEmpty


class CycleFile(_File):
    when: dict[str, list[str]]
    years: NonEmpty
    anchor: Literal["fixed", "title_obtained"]
    first_year: int = Field(ge=1949, le=2100)
    reference: NonEmpty


class RulesetFile(_File):
    id: NonEmpty
    title: NonEmpty
    document: NonEmpty
    issuer: NonEmpty
    region: NonEmpty
    issued: dt.date | None = None
    effective_from: dt.date
    effective_to: dt.date | None = None
    effective_reference: NonEmpty
    applies_to: dict[str, list[str]] = {}
    conversions: list[ConversionFile] = []
    parameters: dict[str, ParameterFile]
    requirements: list[RequirementFile]
    notes: list[NoteFile] = []
    cycles: list[CycleFile] = []
    procedures: dict[str, list[ProcedureValueFile]] = {}


class _Compiler:
    def __init__(self, spec: RulesetFile, where: str) -> None:
        self.spec = spec
        self.where = where
        self.parameters = {name: self._parameter(name, p) for name, p in spec.parameters.items()}

    def fail(self, message: str) -> RulesetDataError:
        return RulesetDataError(f"{self.where}: {message}")

    def _value(self, name: str, entry: ValueFile) -> DatedValue:
        raw = entry.value
        if raw is None:
            value = None
        else:
            try:
                value = Fraction(raw)  # accepts 72, 0.5 and "1/3"
            except (ValueError, ZeroDivisionError):
                raise self.fail(f"parameter {name}: value {raw!r} is not a number") from None
        return DatedValue(entry.start, value, entry.reference.strip())

    def _series(self, name: str, entries: list[ValueFile]) -> tuple[DatedValue, ...]:
        if not entries:
            raise self.fail(f"parameter {name}: no values")
        starts = [e.start for e in entries]
        if starts != sorted(set(starts)):
            raise self.fail(f"parameter {name}: dates must be strictly increasing")
        return tuple(self._value(name, e) for e in entries)

    def _parameter(self, name: str, spec: ParameterFile) -> Parameter:
        if spec.by is None:
            if not isinstance(spec.values, list):
                raise self.fail(f"parameter {name}: keyed values need 'by'")
            series = {"": self._series(name, spec.values)}
            return Parameter(name, spec.description, spec.unit, None, series)
        if not isinstance(spec.values, dict):
            raise self.fail(f"parameter {name}: 'by' needs values keyed by {spec.by}")
        allowed = self._path(spec.by, f"parameter {name}")
        for key in spec.values:
            if allowed is not None and key not in allowed:
                raise self.fail(f"parameter {name}: key {key!r} is not a value of {spec.by}")
        series = {str(key): self._series(f"{name}[{key}]", v) for key, v in spec.values.items()}
        return Parameter(name, spec.description, spec.unit, spec.by, series)

    def _path(self, path: str, where: str) -> frozenset[str] | None:
        if path not in CASE_PATHS:
            raise self.fail(f"{where}: unknown case field {path!r}; known: {', '.join(CASE_PATHS)}")
        return CASE_PATHS[path]

    def conditions(self, when: dict[str, list[str]], where: str) -> tuple[Condition, ...]:
        out = []
        for path, values in when.items():
            allowed = self._path(path, where)
            bad = [v for v in values if allowed is not None and v not in allowed]
            if bad or not values:
                raise self.fail(f"{where}: bad values {bad or values} for {path}")
            out.append(Condition(path, frozenset(values)))
        return tuple(out)

    def expr(self, text: str, where: str) -> Expr:
        factors = []
        for name in (part.strip() for part in text.split("*")):
            if name not in self.parameters:
                raise self.fail(f"{where}: unknown parameter {name!r}")
            factors.append(self.parameters[name])
        return Expr(tuple(factors))

    def record_filter(self, spec: dict[str, Any], where: str) -> RecordFilter:
        fields = []
        for name, raw in spec.items():
            if name not in RECORD_FIELDS:
                raise self.fail(f"{where}: unknown record field {name!r}")
            values = frozenset(raw if isinstance(raw, list) else [raw])
            if not values or not values <= RECORD_FIELDS[name]:
                raise self.fail(f"{where}: bad values {sorted(map(str, values))} for record field {name}")
            fields.append((name, values))
        return RecordFilter(tuple(fields))

    def requirement(self, spec: RequirementFile) -> Requirement:
        where = f"requirement {spec.id}"
        kind = KINDS.get(spec.kind)
        if kind is None:
            raise self.fail(f"{where}: unknown kind {spec.kind!r}; known: {', '.join(KINDS)}")
        if spec.unit not in kind.units:
            raise self.fail(f"{where}: kind {spec.kind} counts in {'/'.join(kind.units)}, not {spec.unit}")
        when = self.conditions(spec.when, where)
        kinds = next((c.allowed for c in when if c.path == "purpose.kind"), None)
        if kinds is None:
            raise self.fail(f"{where}: 'when' must name the purpose.kind it applies to")
        if ("title_application" in kinds) != (spec.window is not None) or (
            spec.window is not None and kinds != {"title_application"}
        ):
            raise self.fail(f"{where}: a window spec is needed for, and only for, title_application")
        window = None
        if spec.window is not None:
            if spec.window.kind not in WINDOW_KINDS:
                raise self.fail(f"{where}: unknown window kind {spec.window.kind!r}")
            years = self.expr(spec.window.years, where) if spec.window.years else None
            window = WindowSpec(spec.window.kind, years)
        if spec.caps and spec.kind != "minimum":
            raise self.fail(f"{where}: only 'minimum' requirements take caps")
        caps = tuple(
            Cap(self.record_filter(c.records, where), self.expr(c.amount, where), c.reason) for c in spec.caps
        )
        return Requirement(
            id=spec.id,
            name=spec.name,
            kind=spec.kind,
            unit=spec.unit,
            when=when,
            period=spec.period,
            window=window,
            records=self.record_filter(spec.records, where),
            amount=self.expr(spec.amount, where),
            caps=caps,
            expected_years=self.expr(spec.expected_years, where) if spec.expected_years else None,
            description=spec.description,
            source=spec.source.strip(),
        )

    def compile(self) -> RuleSet:
        spec = self.spec
        requirements = tuple(self.requirement(r) for r in spec.requirements)
        if not requirements:
            raise self.fail("no requirements")
        return RuleSet(
            id=spec.id,
            title=spec.title,
            document=spec.document,
            issuer=spec.issuer,
            region=spec.region,
            issued=spec.issued,
            effective_from=spec.effective_from,
            effective_to=spec.effective_to,
            effective_reference=spec.effective_reference,
            applies_to=self.conditions(spec.applies_to, "applies_to"),
            conversions=tuple(
                Conversion(c.source_field, c.unit, self.expr(c.factor, "conversion"))
                for c in spec.conversions
            ),
            parameters=self.parameters,
            requirements=requirements,
            notes=tuple(
                NoteRule(n.text, n.source.strip(), self.conditions(n.when, "note")) for n in spec.notes
            ),
            cycles=tuple(
                CycleRule(self.conditions(c.when, "cycle"), self.expr(c.years, "cycle"), c.anchor, c.first_year,
                          c.reference.strip())
                for c in spec.cycles
            ),
            procedures=compile_section(spec.procedures, self.where),
        )


def compile_ruleset(raw: Any, where: str) -> RuleSet:
    """Check and compile one parsed data file."""
    try:
        spec = RulesetFile.model_validate(raw)
    except ValidationError as exc:
        raise RulesetDataError(f"{where}: {exc}") from None
    return _Compiler(spec, where).compile()


def _yaml_loader() -> type[yaml.SafeLoader]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def ruleset_ids() -> tuple[str, ...]:
    return tuple(sorted(p.stem for p in DATA_DIR.glob("*.yaml")))


@functools.cache
def load_ruleset(ruleset_id: str) -> RuleSet:
    """The compiled rule set ``ruleset_id``, parsed once per process."""
    if ruleset_id not in ruleset_ids():
        raise UnknownRuleset(ruleset_id, list(ruleset_ids()))
    path = DATA_DIR / f"{ruleset_id}.yaml"
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=_yaml_loader())  # noqa: S506 (a SafeLoader)
    except yaml.YAMLError as exc:
        raise RulesetDataError(f"{path.name}: {exc}") from None
    ruleset = compile_ruleset(raw, path.name)
    if ruleset.id != ruleset_id:
        raise RulesetDataError(f"{path.name}: id {ruleset.id!r} does not match the file name")
    return ruleset


@functools.cache
def ruleset_version(ruleset_id: str) -> str:
    """A short fingerprint of the rule set's data file: stored verdicts name the version that judged
    them, so a changed file shows which ones are stale."""
    if ruleset_id not in ruleset_ids():
        raise UnknownRuleset(ruleset_id, list(ruleset_ids()))
    return hashlib.sha256((DATA_DIR / f"{ruleset_id}.yaml").read_bytes()).hexdigest()[:12]
