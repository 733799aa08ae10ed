"""Gates for title application, registration, excellent grade, post appointment and award, with
fraud cancellation (常人社发〔2011〕11号 第十一条至第十五条) and make-up (第十三条). The world's
福州 people are under 榕人专〔2009〕145号: 72 学时 a year."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.testing import make_professional
from jxjy.people.models import Professional
from jxjy.records.models import GateCheck, MakeUpObligation
from jxjy.records.services import (
    fraud_finding_record,
    gate_check,
    gate_check_batch,
    make_up_obligations_refresh,
    violation_record,
)

from .helpers import full_year, recognised

pytestmark = pytest.mark.django_db
Y = 2026


@pytest.fixture
def engineer(world) -> Professional:
    person = world.people["tj_engineer"]
    person.title_obtained_on = dt.date(Y - 2, 6, 1)  # years considered for a title application: Y-1
    person.save()
    return person


def ask(world, person, purpose, year=Y, **kw):
    return gate_check(actor=world.users["hr_fuzhou"], professional=person, purpose=purpose, year=year, **kw)


@pytest.mark.parametrize("purpose", ["title_application", "registration", "re_registration", "post_appointment", "award"])
def test_each_gate_opens_when_the_previous_years_hours_are_complete(world, engineer, purpose):
    full_year(engineer, Y - 1)
    answer = ask(world, engineer, purpose)
    assert answer["allowed"] is True, answer["reasons"]
    assert answer["record_ids"] and list(answer["years"]) == [Y - 1]


@pytest.mark.parametrize("purpose", ["title_application", "registration", "re_registration", "post_appointment", "award"])
def test_each_gate_refuses_with_the_shortfall_and_its_citation(world, engineer, purpose):
    full_year(engineer, Y - 1, hours=60)
    answer = ask(world, engineer, purpose)
    assert answer["allowed"] is False
    assert any("差12" in r and "榕人专〔2009〕145号" in r for r in answer["reasons"]), answer["reasons"]


def test_title_application_needs_every_year_since_the_title(world, engineer):
    """必须完成各年度继续教育规定学时 (常人社发〔2011〕11号 第十一条)."""
    engineer.title_obtained_on = dt.date(Y - 4, 1, 1)
    engineer.save()
    full_year(engineer, Y - 1)
    full_year(engineer, Y - 3)
    answer = ask(world, engineer, "title_application")
    assert answer["allowed"] is False and list(answer["years"]) == [Y - 3, Y - 2, Y - 1]
    assert any(r.startswith(f"{Y - 2}年度") for r in answer["reasons"])


def test_excellent_grade_depends_on_the_assessed_year(world, engineer):
    """年度考核能否优秀的必备条件之一 (第十四条)."""
    full_year(engineer, Y - 1)
    assert ask(world, engineer, "excellent_grade", year=Y - 1)["allowed"] is True
    assert ask(world, engineer, "excellent_grade", year=Y)["allowed"] is False


def test_fraud_cancels_that_years_title_application_and_registration_only(world, engineer):
    """弄虚作假的，取消其当年专业技术职称申报和职（执）业资格注册的资格 (第十五条)."""
    full_year(engineer, Y - 1)
    fake = recognised(engineer, dt.date(Y, 1, 8), hours=20)
    fraud_finding_record(actor=world.users["hr_fuzhou"], professional=engineer, year=Y, description="伪造签到表", record=fake)
    fake.refresh_from_db()
    assert fake.status == "revoked"
    for purpose in ("title_application", "registration", "re_registration"):
        answer = ask(world, engineer, purpose)
        assert answer["allowed"] is False and any("第十五条" in r for r in answer["reasons"])
    assert ask(world, engineer, "post_appointment")["allowed"] is True
    assert ask(world, engineer, "title_application", year=Y + 1)["reasons"] != []  # other years unaffected by fraud
    assert not any("第十五条" in r for r in ask(world, engineer, "title_application", year=Y + 1)["reasons"])


def test_only_the_hr_bureau_finds_fraud(world, engineer):
    with pytest.raises(PermissionDenied):
        fraud_finding_record(actor=world.users["unit_tj_company"], professional=engineer, year=Y, description="x")


def test_shortfall_carries_over_as_make_up_until_met(world, engineer):
    """未完成继续教育学习任务的，应及时进行补课 (第十三条)."""
    engineer.title_obtained_on = None
    engineer.save()
    full_year(engineer, Y - 3, hours=50)  # 22 short
    full_year(engineer, Y - 2)
    full_year(engineer, Y - 1)
    [ob] = make_up_obligations_refresh(actor=None, professional=engineer, year=Y - 3)
    assert ob.outstanding and ob.shortfall == 22
    answer = gate_check(actor=world.users["hr_fuzhou"], professional=engineer, purpose="post_appointment", year=Y)
    assert answer["allowed"] is False and any("补课" in r for r in answer["reasons"])
    recognised(engineer, dt.date(Y - 1, 9, 1), hours=22, make_up_for_year=Y - 3)
    [ob] = make_up_obligations_refresh(actor=None, professional=engineer, year=Y - 3)
    assert not ob.outstanding
    assert gate_check(actor=world.users["hr_fuzhou"], professional=engineer, purpose="post_appointment", year=Y)["allowed"]
    assert MakeUpObligation.objects.filter(professional=engineer, met_at__isnull=True).count() == 0


def test_make_up_hours_count_for_the_owed_year_not_their_own(world, engineer):
    full_year(engineer, Y - 1, hours=72)
    recognised(engineer, dt.date(Y - 1, 9, 1), hours=10, make_up_for_year=Y - 2)
    from jxjy.records.compliance import annual, compliance_for_person

    counted = compliance_for_person(professional=engineer, purpose=annual(Y - 1)).verdict["requirements"][0]["counted"]
    assert counted == 72


def test_dismissal_for_a_violation_bars_post_appointment(world, engineer):
    """解聘其专业技术职务等处理 (泉洛政人社[2017]27号 三3)."""
    full_year(engineer, Y - 1)
    violation_record(actor=world.users["unit_tj_company"], professional=engineer, kind="quit_without_reason",
                     consequence="criticism", occurred_on=dt.date(Y, 1, 3))
    assert ask(world, engineer, "post_appointment")["allowed"] is True
    violation_record(actor=world.users["hr_fuzhou"], professional=engineer, kind="misconduct",
                     consequence="dismissal", occurred_on=dt.date(Y, 1, 4))
    answer = ask(world, engineer, "post_appointment")
    assert answer["allowed"] is False and any("解聘专业技术职务" in r for r in answer["reasons"])


def test_batch_answers_many_people_hides_those_outside_scope_and_records_each_answer(world, engineer):
    full_year(engineer, Y - 1)
    others = [make_professional(world.tj_company, f"员工{i}") for i in range(5)]
    numbers = [engineer.id_number, *[p.id_number for p in others], world.people["lj_doctor"].id_number, "not-a-number"]
    result = gate_check_batch(actor=world.users["hr_fuzhou"], id_numbers=numbers, purpose="registration", year=Y)
    assert [r["allowed"] for r in result["results"]] == [True, False, False, False, False, False]
    assert set(result["not_found"]) == {world.people["lj_doctor"].id_number, "NOT-A-NUMBER"}
    assert GateCheck.objects.filter(purpose="registration", year=Y).count() == 6


def test_batch_is_limited_to_ten_thousand_numbers(world):
    with pytest.raises(ApplicationError, match="10000"):
        gate_check_batch(actor=world.users["hr_fuzhou"], id_numbers=[f"N{i}" for i in range(10_001)],
                         purpose="award", year=Y)


def test_batch_costs_a_fixed_number_of_queries(world, engineer, django_assert_max_num_queries):
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(30)]
    for p in people[:10]:
        full_year(p, Y - 1)
    # 20 of them have no stored standing yet: computed in bulk (with their placements); 21 on PostgreSQL,
    # whose audit append takes an advisory lock (one more statement)
    with django_assert_max_num_queries(21):
        gate_check_batch(actor=world.users["hr_fuzhou"], id_numbers=[p.id_number for p in people],
                         purpose="award", year=Y)


def test_wenzhou_title_application_uses_the_applicants_cycle_and_target_title(world):
    """温经贸培训〔2009〕74号: the title application window and hours follow the applicant's title."""
    world.taijiang.ruleset_id = "wenzhou-2009-engineering"
    world.taijiang.save()
    person = make_professional(world.tj_company, "温工", title=world.titles["工程师"])
    refused = gate_check(actor=world.users["hr_fuzhou"], professional=person, purpose="title_application",
                         year=2015, to_title="高级工程师")
    assert refused["allowed"] is False and any("温经贸培训〔2009〕74号" in r for r in refused["reasons"])
    for y in range(2010, 2015):
        recognised(person, dt.date(y, 4, 1), hours=32, subject="public", course="公需课", required_course=True)
        recognised(person, dt.date(y, 5, 1), hours=40)
    allowed = gate_check(actor=world.users["hr_fuzhou"], professional=person, purpose="title_application",
                         year=2015, to_title="高级工程师")
    assert allowed["allowed"] is True, allowed["reasons"]
