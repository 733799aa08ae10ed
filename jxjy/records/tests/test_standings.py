"""Standings (达标情况): stored verdicts kept current by every change that can alter them, and
checked against a recomputation from the raw records (drift 0)."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jxjy.core.testing import make_professional, make_unit
from jxjy.people.services.professionals import professional_update
from jxjy.records.compliance import annual, compliance_for_person
from jxjy.records.models import LearningRecord, Standing, StandingVerdict
from jxjy.records.services import fraud_finding_record
from jxjy.records.services.standings import (
    standings_rebuild,
    standings_refresh,
    standings_verify,
)

from .helpers import recognised

pytestmark = pytest.mark.django_db


def standing(person, year: int) -> Standing:
    return Standing.objects.get(professional=person, kind="annual", start_year=year, end_year=year)


def test_recognising_a_record_makes_the_years_standing_current_榕人专2009_145号_一(world):
    person = world.people["tj_engineer"]  # 台江 → 福州: 72 学时 a year
    recognised(person, dt.date(2025, 4, 1), hours=40)
    s = standing(person, 2025)
    assert (s.verdict, s.counted, s.required, s.shortfall, s.amount_unit) == (
        StandingVerdict.SHORT, Decimal("40.0"), Decimal("72.0"), Decimal("32.0"), "学时")
    assert s.ruleset_id == "fuzhou-2009" and len(s.ruleset_version) == 12 and "认定学习记录" in s.reason
    recognised(person, dt.date(2025, 9, 1), hours=32)
    s = standing(person, 2025)
    assert s.verdict == StandingVerdict.MET and s.shortfall == 0 and s.counted == 72
    assert not Standing.objects.filter(professional=person, start_year=2024).exists()  # only the year touched


def test_the_stored_standing_agrees_with_the_engines_line_by_line_explanation(world):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 3, 1), hours=40, subject="public", course="公需课")  # public ≤ 1/3
    recognised(person, dt.date(2025, 4, 1), hours=40)
    explained = compliance_for_person(professional=person, purpose=annual(2025)).verdict
    s = standing(person, 2025)
    assert [(r["id"], r["counted"], r["shortfall"], r["met"]) for r in s.requirements] == [
        (r["id"], r["counted"], r["shortfall"], r["met"]) for r in explained["requirements"]]
    assert s.verdict == (StandingVerdict.MET if explained["compliant"] else StandingVerdict.SHORT)


def test_refreshing_one_persons_year_costs_a_fixed_number_of_queries(world):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 4, 1), hours=10)
    for n in (1, 5):
        for _ in range(n):
            recognised(person, dt.date(2025, 5, 1), hours=1)
        with CaptureQueriesContext(connection) as ctx:
            standings_refresh(professional_ids=[person.pk], years=[2025], reason="测试")
        # people, their dated history (one query for the batch), regions, records, upsert (+ savepoints)
        assert len(ctx.captured_queries) <= 7, [q["sql"] for q in ctx.captured_queries]


def test_a_record_revoked_for_fraud_leaves_the_standing_常人社发2011_11号_第十五条(world):
    person = world.people["tj_engineer"]
    record = recognised(person, dt.date(2025, 4, 1), hours=72)
    assert standing(person, 2025).verdict == StandingVerdict.MET
    fraud_finding_record(actor=world.users["hr_fuzhou"], professional=person, year=2025, description="虚报学时",
                         record=record)
    s = standing(person, 2025)
    assert s.verdict == StandingVerdict.SHORT and s.counted == 0 and "弄虚作假" in s.reason


def test_a_title_change_judges_every_year_again(world):
    person = world.people["lj_doctor"]  # 洛江 health series: credits by facility level
    person.health_facility = "grade2_or_below"
    person.save()
    recognised(person, dt.date(2025, 4, 1), credits=30, hours=None)
    assert standing(person, 2025).verdict == StandingVerdict.MET
    professional_update(actor=None, professional=person, title=world.titles["工程师"], series="engineering")
    s = standing(person, 2025)  # now 90 学时 a year (泉洛政人社[2017]27号 一（三）1); credits do not count
    assert s.verdict == StandingVerdict.SHORT and s.amount_unit == "学时" and "人员信息变更" in s.reason
    assert Standing.objects.filter(professional=person, start_year=timezone.localdate().year).exists()


def test_a_move_to_another_unit_moves_the_standings_but_past_years_keep_the_old_regions_rules(world):
    # policy choice (records/README.md "Which region judges a year"): the region on 31 December
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 4, 1), hours=72)
    professional_update(actor=None, professional=person, unit=world.lj_hospital)
    s = standing(person, 2025)
    assert s.region_path == world.luojiang.path and s.unit_id == world.lj_hospital.pk
    assert s.ruleset_id == "fuzhou-2009" and s.judged_region_id == world.taijiang.pk  # 台江 on 2025-12-31
    assert s.verdict == StandingVerdict.MET  # 72 学时 (榕人专〔2009〕145号 一)
    this_year = standing(person, timezone.localdate().year)
    assert this_year.ruleset_id == "quanzhou-luojiang-2017" and this_year.judged_region_id == world.luojiang.pk


def test_verify_finds_no_drift_after_changes_and_names_a_tampered_standing(world):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 4, 1), hours=72)
    standings_rebuild()
    checked, drifts = standings_verify()
    assert checked == 4 and drifts == []
    Standing.objects.filter(professional=person, start_year=2025).update(verdict="short", shortfall=10)
    LearningRecord.objects.filter(professional=person).update(hours=80)  # a raw write past the services
    _, drifts = standings_verify()
    assert {(d.professional_id, d.period, d.field) for d in drifts} >= {
        (person.pk, "2025", "verdict"), (person.pk, "2025", "counted"), (person.pk, "2025", "totals")}
    out = io.StringIO()
    with pytest.raises(SystemExit) as exit_:
        call_command("standings", "verify", stdout=out)
    assert exit_.value.code == 1 and f"专业技术人员 {person.pk} 2025 verdict" in out.getvalue()
    call_command("standings", "rebuild", stdout=io.StringIO(), stderr=io.StringIO())
    out = io.StringIO()
    call_command("standings", "verify", "--region", world.fuzhou.code, stdout=out)
    assert "偏差 0 处" in out.getvalue()


def test_a_rebuild_from_stored_totals_equals_one_from_the_raw_records(world):
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(5)]
    for i, p in enumerate(people):
        for k in range(i):
            recognised(p, dt.date(2025, 1 + k, 3), hours=10 + k, subject="public" if k % 2 else "professional")
    standings_rebuild()
    before = {(s.professional_id, s.start_year): (s.verdict, s.counted, s.requirements) for s in Standing.objects.all()}
    Standing.objects.update(verdict="unknown", shortfall=0, requirements=[])
    standings_rebuild(from_totals=True, batch=2)
    after = {(s.professional_id, s.start_year): (s.verdict, s.counted, s.requirements) for s in Standing.objects.all()}
    assert after == before


def test_a_person_without_a_rule_set_has_an_unknown_standing_with_the_reason(world):
    person = make_professional(make_unit(world.quanzhou, "泉州某公司"), "无规则")  # 泉州 itself names no rule set
    recognised(person, dt.date(2025, 4, 1), hours=72)
    s = standing(person, 2025)
    assert s.verdict == StandingVerdict.UNKNOWN and s.notes == ["所在区划未配置继续教育规则集"]


def test_recognising_a_class_of_200_costs_a_fixed_number_of_queries(world):
    from jxjy.records.services import learning_records_recognise_class

    def recognise(n: int, ref: str) -> int:
        people = [make_professional(world.tj_company, f"学员{ref}{i}") for i in range(n)]
        with CaptureQueriesContext(connection) as ctx:
            records = learning_records_recognise_class(
                actor=None, earned=[(p, Decimal("72")) for p in people], date=dt.date(2025, 6, 1),
                subject="professional", form="centralized", course="专业培训班", source="training_class", source_ref=ref)
        assert len(records) == n and Standing.objects.filter(professional__in=people, start_year=2025,
                                                             verdict="met").count() == n
        return len(ctx.captured_queries)

    assert recognise(200, "B200") == recognise(5, "B5")  # one insert, one audit entry, one standings pass
