"""The teacher pool (榕人专〔2009〕145号 四: 建立继续教育师资库，实行动态管理，实现师资资源共享; 专职教师每年参加
教育培训的时间不少于1个月) and trainee evaluations limited to actual trainees."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone

from jxjy.core.errors import ConflictError, PermissionDenied
from jxjy.core.testing import World, make_user
from jxjy.providers.models import Teacher
from jxjy.providers.selectors.teachers import teacher_list
from jxjy.providers.services.evaluations import evaluation_submit, is_actual_trainee
from jxjy.providers.services.teachers import (
    teacher_create,
    teacher_engage,
    teacher_training_record,
    teacher_training_status,
    teacher_update,
)
from jxjy.training.models import Attendance, Enrolment, ScheduleItem, TrainingClass


def new_teacher(world: World, name: str = "王教授", **kw: Any) -> Teacher:
    args: dict[str, Any] = dict(actor=world.users["provider_fz"], provider=world.fz_provider, name=name,
                                employment="full_time", title="主任医师", unit="福建医科大学",
                                specialties="心血管内科，急救医学", courses_taught="心肺复苏")
    args.update(kw)
    return teacher_create(**args)


@pytest.fixture
def qz_admin(world: World) -> Any:
    world.users["provider_qz"] = make_user("provider_qz", "provider_admin", provider=world.qz_provider,
                                           region=world.quanzhou)
    return world.users["provider_qz"]


def test_full_time_teacher_training_short_of_a_month_is_warned_145_4(world: World) -> None:
    teacher = new_teacher(world)
    teacher_training_record(actor=world.users["provider_fz"], teacher=teacher, start_date=dt.date(2026, 3, 1),
                            end_date=dt.date(2026, 3, 20), days=20, content="新技术研修", organiser="省卫健委")
    status = teacher_training_status(teacher=teacher, year=2026)
    assert status is not None and status.short and status.days == 20
    assert status.warning.startswith("2026年本人培训20天，不足30天（榕人专〔2009〕145号 四（")  # read from fuzhou-2009
    assert "不少于1个月" in status.warning
    teacher_training_record(actor=world.users["provider_fz"], teacher=teacher, start_date=dt.date(2026, 9, 1),
                            end_date=dt.date(2026, 9, 10), days=10, content="师资培训", organiser="市人社局")
    status = teacher_training_status(teacher=teacher, year=2026)
    assert status is not None and not status.short
    part_timer = new_teacher(world, "李讲师", employment="part_time")
    assert teacher_training_status(teacher=part_timer, year=2026) is None


def test_sharing_needs_consent_and_an_active_teacher(world: World, qz_admin: Any) -> None:
    private = new_teacher(world, "私有教师")
    shared = new_teacher(world, "共享教师", shared=True)
    with pytest.raises(PermissionDenied, match="未同意共享"):
        teacher_engage(actor=qz_admin, provider=world.qz_provider, teacher=private)
    teacher_engage(actor=qz_admin, provider=world.qz_provider, teacher=shared)
    teacher_update(actor=world.users["provider_fz"], teacher=private, shared=True, status="suspended")
    with pytest.raises(ConflictError, match="暂停"):
        teacher_engage(actor=qz_admin, provider=world.qz_provider, teacher=private)
    # another provider sees shared teachers but cannot change them
    assert set(teacher_list(user=qz_admin).values_list("name", flat=True)) == {"私有教师", "共享教师"}
    with pytest.raises(PermissionDenied):
        teacher_update(actor=qz_admin, teacher=shared, status="retired")


def test_the_pool_is_searchable_by_specialty(world: World) -> None:
    new_teacher(world, "王教授")
    new_teacher(world, "赵工", specialties="结构工程，BIM", courses_taught="装配式建筑")
    user = world.users["hr_fuzhou"]
    assert [t.name for t in teacher_list(user=user, specialty="急救")] == ["王教授"]
    assert [t.name for t in teacher_list(user=user, specialty="装配式")] == ["赵工"]
    assert list(teacher_list(user=world.users["hr_quanzhou"])) == []  # outside 泉州's jurisdiction


@pytest.fixture
def finished_class(world: World) -> TrainingClass:
    today = timezone.localdate()
    tc = TrainingClass.objects.create(
        provider=world.fz_provider, name="急救技能培训班", start_date=today - dt.timedelta(days=3),
        end_date=today - dt.timedelta(days=2), place="福州", contact="张", phone="1", total_hours=Decimal(8),
        trainees_per_run=30, subject="professional", audience="医师", teaching_plan="x", funding_source="自筹",
        status="approved", created_by=world.users["provider_fz"])
    ScheduleItem.objects.create(training_class=tc, date=tc.start_date, half_day="am", content="心肺复苏",
                                hours=Decimal(4), teacher_name="王教授", teacher_title="主任医师", teacher_unit="医大")
    return tc


def enrol(world: World, tc: TrainingClass, professional: Any, *, attended: bool) -> Enrolment:
    n = Enrolment.objects.filter(training_class=tc).count() + 1
    enrolment = Enrolment.objects.create(training_class=tc, professional=professional, source="self",
                                         certificate_seq=n, certificate_no=f"C{n}", created_by=world.users["provider_fz"])
    if attended:
        Attendance.objects.create(enrolment=enrolment, schedule_item=tc.schedule.first(), signed_in_at=timezone.now())
    return enrolment


def test_evaluations_are_limited_to_actual_trainees_one_each(world: World, finished_class: TrainingClass) -> None:
    teacher = new_teacher(world, "王教授")
    doctor = world.people["gl_doctor"]
    args: dict[str, Any] = dict(actor=world.users["pro_gl_doctor"], training_class=finished_class, content_score=5,
                                organisation_score=4, overall_score=5, teacher_scores={teacher.pk: 5})
    with pytest.raises(PermissionDenied, match="只有实际参加该培训班的学员才能评价"):
        evaluation_submit(**args)  # not enrolled
    enrolment = enrol(world, finished_class, doctor, attended=False)
    assert not is_actual_trainee(training_class=finished_class, professional=doctor)
    with pytest.raises(PermissionDenied):
        evaluation_submit(**args)  # enrolled but never signed in
    Attendance.objects.create(enrolment=enrolment, schedule_item=finished_class.schedule.first(),
                              signed_in_at=timezone.now())
    evaluation = evaluation_submit(**args)
    assert evaluation.teacher_ratings.get().score == 5
    with pytest.raises(ConflictError, match="每人只能评价一次"):
        evaluation_submit(**args)
    assert teacher_list(user=world.users["provider_fz"]).get(pk=teacher.pk).evaluation == 5  # type: ignore[attr-defined]


def test_a_trainee_rates_only_the_class_teachers(world: World, finished_class: TrainingClass) -> None:
    other = new_teacher(world, "不相关教师")
    enrol(world, finished_class, world.people["gl_doctor"], attended=True)
    from jxjy.core.errors import ApplicationError

    with pytest.raises(ApplicationError, match="只能评价本班的授课教师"):
        evaluation_submit(actor=world.users["pro_gl_doctor"], training_class=finished_class, content_score=5,
                          organisation_score=5, overall_score=5, teacher_scores={other.pk: 1})


