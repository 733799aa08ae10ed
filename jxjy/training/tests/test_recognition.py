"""Exam, hours recognition within 30 days with evidence, extensions, inspections and the class summary
(泉洛政人社[2017]27号 一(五)3, 一(五)4; 榕人专〔2009〕145号 附件2; 常人社发〔2011〕11号 第二十五条)."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.providers.models import CreditEvent
from jxjy.records.models import LearningRecord
from jxjy.training.choices import ClassStatus
from jxjy.training.services.attendance import attendance_sign_by_qr, qr_token
from jxjy.training.services.exam import exam_scores_enter
from jxjy.training.services.recognition import (
    class_summary_file,
    evidence_upload,
    inspection_record,
    recognition_extension_grant,
    recognition_submit,
    training_class_recognise,
)

from .conftest import PDF, PNG, enrolled_class

pytestmark = pytest.mark.django_db
CLASS_DAY = dt.date(2026, 3, 18)
XLSX = b"PK\x03\x04" + b"\0" * 20


def _attend_all(scene, training_class, users) -> None:  # type: ignore[no-untyped-def]
    for item in training_class.schedule.all():
        for kind, hour in (("in", 8 if item.half_day == "am" else 14), ("out", 12 if item.half_day == "am" else 17)):
            scene.clock.set(CLASS_DAY, hour)
            for user in users:
                attendance_sign_by_qr(actor=user, item=item, token=qr_token(item=item, kind=kind))


def _upload_evidence(scene, training_class) -> None:  # type: ignore[no-untyped-def]
    for kind, name, data in (("roster", "roster.xlsx", XLSX), ("sign_in", "sign.pdf", PDF),
                             ("handout", "slides.pdf", PDF), ("photo", "photo.png", PNG)):
        evidence_upload(actor=scene.provider, training_class=training_class, kind=kind, filename=name, data=data)


def _class_held(scene):  # type: ignore[no-untyped-def]
    training_class, users = enrolled_class(scene)
    _attend_all(scene, training_class, users)
    scores = {training_class.enrolments.get(professional=users[0].professional).pk: "85",
              training_class.enrolments.get(professional=users[1].professional).pk: "59.5"}
    exam_scores_enter(actor=scene.provider, training_class=training_class, scores=scores)
    scene.clock.set(CLASS_DAY + dt.timedelta(days=1))
    return training_class, users


def test_recognition_creates_one_learning_record_per_passing_trainee_27号_一五3(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (passing, failing) = _class_held(scene)
    _upload_evidence(scene, training_class)
    recognition_submit(actor=scene.provider, training_class=training_class)
    records = training_class_recognise(actor=scene.hr, training_class=training_class)
    assert [r.professional for r in records] == [passing.professional]
    record = LearningRecord.objects.get(professional=passing.professional)
    assert (record.source, record.source_ref, record.hours, record.subject, record.form, record.date) == (
        "training_class", training_class.approval_no, 6, "professional", "centralized", CLASS_DAY)
    assert record.provider == scene.world.fz_provider
    assert not LearningRecord.objects.filter(professional=failing.professional).exists()
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.RECOGNISED


def test_the_supervising_authority_may_recognise_a_professional_subject(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = _class_held(scene)
    _upload_evidence(scene, training_class)
    recognition_submit(actor=scene.provider, training_class=training_class)
    with pytest.raises(PermissionDenied):
        training_class_recognise(actor=scene.world.users["hr_quanzhou"], training_class=training_class)
    assert len(training_class_recognise(actor=scene.authority, training_class=training_class)) == 1


def test_recognition_needs_roster_sign_in_records_handouts_and_photos_27号_一五3(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = _class_held(scene)
    evidence_upload(actor=scene.provider, training_class=training_class, kind="roster", filename="r.xlsx", data=XLSX)
    with pytest.raises(ApplicationError, match="缺少学时认定材料：签到表、授课讲义、课件、现场照片"):
        recognition_submit(actor=scene.provider, training_class=training_class)
    with pytest.raises(ApplicationError, match="文件类型不允许"):
        evidence_upload(actor=scene.provider, training_class=training_class, kind="photo", filename="p.pdf", data=PDF)


def test_submission_on_the_30th_day_is_accepted_27号_一五3(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = _class_held(scene)
    _upload_evidence(scene, training_class)
    scene.clock.set(CLASS_DAY + dt.timedelta(days=30))
    assert recognition_submit(actor=scene.provider, training_class=training_class).status == \
        ClassStatus.RECOGNITION_SUBMITTED


def test_submission_after_30_days_is_refused_unless_an_officer_grants_an_extension_27号_一五3(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = _class_held(scene)
    _upload_evidence(scene, training_class)
    scene.clock.set(CLASS_DAY + dt.timedelta(days=31))
    with pytest.raises(ApplicationError, match="截止2026年4月17日），已逾期"):
        recognition_submit(actor=scene.provider, training_class=training_class)
    with pytest.raises(ApplicationError, match="延期须填写理由"):
        recognition_extension_grant(actor=scene.hr, training_class=training_class, until=dt.date(2026, 4, 30), reason="")
    with pytest.raises(PermissionDenied):
        recognition_extension_grant(actor=scene.provider, training_class=training_class, until=dt.date(2026, 4, 30),
                                    reason="自批")
    recognition_extension_grant(actor=scene.hr, training_class=training_class, until=dt.date(2026, 4, 30),
                                reason="讲义印制延误，已说明情况")
    assert recognition_submit(actor=scene.provider, training_class=training_class).status == \
        ClassStatus.RECOGNITION_SUBMITTED


def test_recognition_cannot_skip_the_submission(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = _class_held(scene)
    with pytest.raises(ConflictError, match="尚未申报学时认定（当前状态：已批准）"):
        training_class_recognise(actor=scene.hr, training_class=training_class)


def test_fraud_found_on_inspection_marks_the_class_unqualified_and_withholds_recognition_27号_一五4(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, users = enrolled_class(scene)
    scene.clock.set(CLASS_DAY, 10)
    inspection_record(actor=scene.hr, training_class=training_class, finding="ok", notes="到场人数与签到一致")
    assert CreditEvent.objects.count() == 0
    inspection_record(actor=scene.hr, training_class=training_class, finding="fraud", notes="代签到")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.UNQUALIFIED
    event = CreditEvent.objects.get()
    assert (event.provider, event.kind) == (scene.world.fz_provider, "fraud")
    scene.clock.set(CLASS_DAY + dt.timedelta(days=1))
    with pytest.raises(ConflictError, match="认定不合格，学时不予认定"):
        recognition_submit(actor=scene.provider, training_class=training_class)
    with pytest.raises(ConflictError, match="学时不予认定"):
        training_class_recognise(actor=scene.hr, training_class=training_class)


def test_not_following_the_plan_also_disqualifies_and_officers_outside_cannot_inspect(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = enrolled_class(scene)
    with pytest.raises(PermissionDenied):
        inspection_record(actor=scene.world.users["hr_quanzhou"], training_class=training_class, finding="ok", notes="x")
    inspection_record(actor=scene.authority, training_class=training_class, finding="not_following_plan",
                      notes="课程内容与课程表不符")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.UNQUALIFIED


def test_class_summary_carries_attendance_and_result_statistics_145号_附件2(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = _class_held(scene)
    summary = class_summary_file(actor=scene.provider, training_class=training_class, text="培训顺利完成。")
    assert summary.statistics == {
        "enrolled": 2, "capacity": 3, "sessions": 2, "complete_attendances": 4, "attendance_rate": 100.0,
        "full_attendance": 2, "examined": 2, "passed": 1, "pass_rate": 50.0, "average_score": 72.2,
        "recognised": 1,
    }
    with pytest.raises(ConflictError, match="已填报"):
        class_summary_file(actor=scene.provider, training_class=training_class, text="again")


def test_scores_are_checked(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, users = enrolled_class(scene)
    scene.clock.set(CLASS_DAY)
    pk = training_class.enrolments.first().pk
    with pytest.raises(ApplicationError, match="成绩应在0到100之间"):
        exam_scores_enter(actor=scene.provider, training_class=training_class, scores={pk: "101"})


def test_scores_may_be_imported_from_a_spreadsheet(scene) -> None:  # type: ignore[no-untyped-def]
    import io

    from openpyxl import Workbook

    from jxjy.training.services.exam import exam_scores_import

    training_class, (first, second) = enrolled_class(scene)
    scene.clock.set(CLASS_DAY)
    wb = Workbook()
    wb.active.append(["姓名", "身份证号码", "成绩"])
    wb.active.append([first.professional.name, first.professional.id_number, 91])
    buffer = io.BytesIO()
    wb.save(buffer)
    assert exam_scores_import(actor=scene.provider, training_class=training_class, filename="scores.xlsx",
                              data=buffer.getvalue()) == 1
    assert training_class.enrolments.get(professional=first.professional).exam_score == 91
    assert training_class.enrolments.get(professional=second.professional).exam_score is None
