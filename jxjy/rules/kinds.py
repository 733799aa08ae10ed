"""Requirement kinds: how the records in a window are counted against one requirement.

A new kind of rule (not a new region) is a new function here plus an entry in ``KINDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from . import explain

if TYPE_CHECKING:
    from .model import Cap, Requirement, RuleSet
    from .parameters import Lookup
    from .windows import Window

_NATIVE_FIELD = {"学时": "hours", "学分": "credits"}


@dataclass(frozen=True, slots=True)
class Scope:
    """One requirement over one window, with what is in force for it (built by ``plan``)."""

    requirement: Requirement
    ruleset: RuleSet
    window: Window
    lookup: Lookup
    conversions: tuple[tuple[str, float], ...]  # (record field, factor) into the requirement's unit
    caps: tuple[tuple[Cap, float], ...]  # each cap with its limit in force
    prefix: str  # "2017年度：" when a cycle is evaluated year by year
    required: float | None  # None: the source states no number
    line: dict[str, Any]  # the verdict line's parts that do not depend on records


@dataclass(slots=True)
class Tally:
    counted: float = 0.0
    used: set[int] = field(default_factory=set)
    not_counted: list[tuple[int, str]] = field(default_factory=list)


def quantity(record: Any, scope: Scope) -> float | str:
    """The record's amount in the requirement's unit, or the reason it has none."""
    unit = scope.requirement.unit
    native = getattr(record, _NATIVE_FIELD[unit])
    if native is not None:
        return float(native)
    for source_field, factor in scope.conversions:
        value = getattr(record, source_field)
        if value is not None:
            return float(value) * factor
    return explain.not_measurable(record, unit, frozenset(f for f, _ in scope.conversions))


Records = Sequence[tuple[int, Any]]  # (index in the case, record), in date order


def count_minimum(scope: Scope, records: Records) -> Tally:
    """Sum of 学时/学分 of matching records; caps limit what some records add, the excess is reported."""
    requirement = scope.requirement
    remaining = [limit for _, limit in scope.caps]
    tally = Tally()
    for index, record in records:
        if not requirement.records.matches(record):
            continue
        amount = quantity(record, scope)
        if isinstance(amount, str):
            tally.not_counted.append((index, amount))
            continue
        tally.used.add(index)
        for position, (cap, limit) in enumerate(scope.caps):
            if not cap.records.matches(record):
                continue
            allowed = min(amount, remaining[position])
            excess = amount - allowed
            remaining[position] -= allowed
            if excess > 1e-9:
                reason = explain.render(
                    cap.reason,
                    scope.ruleset,
                    scope.lookup,
                    cap=explain.amount(limit),
                    excess=explain.amount(excess),
                    unit=requirement.unit,
                )
                tally.not_counted.append((index, scope.prefix + reason))
            amount = allowed
        tally.counted += amount
    return tally


def count_records(scope: Scope, records: Records) -> Tally:
    """Number of matching records (次), e.g. trainings attended; a summarised record counts as many."""
    tally = Tally()
    for index, record in records:
        if scope.requirement.records.matches(record):
            tally.used.add(index)
            tally.counted += record.count  # a summarised record stands for `count` records
    return tally


def count_distinct_courses(scope: Scope, records: Records) -> Tally:
    """Number of distinct course names (门) among matching records."""
    tally = Tally()
    courses: set[str] = set()
    for index, record in records:
        if not scope.requirement.records.matches(record):
            continue
        name = (record.course or "").strip()
        if not name:
            tally.not_counted.append((index, explain.course_missing(scope.requirement.name)))
            continue
        tally.used.add(index)
        courses.add(name)
    tally.counted = float(len(courses))
    return tally


@dataclass(frozen=True, slots=True)
class Kind:
    units: tuple[str, ...]
    count: Callable[[Scope, Records], Tally]


KINDS: dict[str, Kind] = {
    "minimum": Kind(("学时", "学分"), count_minimum),
    "count": Kind(("次",), count_records),
    "distinct_courses": Kind(("门",), count_distinct_courses),
}
