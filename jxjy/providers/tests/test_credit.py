"""Credit records and the credit grade (榕人专〔2009〕145号 五: 建立信用档案 … 定期向社会公开), computed by the
scheme in credit_scheme.toml."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jxjy.core.errors import ApplicationError
from jxjy.core.testing import World
from jxjy.providers.models import CEBase, CreditEvent
from jxjy.providers.scheme import CreditScheme, scheme
from jxjy.providers.services.credit import credit_score, provider_credit, provider_credit_event_record
from jxjy.providers.services.inspections import base_revoke

ON = dt.date(2026, 11, 1)


def test_the_credit_grade_on_a_worked_example(world: World) -> None:
    """Scheme: base 100, window 3 years, A ≥ 95, B ≥ 80, C ≥ 60, D below.

    2023-10-31  commendation         +10   → outside the window (exactly 3 years before 2026-11-01 is out)
    2024-03-15  upheld_objection     -10
    2025-06-01  late_recognition      -5
    2025-09-10  late_recognition      -5
    2026-01-20  inspection_keep       +5
    2026-05-05  violation            -20   (乱收费)
                                    ----
    score = 100 - 10 - 5 - 5 + 5 - 20 = 65  → C 级（警示）
    Adding a commendation on 2026-10-30 (+10) gives 75 → still C; another +10 gives 85 → B.
    """
    def add(kind: str, day: dt.date) -> None:
        provider_credit_event_record(actor=world.users["hr_fuzhou"], provider=world.fz_provider, kind=kind,
                                     occurred_on=day, source="测试", description="")

    add("commendation", dt.date(2023, 10, 31))
    add("upheld_objection", dt.date(2024, 3, 15))
    add("late_recognition", dt.date(2025, 6, 1))
    add("late_recognition", dt.date(2025, 9, 10))
    add("inspection_keep", dt.date(2026, 1, 20))
    add("violation", dt.date(2026, 5, 5))
    result = provider_credit(provider=world.fz_provider, on=ON)
    assert (result.score, result.grade.grade, result.counted) == (Decimal(65), "C", 5)
    add("commendation", dt.date(2026, 10, 30))
    assert provider_credit(provider=world.fz_provider, on=ON).score == Decimal(75)
    add("commendation", dt.date(2026, 10, 31))
    result = provider_credit(provider=world.fz_provider, on=ON)
    assert (result.score, result.grade.grade) == (Decimal(85), "B")
    # on 2026-10-30 the 2023-10-31 commendation is still inside the window and the 2026-10-31 one not yet:
    # 100 + 10 - 10 - 5 - 5 + 5 - 20 + 10 = 85
    assert provider_credit(provider=world.fz_provider, on=dt.date(2026, 10, 30)).score == Decimal(85)


def test_events_after_the_day_of_computation_do_not_count(world: World) -> None:
    provider_credit_event_record(actor=None, provider=world.fz_provider, kind="fraud", occurred_on=dt.date(2027, 1, 1),
                                 source="培训班 继教〔2027〕001号 监督检查", description="伪造签到表")
    assert provider_credit(provider=world.fz_provider, on=ON).score == Decimal(100)


def test_a_revocation_caps_the_grade_at_D_within_the_window(world: World, fz_base: CEBase) -> None:
    base_revoke(actor=world.users["hr_fuzhou"], base=fz_base, reason="乱发证", on=dt.date(2026, 6, 1))
    CreditEvent.objects.filter(kind="revocation").update(points=Decimal(0))  # isolate the cap from the points
    assert provider_credit(provider=world.fz_provider, on=ON).grade.grade == "D"
    assert provider_credit(provider=world.fz_provider, on=dt.date(2029, 6, 2)).grade.grade == "A"


def test_the_scheme_is_data_and_can_be_changed() -> None:
    custom = CreditScheme.from_dict({
        "base_score": 60, "min_score": 0, "max_score": 100, "window_years": 1, "revoked_cap": "N",
        "points": {"violation": -1}, "grades": [{"grade": "Y", "label": "好", "min": 60},
                                                {"grade": "N", "label": "差", "min": 0}],
        "accreditation": {"validity_years": 3, "reminder_days_before": [1]},
    })
    result = credit_score(events=[(dt.date(2026, 10, 1), Decimal(-1))], on=ON, config=custom)
    assert (result.score, result.grade.grade) == (Decimal(59), "N")
    assert scheme().default_points("fraud") == Decimal(-40)


def test_points_default_from_the_scheme_and_are_stored_with_the_event(world: World) -> None:
    event = provider_credit_event_record(actor=world.users["hr_fuzhou"], provider=world.fz_provider,
                                         kind="upheld_objection", occurred_on=ON, source="公示异议 #3", description="")
    assert event.points == Decimal(-10) and event.description == "公示异议成立"
    explicit = provider_credit_event_record(actor=None, provider=world.fz_provider, kind="violation", occurred_on=ON,
                                            source="x", description="", points=-30)
    assert explicit.points == Decimal(-30)


def test_a_credit_event_names_exactly_one_subject_and_a_source(world: World) -> None:
    with pytest.raises(ApplicationError):
        provider_credit_event_record(actor=None, kind="fraud", occurred_on=ON, source="x", description="")
    with pytest.raises(ApplicationError, match="来源"):
        provider_credit_event_record(actor=None, provider=world.fz_provider, kind="fraud", occurred_on=ON, source=" ",
                                     description="")
    with pytest.raises(ApplicationError, match="未知"):
        provider_credit_event_record(actor=None, provider=world.fz_provider, kind="nope", occurred_on=ON, source="x",
                                     description="")
