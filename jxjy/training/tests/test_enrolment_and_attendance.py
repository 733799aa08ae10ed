"""Enrolment with capacity and roster, and half-day attendance by QR or signed sheet (泉洛政人社[2017]27号 一(五)3)."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook, load_workbook

from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.training.choices import SignMethod
from jxjy.training.models import Attendance
from jxjy.training.services.attendance import (
    attendance_record_sheet,
    attendance_sign_by_qr,
    attended_hours,
    qr_token,
)
from jxjy.training.services.enrolment import (
    enrolment_import_roster,
    enrolment_nominate,
    enrolment_self,
    roster_xlsx,
)

from .conftest import PNG, approved_class, enrolled_class, noticed_class, trainee

pytestmark = pytest.mark.django_db
CLASS_DAY = dt.date(2026, 3, 18)


def _xlsx(rows: list[list[object]]) -> bytes:
    wb = Workbook()
    ws = wb.active
    for row in rows:
        ws.append(row)
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()


def test_capacity_is_enforced_for_every_way_of_enrolling(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = approved_class(scene, trainees_per_run=2)
    enrolment_self(actor=scene.world.users["pro_gl_doctor"], training_class=training_class)
    enrolment_self(actor=trainee(scene, "pro_b", "乙"), training_class=training_class)
    with pytest.raises(ConflictError, match="名额已满（2人）"):
        enrolment_self(actor=trainee(scene, "pro_c", "丙"), training_class=training_class)
    with pytest.raises(ConflictError, match="剩余名额不足"):
        enrolment_nominate(actor=scene.world.users["unit_gl_hospital"], training_class=training_class,
                           professionals=[scene.world.people["gl_doctor"]])


def test_enrolment_is_closed_before_approval(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    with pytest.raises(ConflictError, match="未批准的培训班不能报名"):
        enrolment_self(actor=scene.world.users["pro_gl_doctor"], training_class=training_class)


def test_units_nominate_only_their_own_staff(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = approved_class(scene)
    with pytest.raises(PermissionDenied, match="不是本单位人员"):
        enrolment_nominate(actor=scene.world.users["unit_gl_hospital"], training_class=training_class,
                           professionals=[scene.world.people["tj_engineer"]])
    [enrolment] = enrolment_nominate(actor=scene.world.users["unit_gl_hospital"], training_class=training_class,
                                     professionals=[scene.world.people["gl_doctor"]])
    assert enrolment.certificate_no == f"2026{training_class.certificate_first:06d}"


def test_roster_import_is_validated_row_by_row_and_all_or_nothing(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = approved_class(scene)
    doctor = scene.world.people["gl_doctor"]
    bad = _xlsx([["姓名", "身份证号码"], [doctor.name, doctor.id_number], ["无名氏", "350102199001011235"],
                 [doctor.name, doctor.id_number]])
    with pytest.raises(ApplicationError) as exc:
        enrolment_import_roster(actor=scene.provider, training_class=training_class, filename="r.xlsx", data=bad)
    assert [e["row"] for e in exc.value.extra["errors"]] == [3, 4]
    assert training_class.enrolments.count() == 0
    good = _xlsx([["姓名", "身份证号码"], [doctor.name, doctor.id_number]])
    assert len(enrolment_import_roster(actor=scene.provider, training_class=training_class, filename="r.xlsx",
                                       data=good)) == 1
    with pytest.raises(ApplicationError, match="只能导入 .xlsx 或 .csv"):
        enrolment_import_roster(actor=scene.provider, training_class=training_class, filename="r.exe", data=b"MZ")


def test_roster_export_follows_the_27号_附件4_layout(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = enrolled_class(scene)
    sheet = load_workbook(io.BytesIO(roster_xlsx(training_class, actor=scene.provider)[0])).active
    assert sheet["A1"].value == "专业技术人员继续教育培训证书发放、验证花名册"
    assert [c.value for c in sheet[3]][:5] == ["序号", "姓名", "性别", "身份证号码", "工作单位"]
    assert sheet["K4"].value == training_class.enrolments.first().certificate_no


def _at_class(scene, hour: int = 9) -> None:  # type: ignore[no-untyped-def]
    scene.clock.set(CLASS_DAY, hour)


def test_a_session_earns_hours_only_with_both_sign_in_and_sign_out_27号_一五3(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (first, second) = enrolled_class(scene)
    am, pm = training_class.schedule.order_by("half_day")
    _at_class(scene, 8)
    for user in (first, second):
        attendance_sign_by_qr(actor=user, item=am, token=qr_token(item=am, kind="in"))
    _at_class(scene, 12)
    attendance_sign_by_qr(actor=first, item=am, token=qr_token(item=am, kind="out"))
    hours = attended_hours(training_class)
    first_enrolment = training_class.enrolments.get(professional=first.professional)
    second_enrolment = training_class.enrolments.get(professional=second.professional)
    assert hours == {first_enrolment.pk: 3}
    assert second_enrolment.pk not in hours  # signed in, never signed out
    record = Attendance.objects.get(enrolment=first_enrolment, schedule_item=am)
    assert (record.sign_in_method, record.sign_in_by) == (SignMethod.QR, first)
    assert record.signed_out_at.hour == 4  # 12:00 in Shanghai is 04:00 UTC


def test_double_sign_in_is_refused(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (first, _) = enrolled_class(scene)
    am = training_class.schedule.get(half_day="am")
    _at_class(scene)
    attendance_sign_by_qr(actor=first, item=am, token=qr_token(item=am, kind="in"))
    with pytest.raises(ConflictError, match="不能重复签到"):
        attendance_sign_by_qr(actor=first, item=am, token=qr_token(item=am, kind="in"))


def test_sign_out_without_sign_in_is_refused(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (first, _) = enrolled_class(scene)
    am = training_class.schedule.get(half_day="am")
    _at_class(scene)
    with pytest.raises(ConflictError, match="尚未签到"):
        attendance_sign_by_qr(actor=first, item=am, token=qr_token(item=am, kind="out"))


def test_a_token_from_another_session_is_refused(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (first, _) = enrolled_class(scene)
    am, pm = training_class.schedule.get(half_day="am"), training_class.schedule.get(half_day="pm")
    _at_class(scene)
    with pytest.raises(ApplicationError, match="不属于本时段"):
        attendance_sign_by_qr(actor=first, item=am, token=qr_token(item=pm, kind="in"))


def test_an_expired_or_forged_token_is_refused(scene, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import time

    training_class, (first, _) = enrolled_class(scene)
    am = training_class.schedule.get(half_day="am")
    _at_class(scene)
    token = qr_token(item=am, kind="in")
    real_time = time.time
    monkeypatch.setattr(time, "time", lambda: real_time() + 6 * 60)  # default validity: 5 minutes
    with pytest.raises(ApplicationError, match="二维码已过期"):
        attendance_sign_by_qr(actor=first, item=am, token=token)
    monkeypatch.setattr(time, "time", real_time)
    with pytest.raises(ApplicationError, match="二维码无效"):
        attendance_sign_by_qr(actor=first, item=am, token=token[:-2] + "xx")


def test_signing_is_only_possible_on_the_day_of_the_session(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (first, _) = enrolled_class(scene)
    am = training_class.schedule.get(half_day="am")
    scene.clock.set(CLASS_DAY - dt.timedelta(days=1))
    with pytest.raises(ConflictError, match="只能当天签到"):
        attendance_sign_by_qr(actor=first, item=am, token=qr_token(item=am, kind="in"))


def test_someone_not_on_the_roster_cannot_sign(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, _ = enrolled_class(scene)
    am = training_class.schedule.get(half_day="am")
    _at_class(scene)
    with pytest.raises(PermissionDenied, match="不在本培训班的花名册中"):
        attendance_sign_by_qr(actor=trainee(scene, "pro_outsider", "外人"), item=am, token=qr_token(item=am, kind="in"))


def test_the_provider_may_upload_the_signed_sheet_instead(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (first, second) = enrolled_class(scene)
    pm = training_class.schedule.get(half_day="pm")
    _at_class(scene, 18)
    e1 = training_class.enrolments.get(professional=first.professional)
    e2 = training_class.enrolments.get(professional=second.professional)
    with pytest.raises(ApplicationError, match="文件类型不允许"):
        attendance_record_sheet(actor=scene.provider, item=pm, filename="sheet.txt", data=b"x",
                                signed_in=[e1.pk], signed_out=[e1.pk])
    attendance_record_sheet(actor=scene.provider, item=pm, filename="sheet.png", data=PNG,
                            signed_in=[e1.pk, e2.pk], signed_out=[e1.pk])
    assert attended_hours(training_class) == {e1.pk: 3}
    assert Attendance.objects.get(enrolment=e2, schedule_item=pm).sign_in_method == SignMethod.SHEET
