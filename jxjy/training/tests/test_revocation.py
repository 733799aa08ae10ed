"""Inspection after recognition and the revocation of a class's recognised hours (泉洛政人社[2017]27号
一(五)4: fraud or not following the plan found on inspection disqualifies the class; 榕人专〔2009〕145号 一:
72 学时 a year in 福州): records revoked with the reason, standings recomputed, the people and the units
where somebody became non-compliant told, with the names; other units are not told."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jxjy.audit.models import AuditEvent
from jxjy.core.testing import make_professional, make_user
from jxjy.notifications.models import Notification
from jxjy.providers.models import CreditEvent
from jxjy.records.choices import RecordSource, RecordStatus
from jxjy.records.models import LearningRecord, StandingVerdict
from jxjy.records.services import learning_record_recognise_from_source
from jxjy.records.standing_selectors import standing_of
from jxjy.training.choices import ClassStatus
from jxjy.training.models import TrainingClass
from jxjy.training.services.recognition import inspection_record, recognition_submit, training_class_recognise
from jxjy.training.services.revocation import training_classes_recognition_revoke

from .conftest import approved_class
from .test_recognition import CLASS_DAY, _class_held, _upload_evidence

pytestmark = pytest.mark.django_db


def _recognised_class(scene: Any) -> TrainingClass:
    """A class walked through the whole workflow: 林医生 passes (6 学时), 吴护士 fails the exam."""
    training_class, _users = _class_held(scene)
    _upload_evidence(scene, training_class)
    recognition_submit(actor=scene.provider, training_class=training_class)
    training_class_recognise(actor=scene.hr, training_class=training_class)
    training_class.refresh_from_db()
    return training_class


def _other_hours(person: Any, hours: int, ref: str) -> LearningRecord:
    return learning_record_recognise_from_source(
        actor=None, professional=person, date=dt.date(2026, 5, 10), subject="professional", form="centralized",
        course="其他专业课程", source=RecordSource.TRAINING_CLASS, source_ref=ref, hours=hours)


def _class_record(person: Any, training_class: TrainingClass, hours: int = 6) -> LearningRecord:
    return learning_record_recognise_from_source(
        actor=None, professional=person, date=training_class.end_date, subject=training_class.subject,
        form=training_class.form, course=training_class.name, source=RecordSource.TRAINING_CLASS,
        source_ref=training_class.source_ref, hours=hours, provider=training_class.provider)


def _verdict(person: Any) -> str | None:
    standing = standing_of(professional=person, year=2026)
    return standing.verdict if standing else None


def test_an_inspection_after_recognition_can_find_fraud_and_revokes_the_class_hours_27号_一五4(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = _recognised_class(scene)
    doctor = scene.world.people["gl_doctor"]
    record = LearningRecord.objects.get(source_ref=training_class.source_ref)
    assert record.professional == doctor and record.status == RecordStatus.RECOGNISED
    scene.clock.set(CLASS_DAY + dt.timedelta(days=40))

    inspection = inspection_record(actor=scene.hr, training_class=training_class, finding="fraud",
                                   notes="签到表系代签，实际到场不足半数")

    assert inspection.pk is not None
    training_class.refresh_from_db()
    record.refresh_from_db()
    assert training_class.status == ClassStatus.UNQUALIFIED
    assert record.status == RecordStatus.REVOKED
    assert record.revocation_reason == "经2026年4月27日检查发现弄虚作假：签到表系代签，实际到场不足半数"
    assert record.revoked_by == scene.hr
    assert CreditEvent.objects.get().kind == "fraud"
    messages = list(AuditEvent.objects.filter(object_id=str(training_class.pk), object_type="training.trainingclass")
                    .values_list("message", flat=True))
    assert "监督检查：弄虚作假" in messages
    assert any(m.startswith("撤销学时认定（1条学习记录）：经2026年4月27日检查发现弄虚作假") for m in messages)
    assert AuditEvent.objects.filter(object_type="records.learningrecord", object_id=str(record.pk),
                                     message__startswith="撤销学习记录").exists()


def test_an_ok_inspection_after_recognition_keeps_the_hours(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = _recognised_class(scene)
    inspection_record(actor=scene.hr, training_class=training_class, finding="ok", notes="资料齐全")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.RECOGNISED
    assert LearningRecord.objects.get(source_ref=training_class.source_ref).status == RecordStatus.RECOGNISED


def test_revocation_tells_only_the_units_where_somebody_became_non_compliant_with_their_names(scene) -> None:  # type: ignore[no-untyped-def]
    world = scene.world
    training_class = _recognised_class(scene)
    doctor = world.people["gl_doctor"]                       # 6 from the class + 70 = 76 → 70: short
    _other_hours(doctor, 70, "其他-1")
    engineer = world.people["tj_engineer"]                   # 6 from the class + 72 = 78 → 72: still met
    engineer_user = make_user("pro_tj_engineer", "professional", professional=engineer, region=world.taijiang)
    _class_record(engineer, training_class)
    _other_hours(engineer, 72, "其他-2")
    nurse = make_professional(world.gl_hospital, "许护师")   # only the class: 6 → 0, was short already
    _class_record(nurse, training_class)
    assert (_verdict(doctor), _verdict(engineer), _verdict(nurse)) == ("met", "met", "short")
    Notification.objects.all().delete()

    inspection_record(actor=scene.hr, training_class=training_class, finding="not_following_plan",
                      notes="未按教学计划授课")

    assert (_verdict(doctor), _verdict(engineer)) == (StandingVerdict.SHORT, StandingVerdict.MET)
    told = {(n.user.username, n.message) for n in Notification.objects.select_related("user")}
    by_user = {username: message for username, message in told}
    assert set(by_user) == {"unit_gl_hospital", "pro_gl_doctor", "pro_tj_engineer", "provider_fz"}
    assert "本单位因此未达标的人员（1人）：林医生（2026年度未达标，差2学时）" in by_user["unit_gl_hospital"]
    assert "许护师" not in by_user["unit_gl_hospital"]   # short before and after: no change to report
    assert "您被撤销6学时，您2026年度的继续教育因此未达标" in by_user["pro_gl_doctor"]
    assert by_user["pro_tj_engineer"].endswith("您被撤销6学时")
    assert engineer_user.notifications.count() == 1
    assert "认定不合格" in by_user["provider_fz"]


def test_revoking_a_class_of_30_costs_the_same_queries_as_a_class_of_3(scene) -> None:  # type: ignore[no-untyped-def]
    world = scene.world

    def recognised_class_of(size: int, name: str) -> TrainingClass:
        training_class = approved_class(scene, name=name)
        TrainingClass.objects.filter(pk=training_class.pk).update(status=ClassStatus.RECOGNISED)
        training_class.refresh_from_db()
        for i in range(size):
            unit = world.gl_hospital if i % 2 else world.tj_company
            person = make_professional(unit, f"{name}学员{i}")
            make_user(f"{training_class.pk}-{i}", "professional", professional=person, region=unit.region)
            _other_hours(person, 70, f"{name}-{i}")
            _class_record(person, training_class)
        return training_class

    small, large = recognised_class_of(3, "小班"), recognised_class_of(30, "大班")
    counts = []
    for training_class in (small, large):
        with CaptureQueriesContext(connection) as queries:
            result = training_classes_recognition_revoke(actor=scene.hr, classes=[training_class], reason="弄虚作假")
        counts.append(len(queries))
        assert len(result.became_short) == len(result.people)
    assert LearningRecord.objects.filter(source_ref=large.source_ref, status=RecordStatus.REVOKED).count() == 30
    assert counts[0] == counts[1], counts
    assert counts[1] <= 26, counts  # 26 on PostgreSQL: its audit append takes an advisory lock (one more statement)
