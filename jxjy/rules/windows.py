"""Evaluation windows: which dates' records count, derived from the purpose (and, for title
applications, from the requirement's window kind)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from . import explain
from .model import RuleSet, WindowSpec
from .parameters import Lookup


@dataclass(frozen=True, slots=True)
class Window:
    start: dt.date
    end: dt.date

    @classmethod
    def years(cls, first: int, last: int) -> Window:
        return cls(dt.date(first, 1, 1), dt.date(last, 12, 31))

    @property
    def year_count(self) -> int:
        return self.end.year - self.start.year + 1

    def contains(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def calendar_years(self) -> list[Window]:
        return [Window.years(y, y) for y in range(self.start.year, self.end.year + 1)]


def purpose_window(purpose: Any) -> tuple[Window, str]:
    """The window of an annual or cycle purpose and the input field that sets its earliest date."""
    if purpose.kind == "annual":
        return Window.years(purpose.year, purpose.year), "purpose.year"
    if purpose.kind == "cycle":
        return Window.years(purpose.start, purpose.end), "purpose.start"
    raise ValueError(f"purpose {purpose.kind} has no window of its own")


WindowKind = Callable[[WindowSpec, Any, RuleSet], tuple[Window, list[str]]]


def _application_year(spec: WindowSpec, case: Any, ruleset: RuleSet) -> tuple[Window, list[str]]:
    year = case.purpose.year
    return Window.years(year, year), []


def _trailing_years(spec: WindowSpec, case: Any, ruleset: RuleSet) -> tuple[Window, list[str]]:
    """The cycle of the current title that ends with the application year, never before the rule set began."""
    if spec.years is None:
        raise ValueError("trailing_years needs 'years'")
    year = case.purpose.year
    lookup = Lookup(case, dt.date(year, 12, 31), "purpose.year", ruleset.id)
    length, _ = spec.years.at(lookup)
    if length is None:
        raise ValueError("trailing_years: cycle length not specified")
    first = year - int(length) + 1
    notes = []
    if first < ruleset.effective_from.year:
        first = ruleset.effective_from.year
        notes.append(explain.window_clipped(ruleset, int(length), first))
    return Window.years(first, year), notes


WINDOW_KINDS: dict[str, WindowKind] = {
    "application_year": _application_year,
    "trailing_years": _trailing_years,
}
