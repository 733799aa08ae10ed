"""Drift 0: after any sequence of changes made through the services — records recognised, declared
and reviewed (make-up included), revoked for fraud; titles changed; people moved between units and
regions — every stored standing equals a recomputation from the raw records (hypothesis stateful)."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

import pytest
from django.db import transaction
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from jxjy.core.testing import World
from jxjy.people.models import Professional
from jxjy.people.services.professionals import professional_update
from jxjy.records.choices import RecordStatus
from jxjy.records.models import LearningRecord
from jxjy.records.services import (
    fraud_finding_record,
    learning_record_declare,
    learning_record_recognise_from_source,
    learning_record_review,
)
from jxjy.records.services.standings import standings_rebuild, standings_verify

pytestmark = pytest.mark.django_db
_refs = itertools.count(1)
YEARS = st.sampled_from([2024, 2025, 2026])
AMOUNT = st.sampled_from([0.5, 4, 12, 24, 36, 72])


class StandingsStayCurrent(RuleBasedStateMachine):
    world: World

    def __init__(self) -> None:
        super().__init__()
        self._atomic = transaction.atomic()
        self._atomic.__enter__()
        standings_rebuild(reason="初始")
        self.people = list(Professional.objects.filter(unit=self.world.tj_company)) + [
            self.world.people["gl_doctor"], self.world.people["lj_doctor"]]

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self._atomic.__exit__(None, None, None)

    def _person(self, i: int) -> Professional:
        return Professional.objects.get(pk=self.people[i % len(self.people)].pk)

    @rule(i=st.integers(0, 9), year=YEARS, hours=AMOUNT, subject=st.sampled_from(["public", "professional"]),
          form=st.sampled_from(["centralized", "distance"]))
    def recognise_a_class_record(self, i: int, year: int, hours: float, subject: str, form: str) -> None:
        learning_record_recognise_from_source(
            actor=None, professional=self._person(i), date=dt.date(year, 6, 1), subject=subject, form=form,
            course="培训班", source="training_class", source_ref=f"S{next(_refs)}", hours=hours)

    @rule(i=st.integers(0, 9), credits=AMOUNT, year=YEARS)
    def recognise_credits(self, i: int, credits: float, year: int) -> None:
        learning_record_recognise_from_source(
            actor=None, professional=self._person(i), date=dt.date(year, 3, 1), subject="professional",
            form="distance", course="继续医学教育", source="online_course", source_ref=f"C{next(_refs)}",
            credits=credits, credit_class="I")

    @rule(hours=AMOUNT, make_up=st.booleans())
    def unit_registers_and_hr_approves(self, hours: float, make_up: bool) -> None:
        person = Professional.objects.get(pk=self.world.people["tj_engineer"].pk)
        if person.unit_id != self.world.tj_company.pk:
            return  # only its own unit registers records
        record = learning_record_declare(
            actor=self.world.users["unit_tj_company"], professional=person, date=dt.date(2025, 8, 1),
            subject="professional", form="self_study", course="自学", hours=hours,
            make_up_for_year=2024 if make_up else None)
        learning_record_review(actor=self.world.users["hr_province"], record=record, approve=True)

    @rule(n=st.integers(0, 50))
    def revoke_a_record_for_fraud(self, n: int) -> None:
        records = list(LearningRecord.objects.filter(status=RecordStatus.RECOGNISED).order_by("pk"))
        if not records:
            return
        record = records[n % len(records)]
        fraud_finding_record(actor=self.world.users["hr_province"], professional=record.professional,
                             year=record.counted_year, description="虚报", record=record)

    @rule(i=st.integers(0, 9), title=st.sampled_from(["工程师", "助理工程师", "高级工程师", "主治医师"]))
    def change_title(self, i: int, title: str) -> None:
        t = self.world.titles[title]
        professional_update(actor=None, professional=self._person(i), title=t, series=t.series)

    @rule(i=st.integers(0, 9), unit=st.sampled_from(["tj_company", "lj_hospital", "gl_hospital"]))
    def move_to_another_unit(self, i: int, unit: str) -> None:
        professional_update(actor=None, professional=self._person(i), unit=getattr(self.world, unit))

    @invariant()
    def no_drift(self) -> None:
        _checked, drifts = standings_verify()
        assert drifts == [], [str(d) for d in drifts[:5]]


def test_standings_have_no_drift_after_random_sequences_of_changes(world: World, settings_: Any = None) -> None:
    from jxjy.core.testing import make_professional

    for k in range(2):
        make_professional(world.tj_company, f"员工{k}", title=world.titles["工程师"])
    StandingsStayCurrent.world = world
    run_state_machine_as_test(
        StandingsStayCurrent, settings=settings(max_examples=10, stateful_step_count=10, deadline=None,
                                                derandomize=True))
