"""Fraud signals (issue 14 §8): the same person cannot earn two things at once.

Every activity that credits time — online study sessions, a training class's half days, declared
or unit-registered records — is seen here as a `TimeClaim` of one person: a span of clock time
(or, for a record that gives only a date, a load on that day) and the 学时 it earns. The apps that
own the data register a claim source (`claim_source`), so this module never imports the apps
above it; `jxjy.records.services.overlaps` finds two claims of one person whose spans cross
(`Overlap`) and days whose claims add up to more than a day can hold (`ImpossibleDay`)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.utils import timezone


class ClaimKind:
    ONLINE = "online"
    CLASS = "class"
    DECLARED = "declared"

    LABELS = {ONLINE: "网络学习", CLASS: "培训班考勤", DECLARED: "申报记录"}


@dataclass(frozen=True, slots=True)
class TimeClaim:
    """Time one person was credited for. `start`/`end` are aware datetimes; a claim without a
    known time of day (a record giving only its date) has `timed=False` and spans its whole day(s):
    it counts towards the day's load and crosses any timed claim of those days."""

    professional_id: int
    kind: str
    ref: str  # the activity (one study session, one class half day, one record)
    label: str  # what a reviewer reads: course / class / record, in Chinese
    start: dt.datetime
    end: dt.datetime
    hours: Decimal  # 学时 credited by this claim
    timed: bool = True
    link: str = ""

    @property
    def kind_label(self) -> str:
        return ClaimKind.LABELS.get(self.kind, self.kind)

    @property
    def local_start(self) -> dt.datetime:
        return timezone.localtime(self.start)

    @property
    def local_end(self) -> dt.datetime:
        return timezone.localtime(self.end)

    def days(self) -> list[dt.date]:
        first = self.local_start.date()
        last = (self.local_end - dt.timedelta(microseconds=1)).date() if self.end > self.start else first
        return [first + dt.timedelta(days=n) for n in range((last - first).days + 1)]


# A source answers the claims of the given people (ids: a list, or a subquery of `pk`s) between
# two dates (inclusive, local time).
ClaimSource = Callable[[Any, dt.date, dt.date], Iterable[TimeClaim]]
_SOURCES: dict[str, ClaimSource] = {}


def claim_source(kind: str) -> Callable[[ClaimSource], ClaimSource]:
    """Registers the function that lists one kind of claims (called from the owning app's ready())."""

    def register(fn: ClaimSource) -> ClaimSource:
        _SOURCES[kind] = fn
        return fn

    return register


def claims_of(professional_ids: Any, start: dt.date, end: dt.date) -> list[TimeClaim]:
    """Every registered kind's claims of these people that touch the dates `start`..`end`."""
    out: list[TimeClaim] = []
    for _kind, source in sorted(_SOURCES.items()):
        out.extend(source(professional_ids, start, end))
    return out


def day_span(day: dt.date, days: int = 1) -> tuple[dt.datetime, dt.datetime]:
    """Local midnight of `day` to local midnight `days` later, aware."""
    tz = timezone.get_current_timezone()
    first = dt.datetime.combine(day, dt.time.min, tzinfo=tz)
    return first, dt.datetime.combine(day + dt.timedelta(days=days), dt.time.min, tzinfo=tz)


# --- Detection ---------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Overlap:
    """Two claims of one person whose times cross: at most one of them can be true."""

    first: TimeClaim
    second: TimeClaim
    start: dt.datetime
    end: dt.datetime

    @property
    def professional_id(self) -> int:
        return self.first.professional_id

    @property
    def minutes(self) -> int:
        return max(1, round((self.end - self.start).total_seconds() / 60))

    @property
    def date(self) -> dt.date:
        return timezone.localtime(self.start).date()

    @property
    def cross_activity(self) -> bool:
        return self.first.kind != self.second.kind


@dataclass(frozen=True, slots=True)
class ImpossibleDay:
    """A day on which one person was credited more 学时 than a day can hold."""

    professional_id: int
    date: dt.date
    hours: Decimal
    capacity: Decimal
    basis: str  # the capacity's reference (a default says it is one)
    claims: tuple[TimeClaim, ...]


def find_overlaps(claims: Iterable[TimeClaim]) -> list[Overlap]:
    """Every pair of claims of the same person, from different activities, whose spans cross by
    at least a second. A sweep over each person's claims sorted by start: O(n log n + overlaps)."""
    by_person: dict[int, list[TimeClaim]] = {}
    for claim in claims:
        if claim.end > claim.start:
            by_person.setdefault(claim.professional_id, []).append(claim)
    found: list[Overlap] = []
    for person_claims in by_person.values():
        person_claims.sort(key=lambda c: (c.start, c.end, c.ref))
        active: list[TimeClaim] = []
        for claim in person_claims:
            active = [a for a in active if a.end > claim.start]
            for earlier in active:
                if earlier.ref == claim.ref or (not earlier.timed and not claim.timed):
                    continue  # the same activity; two date-only records are a matter for the day's load
                start, end = max(earlier.start, claim.start), min(earlier.end, claim.end)
                if (end - start).total_seconds() >= 1:
                    found.append(Overlap(earlier, claim, start, end))
            active.append(claim)
    found.sort(key=lambda o: (o.start, o.professional_id), reverse=True)
    return found


def find_impossible_days(
    claims: Iterable[TimeClaim], *, capacity: Callable[[int, dt.date], tuple[Decimal, str]]
) -> list[ImpossibleDay]:
    """Days whose claims of one person add up to more 学时 than `capacity(person, day)` allows. A
    claim spanning several days spreads its 学时 evenly over them."""
    load: dict[tuple[int, dt.date], list[tuple[TimeClaim, Decimal]]] = {}
    for claim in claims:
        days = claim.days()
        share = claim.hours / len(days)
        for day in days:
            load.setdefault((claim.professional_id, day), []).append((claim, share))
    found: list[ImpossibleDay] = []
    for (person, day), parts in load.items():
        total = sum((share for _, share in parts), Decimal(0))
        limit, basis = capacity(person, day)
        if total > limit:
            found.append(ImpossibleDay(person, day, total.quantize(Decimal("0.1")), limit, basis,
                                       tuple(c for c, _ in parts)))
    found.sort(key=lambda d: (d.date, d.professional_id), reverse=True)
    return found


# --- The rule set's numbers --------------------------------------------------------------------
def study_hour_minutes(region: object, on: dt.date | None = None) -> Decimal:
    """Minutes of one 学时 in the region's rule set (procedure `study_hour_minutes`; a default
    where the document states none)."""
    from jxjy.regions.procedures import region_procedure

    value = region_procedure(region, "study_hour_minutes", on)  # type: ignore[arg-type]
    return Decimal(str(value.value))


def seconds_as_hours(seconds: float, minutes_per_hour: Decimal) -> Decimal:
    return (Decimal(str(seconds)) / 60 / minutes_per_hour).quantize(Decimal("0.01"))
