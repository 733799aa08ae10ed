"""Evaluation windows: which dates' records count, derived from the purpose (and, for title
applications, from the requirement's window kind)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import NamedTuple

from . import explain
from .model import RuleSet, WindowSpec
from .parameters import Lookup


class PurposeKey(NamedTuple):
    """The parts of a purpose that decide windows (hashable, for caching plans)."""

    kind: str
    year: int | None
    start: int | None
    end: int | None


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


def purpose_window(purpose: PurposeKey) -> tuple[Window, str]:
    """The window of an annual or cycle purpose and the input field that sets its earliest date."""
    if purpose.kind == "annual" and purpose.year is not None:
        return Window.years(purpose.year, purpose.year), "purpose.year"
    if purpose.kind == "cycle" and purpose.start is not None and purpose.end is not None:
        return Window.years(purpose.start, purpose.end), "purpose.start"
    raise ValueError(f"purpose {purpose.kind} has no window of its own")


WindowKind = Callable[[WindowSpec, PurposeKey, Mapping[str, str | None], RuleSet], tuple[Window, list[str]]]


def _application_year(
    spec: WindowSpec, purpose: PurposeKey, facts: Mapping[str, str | None], ruleset: RuleSet
) -> tuple[Window, list[str]]:
    assert purpose.year is not None
    return Window.years(purpose.year, purpose.year), []


def _trailing_years(
    spec: WindowSpec, purpose: PurposeKey, facts: Mapping[str, str | None], ruleset: RuleSet
) -> tuple[Window, list[str]]:
    """The cycle of the current title that ends with the application year, never before the rule set began."""
    assert purpose.year is not None and spec.years is not None
    year = purpose.year
    length, _ = spec.years.at(Lookup(facts, dt.date(year, 12, 31), "purpose.year", ruleset.id))
    if length is None:
        raise ValueError(f"{ruleset.id}: trailing_years needs a cycle length")
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
