"""Pages of the teacher pool, trainee evaluation, credit record and fee standards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from jxjy.core.testing import World
from jxjy.providers.models import CreditEvent, FeeStandard, Teacher, TraineeEvaluation
from jxjy.providers.services.credit import provider_credit_event_record, teacher_credit
from jxjy.training.models import Attendance, Enrolment, ScheduleItem, TrainingClass

from .conftest import accredit


def test_teacher_entry_page_and_the_training_warning_145_4(world: World, client_for: Any) -> None:
    client = client_for("provider_fz")
    response = client.post(reverse("providers:teacher_create"), {
        "name": "王教授", "employment": "full_time", "title": "主任医师", "unit": "医大", "specialties": "急救",
        "shared": "on"})
    teacher = Teacher.objects.get()
    assert response.status_code == 302 and teacher.shared and teacher.consent_on is not None
    year = timezone.localdate().year
    client.post(reverse("providers:teacher_detail", args=[teacher.pk]), {
        "action": "training", "start_date": f"{year}-01-05", "end_date": f"{year}-01-14", "days": 10,
        "content": "研修", "organiser": "省卫健委"})
    page = client.get(reverse("providers:teacher_detail", args=[teacher.pk])).content.decode()
    assert f"{year}年本人培训10天，不足30天" in page
    listing = client.get(reverse("providers:teacher_list"), {"specialty": "急救"}).content.decode()
    assert "王教授" in listing and "10/30天" in listing
    assert "王教授" not in client.get(reverse("providers:teacher_list"), {"specialty": "桥梁"}).content.decode()


def test_teacher_credit_events_and_grade(world: World, client_for: Any) -> None:
    from jxjy.providers.services.teachers import teacher_create

    teacher = teacher_create(actor=world.users["provider_fz"], provider=world.fz_provider, name="李", employment="part_time",
                             title="讲师", unit="u", specialties="s")
    provider_credit_event_record(actor=None, teacher=teacher, kind="fraud", occurred_on=timezone.localdate(),
                                 source="培训班 继教〔2026〕009号 监督检查", description="代签到")
    assert teacher_credit(teacher=teacher).grade.grade == "C"  # 100 - 40 (fraud) = 60: C 级 from 60
    page = client_for("hr_fuzhou").get(reverse("providers:teacher_detail", args=[teacher.pk])).content.decode()
    assert "代签到" in page


def test_the_evaluation_page_is_for_actual_trainees(world: World, client_for: Any) -> None:
    today = timezone.localdate()
    tc = TrainingClass.objects.create(
        provider=world.fz_provider, name="急救班", start_date=today - dt.timedelta(days=2), end_date=today,
        place="福州", contact="张", phone="1", total_hours=Decimal(4), trainees_per_run=30, subject="professional",
        audience="医师", teaching_plan="x", funding_source="自筹", status="approved", created_by=world.users["provider_fz"])
    item = ScheduleItem.objects.create(training_class=tc, date=tc.start_date, half_day="am", content="a",
                                       hours=Decimal(4), teacher_name="王", teacher_title="t", teacher_unit="u")
    url = reverse("providers:evaluate", args=[tc.pk])
    client = client_for("pro_gl_doctor")
    assert client.get(url).status_code == 404  # not on the roster
    enrolment = Enrolment.objects.create(training_class=tc, professional=world.people["gl_doctor"], source="self",
                                         certificate_seq=1, certificate_no="C1", created_by=world.users["provider_fz"])
    data = {"content_score": 5, "organisation_score": 4, "overall_score": 5, "comment": "好"}
    assert "只有实际参加该培训班的学员才能评价" in client.post(url, data).content.decode()
    Attendance.objects.create(enrolment=enrolment, schedule_item=item, signed_in_at=timezone.now())
    assert client.post(url, data).status_code == 302
    assert TraineeEvaluation.objects.get().overall_score == 5
    assert "每人只能评价一次" in client.post(url, data).content.decode()
    assert client_for("provider_fz").get(url).status_code == 404  # only trainees


def test_officers_record_credit_events_providers_only_read(world: World, client_for: Any) -> None:
    url = reverse("providers:credit_record", args=[world.fz_provider.pk])
    response = client_for("hr_fuzhou").post(url, {"kind": "violation", "occurred_on": "2026-05-05",
                                                  "source": "群众举报核实", "description": "超标准收费"})
    assert response.status_code == 302 and CreditEvent.objects.get().points == Decimal(-20)
    provider_page = client_for("provider_fz").post(url, {"kind": "commendation", "occurred_on": "2026-05-05",
                                                         "source": "自报", "description": "x"})
    assert provider_page.status_code == 200 and CreditEvent.objects.count() == 1
    assert "超标准收费" in provider_page.content.decode()


def test_officers_register_fee_standards_of_their_region(world: World, client_for: Any) -> None:
    response = client_for("hr_fuzhou").post(reverse("providers:fee_list"), {
        "document_no": "榕价费[2008]40号", "title": "收费标准", "valid_from": "2008-06-01",
        "basis_training": "per_hour", "amount_training": "10"})
    assert response.status_code == 302
    standard = FeeStandard.objects.get()
    assert standard.region == world.fuzhou and standard.caps.get().amount == Decimal(10)
    assert "培训班 ≤ 10.00元" in client_for("provider_fz").get(reverse("providers:fee_list")).content.decode()
    assert "登记收费标准" not in client_for("provider_fz").get(reverse("providers:fee_list")).content.decode()


def test_the_base_list_costs_a_fixed_number_of_queries(world: World, client_for: Any) -> None:
    client = client_for("hr_province")
    accredit(world)
    client.get(reverse("providers:base_list"))
    with CaptureQueriesContext(connection) as one:
        client.get(reverse("providers:base_list"))
    accredit(world, user="provider_fz", officer="hr_province", tier="province")
    with CaptureQueriesContext(connection) as two:
        client.get(reverse("providers:base_list"))
    assert len(two) == len(one)
