"""The detection of fraud signals on its own (issue 14 §8: the same person cannot earn two things
at once; days holding more than a day can are flagged). Claims are made here by hand; the test in
jxjy/training/tests/test_overlaps.py runs the same detection on real sessions, attendance and records."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from jxjy.records.overlaps import (
    ClaimKind,
    TimeClaim,
    day_span,
    find_impossible_days,
    find_overlaps,
)

TZ = timezone.get_fixed_timezone(8 * 60)


def at(day: int, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(2026, 3, day, hour, minute, tzinfo=TZ)


def claim(ref: str, start: dt.datetime, end: dt.datetime, *, person: int = 1, kind: str = ClaimKind.ONLINE,
          hours: str = "1", timed: bool = True) -> TimeClaim:
    return TimeClaim(professional_id=person, kind=kind, ref=ref, label=ref, start=start, end=end,
                     hours=Decimal(hours), timed=timed)


def test_two_online_sessions_of_one_person_that_cross_are_one_overlap_with_its_length() -> None:
    found = find_overlaps([claim("a", at(18, 9), at(18, 10)), claim("b", at(18, 9, 40), at(18, 11))])
    assert len(found) == 1
    assert {found[0].first.ref, found[0].second.ref} == {"a", "b"} and found[0].minutes == 20


def test_back_to_back_activities_and_other_peoples_time_do_not_overlap() -> None:
    claims = [
        claim("a", at(18, 9), at(18, 10)), claim("b", at(18, 10), at(18, 11)),  # one after the other
        claim("c", at(18, 9), at(18, 12), person=2),  # someone else at the same time
    ]
    assert find_overlaps(claims) == []


def test_a_class_half_day_crossing_online_study_is_a_cross_activity_overlap() -> None:
    found = find_overlaps([claim("class", at(18, 8, 30), at(18, 12), kind=ClaimKind.CLASS, hours="3"),
                           claim("online", at(18, 10), at(18, 10, 45))])
    assert len(found) == 1 and found[0].cross_activity and found[0].minutes == 45


def test_a_declared_whole_day_crosses_timed_claims_of_that_day_but_not_of_the_next() -> None:
    first, last = day_span(dt.date(2026, 3, 18))
    conference = claim("conf", first, last, kind=ClaimKind.DECLARED, hours="6", timed=False)
    found = find_overlaps([conference, claim("online", at(18, 20), at(18, 21)), claim("next", at(19, 9), at(19, 10))])
    assert [(o.first.ref, o.second.ref) for o in found] == [("conf", "online")]


def test_a_day_over_its_capacity_is_impossible_and_a_full_but_possible_day_is_not() -> None:
    def capacity(person: int, day: dt.date) -> tuple[Decimal, str]:
        return Decimal(12), "默认（default）：12学时"

    busy = [claim("class", at(18, 8), at(18, 17), kind=ClaimKind.CLASS, hours="6"),
            claim("online", at(18, 18), at(18, 23, 59), hours="7.9")]
    full = [claim("class2", at(19, 8), at(19, 17), kind=ClaimKind.CLASS, hours="6"),
            claim("online2", at(19, 18), at(19, 22), hours="6")]
    days = find_impossible_days(busy + full, capacity=capacity)
    assert [(d.date, d.hours) for d in days] == [(dt.date(2026, 3, 18), Decimal("13.9"))]
    assert {c.ref for c in days[0].claims} == {"class", "online"}


def test_a_claim_over_several_days_spreads_its_hours() -> None:
    first, last = day_span(dt.date(2026, 3, 18), 2)
    two_days = claim("study", first, last, kind=ClaimKind.DECLARED, hours="16", timed=False)
    assert find_impossible_days([two_days], capacity=lambda p, d: (Decimal(12), "")) == []
