"""Reading a person's dated placements (任职经历): where they were on a given day.

The rule for a year split between two regions lives in `region_for_year` and is documented in
jxjy/records/README.md ("Which region judges a year"). Pure functions over plain tuples, so the
standings refresh can load the history of a whole batch with one query."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

# (region id, valid_from, valid_to or None), ordered by valid_from then id
Span = tuple[int, dt.date, dt.date | None]


@dataclass(frozen=True, slots=True)
class History:
    """One person's placements; `current_region_id` answers when there are none."""

    spans: Sequence[Span]
    current_region_id: int

    def region_on(self, day: dt.date) -> int:
        """The region the person was in on `day`. Before the first known placement: the first one
        (the system knows nothing earlier); a placement that lasted no day never answers."""
        if not self.spans:
            return self.current_region_id
        if day < self.spans[0][1]:
            return self.spans[0][0]
        for region_id, start, end in self.spans:
            if start <= day and (end is None or day < end):
                return region_id
        return self.current_region_id

    def region_for_year(self, start_year: int, end_year: int, *, as_of: dt.date | None = None) -> int:
        """Policy choice (the regulations are silent): a year — or a cycle, by its last year — is
        judged under the rule set of the region the person was in on 31 December of it; asked as of
        an earlier day, the region on that day."""
        day = dt.date(end_year, 12, 31)
        if as_of is not None and as_of < day:
            day = as_of
        return self.region_on(day)


def histories(rows: Iterable[tuple[int, int, dt.date, dt.date | None]],
              current: dict[int, int]) -> dict[int, History]:
    """(professional id, region id, valid_from, valid_to) rows ordered by person then valid_from →
    each person's History (people without rows get an empty one that answers their current region)."""
    spans: dict[int, list[Span]] = {pk: [] for pk in current}
    for pk, region_id, start, end in rows:
        spans.setdefault(pk, []).append((region_id, start, end))
    return {pk: History(tuple(s), current.get(pk, s[0][0] if s else 0)) for pk, s in spans.items()}
