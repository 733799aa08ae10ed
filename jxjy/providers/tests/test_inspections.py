"""Annual inspection with the five items of 常人社发〔2011〕11号 第二十五条 and its outcomes."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command

from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.core.testing import World
from jxjy.notifications.models import Notification
from jxjy.providers.choices import BaseStatus, RectificationStatus
from jxjy.providers.models import Announcement, CEBase, CreditEvent
from jxjy.providers.services.checks import class_application_check
from jxjy.providers.services.inspections import (
    inspection_record,
    rectification_decide,
    rectification_report,
    rectifications_process,
)

from .conftest import SCORES_GOOD, SCORES_POOR

DEADLINE = dt.date(2026, 12, 31)


def order_rectification(world: World, base: CEBase) -> object:
    return inspection_record(
        actor=world.users["hr_fuzhou"], base=base, year=2026, scores=SCORES_POOR, findings="考勤不严，证书登记滞后",
        outcome="rectify", inspected_on=dt.date(2026, 11, 20), rectification_deadline=DEADLINE,
        rectification_requirements="健全考勤制度，补登证书")


def test_inspection_scores_the_five_items_and_keeps_facts_25(world: World, fz_base: CEBase) -> None:
    inspection = inspection_record(actor=world.users["hr_fuzhou"], base=fz_base, year=2026, scores=SCORES_GOOD,
                                   findings="办学规范", outcome="keep", inspected_on=dt.date(2026, 11, 20))
    assert inspection.total == Decimal(90)
    assert {"classes_run", "attendance_rate", "late_recognition", "upheld_objections", "evaluation_average"} <= set(
        inspection.facts)
    assert CreditEvent.objects.get(provider=world.fz_provider).kind == "inspection_keep"
    with pytest.raises(ConflictError, match="2026年度的年检已登记"):
        inspection_record(actor=world.users["hr_fuzhou"], base=fz_base, year=2026, scores=SCORES_GOOD,
                          findings="", outcome="keep")


def test_only_the_accrediting_bureau_inspects(world: World, fz_base: CEBase) -> None:
    with pytest.raises(PermissionDenied, match="由福州市人社局认定和管理"):
        inspection_record(actor=world.users["hr_province"], base=fz_base, year=2026, scores=SCORES_GOOD,
                          findings="", outcome="keep")


def test_rectification_needs_a_deadline_and_requirements(world: World, fz_base: CEBase) -> None:
    with pytest.raises(ApplicationError, match="整改期限"):
        inspection_record(actor=world.users["hr_fuzhou"], base=fz_base, year=2026, scores=SCORES_POOR,
                          findings="x", outcome="rectify", inspected_on=dt.date(2026, 11, 20))


def test_unmet_deadline_revokes_the_base_with_a_public_announcement_25(world: World, fz_base: CEBase) -> None:
    """逾期不整改的，取消其培训基地资格，并在媒体上公告."""
    rect = order_rectification(world, fz_base)
    fz_base.refresh_from_db()
    assert fz_base.status == BaseStatus.RECTIFYING
    class_application_check(provider=world.fz_provider, class_type="training", series=["health"],
                            subject="professional", form="centralized", total_hours=8, fee_per_person=0,
                            fee_licence_no="", on=dt.date(2026, 12, 1))  # still a base while rectifying
    assert Notification.objects.filter(key__endswith=":ordered", category="rectification", user=world.users["provider_fz"]).exists()
    assert rectifications_process(on=dt.date(2026, 12, 24)) == {"reminded": 2, "revoked": 0}  # 7 days before
    assert rectifications_process(on=dt.date(2026, 12, 24)) == {"reminded": 0, "revoked": 0}  # idempotent
    assert rectifications_process(on=DEADLINE) == {"reminded": 0, "revoked": 0}  # the deadline day itself is allowed
    call_command("providers_daily", "--date", "2027-01-01")
    fz_base.refresh_from_db()
    rect.rectification.refresh_from_db()  # type: ignore[attr-defined]
    assert fz_base.status == BaseStatus.REVOKED and fz_base.revoked_on == dt.date(2027, 1, 1)
    assert rect.rectification.status == RectificationStatus.FAILED  # type: ignore[attr-defined]
    assert Announcement.objects.filter(base=fz_base, kind="revoked").count() == 1
    assert CreditEvent.objects.filter(provider=world.fz_provider, kind="revocation").exists()
    with pytest.raises(ApplicationError, match="摘牌"):
        class_application_check(provider=world.fz_provider, class_type="training", series=["health"],
                                subject="professional", form="centralized", total_hours=8, fee_per_person=0,
                                fee_licence_no="", on=dt.date(2027, 1, 2))


def test_a_reported_and_accepted_rectification_keeps_the_base(world: World, fz_base: CEBase) -> None:
    rect = order_rectification(world, fz_base).rectification  # type: ignore[attr-defined]
    rectification_report(actor=world.users["provider_fz"], rectification=rect, report="已健全考勤制度")
    assert rectifications_process(on=dt.date(2027, 1, 5)) == {"reminded": 0, "revoked": 0}
    rectification_decide(actor=world.users["hr_fuzhou"], rectification=rect, accepted=True, comment="整改到位")
    fz_base.refresh_from_db()
    assert fz_base.status == BaseStatus.ACCREDITED


def test_rectification_still_short_revokes(world: World, fz_base: CEBase) -> None:
    rect = order_rectification(world, fz_base).rectification  # type: ignore[attr-defined]
    rectification_report(actor=world.users["provider_fz"], rectification=rect, report="整改中")
    rectification_decide(actor=world.users["hr_fuzhou"], rectification=rect, accepted=False, comment="仍未建立考勤制度",
                         on=dt.date(2027, 1, 10))
    fz_base.refresh_from_db()
    assert fz_base.status == BaseStatus.REVOKED
    assert "经整改仍不符合规定要求" in fz_base.revocation_reason


def test_an_inspection_is_dated_between_accreditation_and_today(world: World, fz_base: CEBase) -> None:
    with pytest.raises(ApplicationError, match="检查日期须在授牌日期2026年03月02日至今天之间"):
        inspection_record(actor=world.users["hr_fuzhou"], base=fz_base, year=2026, scores=SCORES_GOOD,
                          findings="x", outcome="keep", inspected_on=dt.date(2026, 3, 1))


def test_inspection_facts_come_from_the_training_app(world: World, fz_base: CEBase) -> None:
    """Classes run, trainees, attendance, late recognition, upheld objections, spot checks, evaluations."""
    from django.utils import timezone

    from jxjy.providers.selectors.facts import inspection_facts, labelled_facts
    from jxjy.training.models import (
        Attendance,
        Enrolment,
        Objection,
        PublicNotice,
        ScheduleItem,
        TrainingClass,
    )

    tc = TrainingClass.objects.create(
        provider=world.fz_provider, name="急救班", start_date=dt.date(2026, 4, 1), end_date=dt.date(2026, 4, 1),
        place="福州", contact="张", phone="1", total_hours=Decimal(8), trainees_per_run=30, subject="professional",
        audience="医师", teaching_plan="x", funding_source="自筹", status="recognised",
        recognition_submitted_at=dt.datetime(2026, 5, 20, 9, tzinfo=ZoneInfo("Asia/Shanghai")), created_by=world.users["provider_fz"])
    am = ScheduleItem.objects.create(training_class=tc, date=tc.start_date, half_day="am", content="a",
                                     hours=Decimal(4), teacher_name="王", teacher_title="t", teacher_unit="u")
    ScheduleItem.objects.create(training_class=tc, date=tc.start_date, half_day="pm", content="b", hours=Decimal(4),
                                teacher_name="王", teacher_title="t", teacher_unit="u")
    enrolment = Enrolment.objects.create(training_class=tc, professional=world.people["gl_doctor"], source="self",
                                         certificate_seq=1, certificate_no="C1", created_by=world.users["provider_fz"])
    now = timezone.now()
    Attendance.objects.create(enrolment=enrolment, schedule_item=am, signed_in_at=now, signed_out_at=now)
    notice = PublicNotice.objects.create(training_class=tc, starts_on=dt.date(2026, 3, 1), ends_on=dt.date(2026, 3, 5))
    Objection.objects.create(notice=notice, name="某", contact="x", reason="r", status="upheld", resolution="成立")
    facts = inspection_facts(base=fz_base, year=2026)
    assert facts["classes_run"] == 1 and facts["trainees"] == 1
    assert facts["attendance_rate"] == 0.5  # 1 complete of 1 trainee × 2 sessions
    assert facts["late_recognition"] == 1  # ended 1 April, submitted 20 May: past 30 days
    assert facts["upheld_objections"] == 1 and facts["unavailable"] == []
    assert ("签到签退完整率", "50.0%") in labelled_facts(facts)
    assert inspection_facts(base=fz_base, year=2025)["attendance_rate"] is None


def test_reminders_are_also_emailed(world: World, fz_base: CEBase, django_capture_on_commit_callbacks: object,
                                    mailoutbox: list) -> None:  # type: ignore[type-arg]
    world.users["provider_fz"].email = "fz@example.com"
    world.users["provider_fz"].save(update_fields=["email"])
    with django_capture_on_commit_callbacks(execute=True):  # type: ignore[operator]
        order_rectification(world, fz_base)
    assert [m.to for m in mailoutbox] == [["fz@example.com"]]
    assert "2026年12月31日前完成整改" in mailoutbox[0].subject
