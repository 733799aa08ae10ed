"""The Chinese wording of verdicts: descriptions, reasons for records not counted, and notes."""

from __future__ import annotations

import datetime as dt
import functools
from typing import TYPE_CHECKING, Any

from .parameters import Lookup, number

if TYPE_CHECKING:
    from .model import RuleSet

_FIELD_NAMES = {"hours": "学时", "days": "天数", "credits": "学分"}


def amount(value: float | None) -> str:
    return "未规定" if value is None else str(number(value))


class _Fields(dict[str, Any]):
    """Template fields; names not given explicitly are rule set parameters read at the lookup date."""

    def __init__(self, ruleset: RuleSet, lookup: Lookup, **given: Any) -> None:
        super().__init__(given)
        self.ruleset = ruleset
        self.lookup = lookup

    def __missing__(self, key: str) -> str:
        parameter = self.ruleset.parameters[key]
        entry = parameter.at(self.lookup)
        return amount(None if entry.value is None else float(entry.value))


def render(template: str, ruleset: RuleSet, lookup: Lookup, **given: Any) -> str:
    """Fill ``{name}`` placeholders from ``given`` or from the rule set's parameters."""
    return template.format_map(_Fields(ruleset, lookup, **given))


def day(value: dt.date) -> str:
    return value.isoformat()


def window_note(start: dt.date, end: dt.date) -> str:
    return f"评估期间：{day(start)}至{day(end)}，只计入该期间内的记录。"


def year_prefix(year: int) -> str:
    return f"{year}年度："


def unspecified(name: str) -> str:
    return f"{name}：来源文件未规定具体数额（not specified by the source），不据此判定是否达标。"


def outside_window(record_date: dt.date, start: dt.date, end: dt.date) -> str:
    return f"记录日期{day(record_date)}不在评估期间（{day(start)}至{day(end)}）内，不计入。"


def not_measurable(record: Any, unit: str, convertible: frozenset[str]) -> str:
    present = tuple(f for f in ("hours", "days", "credits") if getattr(record, f) is not None)
    return _not_measurable(present, unit, convertible)


@functools.cache
def _not_measurable(present: tuple[str, ...], unit: str, convertible: frozenset[str]) -> str:
    if unit == "学时" and "days" in present and "days" not in convertible:
        return "来源文件未规定天数与学时的折算，按天数填写的记录不计入学时要求；请按学时填写。"
    given = "、".join(_FIELD_NAMES[f] for f in present)
    return f"该要求以{unit}计，本记录只填写了{given}，不计入。"


def course_missing(name: str) -> str:
    return f"本记录未填写课程名称（course），不能计入“{name}”的门数。"


def matches_nothing() -> str:
    return "本记录不符合本规则集任何要求的计入条件，不计入。"


def cycle_length_mismatch(actual: int, expected: int) -> str:
    return f"所评估期间为{actual}年，与来源文件规定的周期（{expected}年）不一致；各项要求按所给期间计算。"


def window_clipped(ruleset: RuleSet, length: int, first_year: int) -> str:
    return (
        f"现任职称的继续教育周期为{length}年，但周期起点不早于{first_year}年"
        f"（{ruleset.document}自该年起实施），评估期间自{first_year}年1月1日起。"
    )


def _years(years: list[int]) -> str:
    if years == list(range(years[0], years[-1] + 1)) and len(years) > 1:
        return f"{years[0]}—{years[-1]}年"
    return "、".join(f"{y}年" for y in years)


def years_not_in_force(ruleset: RuleSet, years: list[int]) -> str:
    until = f"，{day(ruleset.effective_to)}废止" if ruleset.effective_to is not None else ""
    return (
        f"{_years(years)}不在{ruleset.document}的施行期间（{day(ruleset.effective_from)}起施行{until}，"
        f"{ruleset.effective_reference}），本规则集不评估这些年度；其余年度照常评估。"
    )


def record_not_in_force(record_date: dt.date, ruleset: RuleSet) -> str:
    return (
        f"记录日期{day(record_date)}所在的{record_date.year}年度不在{ruleset.document}的施行期间"
        f"（{day(ruleset.effective_from)}起施行），本规则集不评估该年度，不计入。"
    )


def note(text: str, source: str) -> str:
    return f"{text}（{source}）"
