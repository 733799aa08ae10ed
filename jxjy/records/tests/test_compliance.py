"""Compliance from the rules engine, per person with explanation and set-based for whole areas."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.core.testing import make_professional
from jxjy.people.models import Professional
from jxjy.records.compliance import annual, area_compliance, compliance_for_person, verdicts_for_people

from .helpers import recognised

pytestmark = pytest.mark.django_db


def test_a_persons_compliance_uses_the_regions_rule_set_with_the_explanation(world):
    person = world.people["tj_engineer"]  # 台江 → 福州: fuzhou-2009
    recognised(person, dt.date(2025, 3, 1), hours=40, subject="public", course="公需课")
    recognised(person, dt.date(2025, 4, 1), hours=40)
    pv = compliance_for_person(professional=person, purpose=annual(2025))
    assert pv.ruleset_id == "fuzhou-2009"
    [total] = pv.verdict["requirements"]
    assert total["counted"] == 64 and total["shortfall"] == 8 and "榕人专〔2009〕145号" in total["source"]
    assert pv.verdict["not_counted"]  # the public hours above one third are shown as not counted
    overridden = compliance_for_person(professional=person, purpose=annual(2025), ruleset_id="changzhou-2011")
    assert overridden.ruleset_id == "changzhou-2011"


def test_set_based_verdicts_agree_with_per_person_verdicts(world):
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(6)]
    doctor = world.people["lj_doctor"]  # 洛江 health series: credits, by facility level
    doctor.health_facility = "grade2_or_below"
    doctor.save()
    people.append(doctor)
    for i, p in enumerate(people):
        for k in range(i):
            recognised(p, dt.date(2025, 1 + k, 3), hours=10 + k, subject="public" if k % 3 == 0 else "professional")
            recognised(p, dt.date(2025, 1 + k, 5), days=1.5, form="centralized")
        recognised(p, dt.date(2024, 6, 1), hours=100)  # another year: never counted
    qs = Professional.objects.filter(pk__in=[p.pk for p in people])
    set_based = {pk: v for pk, _rs, v in verdicts_for_people(qs, annual(2025))}
    for p in people:
        single = compliance_for_person(professional=p, purpose=annual(2025)).verdict
        assert set_based[p.pk]["compliant"] == single["compliant"]
        assert [r["counted"] for r in set_based[p.pk]["requirements"]] == [r["counted"] for r in single["requirements"]]


def test_a_person_the_engine_cannot_evaluate_does_not_stop_the_area(world):
    qs = Professional.objects.filter(pk=world.people["lj_doctor"].pk)  # health series without facility level
    [(_pk, _rs, verdict)] = list(verdicts_for_people(qs, annual(2025)))
    assert verdict["compliant"] is False and "health_facility" in verdict["error"]


def test_area_compliance_is_a_fixed_number_of_queries_whatever_the_head_count(world, django_assert_max_num_queries):
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(40)]
    for p in people[::2]:
        recognised(p, dt.date(2025, 5, 1), hours=72)
    qs = Professional.objects.filter(unit=world.tj_company)
    with django_assert_max_num_queries(5):
        summary = area_compliance(qs, annual(2025))
    assert summary.people == 41 and summary.compliant == 20
