"""The compiled, in-memory form of a rule set data file (see ``loader`` for the file format)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from .parameters import Expr, Parameter
from .procedures import DatedProcedure


@dataclass(frozen=True, slots=True)
class Condition:
    """``path`` (e.g. ``person.series``) must hold one of ``allowed``."""

    path: str
    allowed: frozenset[str]


class RecordFilter:
    """Which records a requirement or cap looks at: record field -> allowed values (none: all records)."""

    __slots__ = ("fields", "matches")

    def __init__(self, fields: tuple[tuple[str, frozenset[Any]], ...]) -> None:
        self.fields = fields
        self.matches: Callable[[Any], bool] = self._predicate(fields)

    @staticmethod
    def _predicate(fields: tuple[tuple[str, frozenset[Any]], ...]) -> Callable[[Any], bool]:
        # Specialised because this runs for every record in every window.
        if not fields:
            return lambda record: True
        if len(fields) == 1:
            ((name, allowed),) = fields
            return lambda record: getattr(record, name) in allowed
        return lambda record: all(getattr(record, name) in allowed for name, allowed in fields)

    def __repr__(self) -> str:
        return f"RecordFilter({self.fields!r})"


@dataclass(frozen=True, slots=True)
class Cap:
    """Matching records count toward the requirement only up to ``amount``; the excess is reported."""

    records: RecordFilter
    amount: Expr
    reason: str  # template: {cap}, {excess}, {unit} and parameter names


@dataclass(frozen=True, slots=True)
class WindowSpec:
    """How a title-application requirement derives its window (kinds in ``windows.WINDOW_KINDS``)."""

    kind: str
    years: Expr | None


@dataclass(frozen=True, slots=True)
class Conversion:
    """A record field that converts into a unit, e.g. days -> 学时 at ``factor`` 学时 a day."""

    source_field: str
    unit: str
    factor: Expr


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: loaded once, then cached
class Requirement:
    id: str
    name: str
    kind: str
    unit: str
    when: tuple[Condition, ...]
    period: str  # "window": once over the whole window; "year": once per calendar year in it
    window: WindowSpec | None
    records: RecordFilter
    amount: Expr
    caps: tuple[Cap, ...]
    expected_years: Expr | None
    description: str  # template
    source: str


@dataclass(frozen=True, slots=True)
class NoteRule:
    text: str  # template
    source: str
    when: tuple[Condition, ...]


@dataclass(frozen=True, slots=True)
class CycleRule:
    """People matching ``when`` are judged over cycles of ``years`` years: from ``first_year`` on
    (anchor fixed), or from the year after their current title was obtained (anchor title_obtained,
    never before ``first_year``)."""

    when: tuple[Condition, ...]
    years: Expr
    anchor: str
    first_year: int
    reference: str


@dataclass(frozen=True, slots=True, eq=False)  # compared and hashed by identity: loaded once, cached
class RuleSet:
    id: str
    title: str
    document: str
    issuer: str
    region: str
    issued: dt.date | None
    effective_from: dt.date
    effective_to: dt.date | None
    effective_reference: str
    applies_to: tuple[Condition, ...]
    conversions: tuple[Conversion, ...]
    parameters: dict[str, Parameter]
    requirements: tuple[Requirement, ...]
    notes: tuple[NoteRule, ...]
    cycles: tuple[CycleRule, ...] = ()
    procedures: dict[str, tuple[DatedProcedure, ...]] = field(default_factory=dict)

    def info(self) -> dict[str, str | None]:
        return {
            "id": self.id,
            "title": self.title,
            "document": self.document,
            "region": self.region,
            "effective_from": self.effective_from.isoformat(),
            "effective_to": self.effective_to.isoformat() if self.effective_to else None,
        }


def unmet_conditions(
    conditions: tuple[Condition, ...], facts: Mapping[str, str | None]
) -> tuple[list[Condition], list[Condition]]:
    """Split conditions into (failed, missing-input); both empty means they all hold."""
    failed: list[Condition] = []
    missing: list[Condition] = []
    for condition in conditions:
        value = facts.get(condition.path)
        if value is None:
            missing.append(condition)
        elif value not in condition.allowed:
            failed.append(condition)
    return failed, missing
