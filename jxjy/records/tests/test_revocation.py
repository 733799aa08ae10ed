"""Revoking recognised records (records.services.revocation): reason, time and officer stored, each
record audited, standings recomputed, and who went from 达标 to 未达标 reported per unit
(榕人专〔2009〕145号 一: 72 学时 a year in 福州; 常人社发〔2011〕11号 第十五条 for fraud)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.testing import World
from jxjy.records.choices import RecordStatus
from jxjy.records.models import LearningRecord, StandingVerdict
from jxjy.records.services import fraud_finding_record
from jxjy.records.services.revocation import learning_records_revoke
from jxjy.records.standing_selectors import standing_of

from .helpers import recognised

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 5, 10)


def _verdict(person, year=2026):  # type: ignore[no-untyped-def]
    standing = standing_of(professional=person, year=year)
    return standing.verdict if standing else None


def test_revocation_stores_the_reason_time_and_officer_and_audits_every_record(world: World) -> None:
    doctor, engineer = world.people["gl_doctor"], world.people["tj_engineer"]
    records = [recognised(doctor, DAY, hours=40), recognised(engineer, DAY, hours=40)]
    officer = world.users["hr_fuzhou"]
    audits = AuditEvent.objects.count()
    result = learning_records_revoke(actor=officer, records=records, reason="培训班经检查认定弄虚作假（代签到）")
    assert len(result.records) == 2
    for record in LearningRecord.objects.filter(pk__in=[r.pk for r in records]):
        assert record.status == RecordStatus.REVOKED
        assert record.revocation_reason == "培训班经检查认定弄虚作假（代签到）"
        assert record.revoked_by == officer and record.revoked_at is not None
    events = AuditEvent.objects.order_by("pk")[audits:]
    assert [(e.object_id, (e.before or {})["status"], (e.after or {})["status"]) for e in events] == [
        (str(records[0].pk), "recognised", "revoked"), (str(records[1].pk), "recognised", "revoked")]
    assert all("代签到" in e.message and e.actor == officer for e in events)


def test_only_people_who_went_from_met_to_short_are_reported_non_compliant_榕人专2009_145号_一(world: World) -> None:
    doctor, engineer = world.people["gl_doctor"], world.people["tj_engineer"]
    fraudulent = [recognised(doctor, DAY, hours=40, source_ref="闽继教〔2026〕1号"),
                  recognised(engineer, DAY, hours=10, source_ref="闽继教〔2026〕1号")]
    recognised(doctor, DAY, hours=40)       # 80 学时 → 40 after the revocation: short of 72
    recognised(engineer, DAY, hours=72)     # 82 学时 → 72: still met
    assert (_verdict(doctor), _verdict(engineer)) == (StandingVerdict.MET, StandingVerdict.MET)

    result = learning_records_revoke(actor=world.users["hr_fuzhou"], records=fraudulent, reason="弄虚作假")

    assert (_verdict(doctor), _verdict(engineer)) == (StandingVerdict.SHORT, StandingVerdict.MET)
    assert [p.name for p in result.became_short] == ["林医生"]
    assert result.became_short[0].became_short == {2026: Decimal("32")}
    assert [u.unit_name for u in result.units] == sorted([world.gl_hospital.name, world.tj_company.name])
    assert [u.unit_name for u in result.units_with_changes] == [world.gl_hospital.name]
    assert {p.name: p.hours for p in result.people} == {"林医生": Decimal(40), "陈工": Decimal(10)}


def test_revocation_needs_a_reason_and_an_officer(world: World) -> None:
    record = recognised(world.people["gl_doctor"], DAY, hours=40)
    with pytest.raises(ApplicationError, match="请填写撤销原因"):
        learning_records_revoke(actor=world.users["hr_fuzhou"], records=[record], reason="  ")
    with pytest.raises(PermissionDenied, match="只有人社部门或主管部门可以撤销学时"):
        learning_records_revoke(actor=world.users["unit_gl_hospital"], records=[record], reason="x")
    record.refresh_from_db()
    assert record.status == RecordStatus.RECOGNISED


def test_a_record_already_revoked_is_left_as_it_was(world: World) -> None:
    record = recognised(world.people["gl_doctor"], DAY, hours=40)
    learning_records_revoke(actor=world.users["hr_fuzhou"], records=[record], reason="第一次")
    again = learning_records_revoke(actor=world.users["hr_fuzhou"], records=[record], reason="第二次")
    assert again.records == [] and again.people == []
    record.refresh_from_db()
    assert record.revocation_reason == "第一次"


def test_a_record_found_fraudulent_is_revoked_through_the_same_service_常人社发2011_11号_第十五条(world: World) -> None:
    doctor = world.people["gl_doctor"]
    record = recognised(doctor, DAY, hours=72)
    assert _verdict(doctor) == StandingVerdict.MET
    fraud_finding_record(actor=world.users["hr_fuzhou"], professional=doctor, year=2026, description="伪造结业证书",
                         record=record)
    record.refresh_from_db()
    assert record.status == RecordStatus.REVOKED
    assert record.revocation_reason == "因弄虚作假撤销：伪造结业证书"
    assert record.revoked_by == world.users["hr_fuzhou"]
    assert _verdict(doctor) == StandingVerdict.SHORT
