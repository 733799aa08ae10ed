"""Gates read the stored standings (达标情况) of the years they consider instead of recomputing them
(常人社发〔2011〕11号 第十一条、第十二条、第十四条; 榕人专〔2009〕145号 三). The world's 福州 people
are under 榕人专〔2009〕145号: 72 学时 a year."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jxjy.core.testing import make_professional
from jxjy.records.models import Standing, StandingVerdict
from jxjy.records.services import gate_check, gate_check_batch
from jxjy.records.services.standings import standings_rebuild

from .helpers import full_year, recognised

pytestmark = pytest.mark.django_db
Y = 2026


def ask(world, person, purpose="post_appointment", year=Y):
    return gate_check(actor=world.users["hr_fuzhou"], professional=person, purpose=purpose, year=year)


def stored(person, year) -> Standing:
    return Standing.objects.get(professional=person, kind="annual", start_year=year, end_year=year)


def test_the_gate_answers_from_the_stored_standing_not_from_the_records(world):
    """Post appointment rests on the previous year (常人社发〔2011〕11号 第十四条): changing only the
    stored standing changes the answer, which proves the gate reads it."""
    person = world.people["tj_engineer"]
    records = full_year(person, Y - 1)
    assert ask(world, person)["allowed"] is True
    Standing.objects.filter(pk=stored(person, Y - 1).pk).update(
        verdict=StandingVerdict.SHORT, shortfall=Decimal("30"), counted=Decimal("42"),
        requirements=[{"id": "annual-total", "description": "每年累计不少于72学时", "unit": "学时", "required": 72.0,
                       "counted": 42.0, "shortfall": 30.0, "met": False}],
    )
    answer = ask(world, person)
    assert answer["allowed"] is False
    assert any("差30.0学时" in r and "榕人专〔2009〕145号" in r for r in answer["reasons"]), answer["reasons"]
    assert answer["record_ids"] == [r.pk for r in records]  # the records behind the year stay listed


def test_recognising_a_record_refreshes_the_standing_and_flips_the_gate(world):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(Y - 1, 3, 1), hours=60)
    refused = ask(world, person)
    assert refused["allowed"] is False and any("差12" in r for r in refused["reasons"]), refused["reasons"]
    more = recognised(person, dt.date(Y - 1, 9, 1), hours=12)
    allowed = ask(world, person)
    assert allowed["allowed"] is True, allowed["reasons"]
    assert more.pk in allowed["record_ids"] and allowed["years"][Y - 1]["verdict"] == "met"


def test_a_person_without_a_stored_standing_gets_one_computed_and_is_refused_with_the_shortfall(world):
    person = make_professional(world.tj_company, "新人")
    assert not Standing.objects.filter(professional=person).exists()
    answer = ask(world, person)
    assert answer["allowed"] is False and any("差72" in r for r in answer["reasons"]), answer["reasons"]
    assert stored(person, Y - 1).verdict == StandingVerdict.SHORT


def test_a_standing_the_rules_could_not_judge_refuses_with_the_reason(world):
    person = world.people["tj_engineer"]
    full_year(person, Y - 1)
    Standing.objects.filter(pk=stored(person, Y - 1).pk).update(
        verdict=StandingVerdict.UNKNOWN, shortfall=0, requirements=[], notes=["无法评估：缺少卫生机构级别"])
    answer = ask(world, person)
    assert answer["allowed"] is False
    assert any("无法评估该人员" in r and "缺少卫生机构级别" in r for r in answer["reasons"]), answer["reasons"]


def _batch_queries(world, people) -> int:
    with CaptureQueriesContext(connection) as ctx:
        result = gate_check_batch(actor=world.users["hr_fuzhou"], id_numbers=[p.id_number for p in people],
                                  purpose="title_application", year=Y)
    assert len(result["results"]) == len(people)
    return len(ctx.captured_queries)


@pytest.mark.parametrize("stored_first", [True, False], ids=["standings stored", "standings computed on demand"])
def test_batch_cost_does_not_grow_with_the_number_of_people(world, stored_first):
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(55)]
    for p in people[::3]:
        full_year(p, Y - 1)
    if stored_first:
        standings_rebuild()
    five, fifty = people[:5], people[5:]
    assert _batch_queries(world, five) == _batch_queries(world, fifty)
