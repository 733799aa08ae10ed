"""Legal numbers as data: parameters with dated, cited values, optionally keyed by a case field.

A value of ``None`` means the source explicitly states no number ("not specified by the source").
Asking for a value where none is in force (before its first date, or for a key the data does not
cover) is an error, never a silent zero.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from fractions import Fraction

from .errors import CaseError


@dataclass(frozen=True, slots=True)
class Lookup:
    """Where and for whom a parameter is read: the case's facts (see ``schema.FACT_PATHS``), the date,
    and the input field that set the date (named in errors)."""

    facts: Mapping[str, str | None]
    on: dt.date
    date_field: str
    ruleset_id: str


@dataclass(frozen=True, slots=True)
class DatedValue:
    start: dt.date
    value: Fraction | None  # exact, so that e.g. 1/3 × 72 is 24
    reference: str

    @property
    def as_float(self) -> float | None:
        return None if self.value is None else float(self.value)


@dataclass(frozen=True, slots=True, eq=False)  # hashed by identity: loaded once, then cached
class Parameter:
    name: str
    description: str
    unit: str
    by: str | None  # a case path such as "person.level", or None for a single series of values
    series: dict[str, tuple[DatedValue, ...]]  # key "" when ``by`` is None

    def at(self, lookup: Lookup) -> DatedValue:
        if self.by is None:
            values = self.series[""]
        else:
            key = lookup.facts.get(self.by)
            if key is None:
                raise CaseError(self.by, f"field required by rule set {lookup.ruleset_id}")
            found = self.series.get(key)
            if found is None:
                allowed = ", ".join(self.series)
                raise CaseError(self.by, f"must be one of: {allowed} (rule set {lookup.ruleset_id})")
            values = found
        in_force: DatedValue | None = None
        for entry in values:
            if entry.start <= lookup.on:
                in_force = entry
            else:
                break
        if in_force is None:
            raise CaseError(
                lookup.date_field,
                f"rule set {lookup.ruleset_id} has no {self.name} ({self.description}) in force on "
                f"{lookup.on.isoformat()}; it applies from {values[0].start.isoformat()}",
            )
        return in_force


@dataclass(frozen=True, slots=True)
class Expr:
    """A product of parameters, e.g. ``public_share_max * annual_total_hours``."""

    factors: tuple[Parameter, ...]

    def at(self, lookup: Lookup) -> tuple[float | None, str]:
        """The value (None if any factor is unspecified) and the citation(s) of the values used."""
        if len(self.factors) == 1:
            entry = self.factors[0].at(lookup)
            return entry.as_float, entry.reference
        product = Fraction(1)
        unspecified = False
        references: list[str] = []
        for parameter in self.factors:
            entry = parameter.at(lookup)
            if entry.reference not in references:
                references.append(entry.reference)
            if entry.value is None:
                unspecified = True
            else:
                product *= entry.value
        return (None if unspecified else float(product)), "；".join(references)


def number(value: float | Fraction | int) -> int | float:
    """A JSON-friendly number: integral values as int, others rounded to 6 places."""
    value = float(value)
    if value.is_integer():
        return int(value)
    rounded = round(value, 6)
    return int(rounded) if rounded.is_integer() else rounded
