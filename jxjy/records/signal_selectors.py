"""Reads of the fraud signals (issue 14 §8): overlapping credit and impossible days of the people
inside the user's jurisdiction (`restrict`), for unit administrators, HR and authority officers and
the records review."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db.models import Q, QuerySet

from jxjy.accounts.policy import restrict
from jxjy.people.models import Professional
from jxjy.regions.procedures import region_procedure

from .overlaps import ImpossibleDay, Overlap, claims_of, find_impossible_days, find_overlaps

SIGNAL_ROLES = frozenset({"unit_admin", "hr_officer", "authority_officer"})
# the longest period one listing looks at (a year and a day: a whole year, whatever the leap)
MAX_DAYS = 366


@dataclass
class Signals:
    """What the detection found for a set of people, with the people themselves for display."""

    start: dt.date
    end: dt.date
    overlaps: list[Overlap] = field(default_factory=list)
    impossible_days: list[ImpossibleDay] = field(default_factory=list)
    people: dict[int, Professional] = field(default_factory=dict)

    def for_person_on(self, professional_id: int, days: Iterable[dt.date]) -> list[str]:
        """Short Chinese notes of the signals of one person touching these days (records review)."""
        wanted = set(days)
        notes = [
            f"{o.date:%m月%d日} {o.first.kind_label}与{o.second.kind_label}时间重叠 {o.minutes} 分钟"
            for o in self.overlaps
            if o.professional_id == professional_id and (o.date in wanted or _touches(o, wanted))
        ]
        notes += [
            f"{d.date:%m月%d日} 合计 {d.hours} 学时，超过一天可计的 {d.capacity} 学时"
            for d in self.impossible_days
            if d.professional_id == professional_id and d.date in wanted
        ]
        return notes


def _touches(overlap: Overlap, days: set[dt.date]) -> bool:
    return any(day in days for day in overlap.first.days() + overlap.second.days())


def _capacity_for(people: dict[int, Professional]) -> Any:
    cache: dict[tuple[int, int], tuple[Decimal, str]] = {}

    def capacity(professional_id: int, day: dt.date) -> tuple[Decimal, str]:
        region = people[professional_id].region
        key = (region.pk, day.year)
        if key not in cache:
            found = region_procedure(region, "day_capacity_hours", day)
            cache[key] = (Decimal(str(found.value)), found.reference)
        return cache[key]

    return capacity


def signals_for(people: QuerySet[Professional], *, start: dt.date, end: dt.date) -> Signals:
    """The overlaps and impossible days of these people between `start` and `end` (inclusive).
    The people go to each claim source as a subquery; only those with claims are loaded."""
    claims = claims_of(people.values("pk"), start, end)
    ids = {c.professional_id for c in claims}
    by_id = {p.pk: p for p in Professional.objects.filter(pk__in=ids).select_related("unit", "region")}
    signals = Signals(start=start, end=end, people=by_id)
    signals.overlaps = [o for o in find_overlaps(claims) if start <= o.date <= end]
    signals.impossible_days = [
        d for d in find_impossible_days(claims, capacity=_capacity_for(by_id)) if start <= d.date <= end
    ]
    return signals


def fraud_signals(*, user: Any, start: dt.date, end: dt.date, q: str = "") -> Signals:
    """The signals of everyone in the user's jurisdiction; nothing for roles that do not review."""
    if getattr(user, "role", "") not in SIGNAL_ROLES and not getattr(user, "is_superuser", False):
        return Signals(start=start, end=end)
    people = restrict(Professional.objects.all(), user)
    if q:
        people = people.filter(Q(name__icontains=q) | Q(id_number=q.upper()))
    return signals_for(people, start=start, end=end)


def review_signals(records: list[Any]) -> dict[int, list[str]]:
    """For a page of the records review: each record's notes of overlapping credit or an impossible
    day of its person on the record's own day(s)."""
    if not records:
        return {}
    spans = {r.pk: claim_days(r.date, r.days) for r in records}
    start = min(days[0] for days in spans.values())
    end = max(days[-1] for days in spans.values())
    people = Professional.objects.filter(pk__in={r.professional_id for r in records})
    signals = signals_for(people, start=start, end=end)
    notes = {r.pk: signals.for_person_on(r.professional_id, spans[r.pk]) for r in records}
    return {pk: n for pk, n in notes.items() if n}


def claim_days(day: dt.date, days: Decimal | None) -> list[dt.date]:
    count = max(1, math.ceil(days)) if days else 1
    return [day + dt.timedelta(days=n) for n in range(count)]
