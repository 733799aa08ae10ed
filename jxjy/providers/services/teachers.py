"""The teacher pool (师资库, 榕人专〔2009〕145号 四): entry, status, sharing with consent, engagement by
other providers, and full-time teachers' own yearly training (不少于1个月)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Sum

from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.orgs.models import Provider
from jxjy.regions.procedures import region_procedure

from ..choices import Employment, TeacherStatus
from ..models import Engagement, Teacher, TeacherTraining
from ._common import require_provider_admin, save_validated, today


@transaction.atomic
def teacher_create(
    *, actor: Any, provider: Provider, name: str, employment: str, title: str, unit: str, specialties: str,
    resume: str = "", courses_taught: str = "", shared: bool = False,
) -> Teacher:
    user = require_provider_admin(actor, provider)
    teacher = Teacher(
        name=name.strip(), employment=employment, home_provider=provider, title=title.strip(), unit=unit.strip(),
        specialties=specialties.strip(), resume=resume, courses_taught=courses_taught, shared=shared,
        consent_on=today() if shared else None,
    )
    save_validated(teacher)
    Engagement.objects.create(provider=provider, teacher=teacher, since=today(), created_by=user)
    audit_record(actor=user, action="create", obj=teacher, after=snapshot(teacher), message=f"教师入库：{teacher}")
    return teacher


@transaction.atomic
def teacher_update(*, actor: Any, teacher: Teacher, status: str | None = None, shared: bool | None = None) -> Teacher:
    """The home provider keeps the status current (在库/暂停/退出) and records (or withdraws) consent."""
    user = require_provider_admin(actor, teacher.home_provider)
    teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)
    before = snapshot(teacher)
    if status is not None:
        teacher.status = TeacherStatus(status)
    if shared is not None and shared != teacher.shared:
        teacher.shared = shared
        teacher.consent_on = today() if shared else None
    save_validated(teacher)
    audit_record(actor=user, action="update", obj=teacher, before=before, after=snapshot(teacher),
                 message=f"更新教师：{teacher}")
    return teacher


@transaction.atomic
def teacher_engage(*, actor: Any, provider: Provider, teacher: Teacher) -> Engagement:
    """Another provider engages a pool teacher: only with the teacher's consent, and only while active."""
    user = require_provider_admin(actor, provider)
    teacher = Teacher.objects.select_for_update().get(pk=teacher.pk)  # consent and status as they are now
    if teacher.home_provider_id != provider.pk and not teacher.shared:
        raise PermissionDenied(f"{teacher.name}未同意共享，不能聘请")
    if teacher.status != TeacherStatus.ACTIVE:
        raise ConflictError(f"{teacher.name}当前状态为“{teacher.get_status_display()}”，不能聘请")
    if Engagement.objects.filter(provider=provider, teacher=teacher).exists():
        raise ConflictError(f"本机构已聘请{teacher.name}")
    engagement = Engagement(provider=provider, teacher=teacher, since=today(), created_by=user)
    save_validated(engagement)
    audit_record(actor=user, action="create", obj=engagement, message=f"聘请共享教师：{engagement}")
    return engagement


@transaction.atomic
def teacher_training_record(
    *, actor: Any, teacher: Teacher, start_date: dt.date, end_date: dt.date, days: int, content: str, organiser: str,
) -> TeacherTraining:
    user = require_provider_admin(actor, teacher.home_provider)
    if days > (end_date - start_date).days + 1:
        raise ApplicationError("培训天数不能多于起止日期之间的天数", field="days")
    training = TeacherTraining(teacher=teacher, start_date=start_date, end_date=end_date, days=days,
                               content=content, organiser=organiser, recorded_by=user)
    save_validated(training)
    audit_record(actor=user, action="create", obj=training, after=snapshot(training), message=f"登记教师培训：{training}")
    return training


@dataclass(frozen=True)
class TrainingStatus:
    year: int
    days: int
    required: int
    basis: str

    @property
    def short(self) -> bool:
        return self.days < self.required

    @property
    def warning(self) -> str:
        if not self.short:
            return ""
        return f"{self.year}年本人培训{self.days}天，不足{self.required}天（{self.basis}）"


def teacher_training_status(*, teacher: Teacher, year: int) -> TrainingStatus | None:
    """The year's training of a full-time teacher against the month required; None for part-time teachers."""
    if teacher.employment != Employment.FULL_TIME:
        return None
    days = TeacherTraining.objects.filter(teacher=teacher, start_date__year=year).aggregate(d=Sum("days"))["d"] or 0
    # 专职教师每年参加教育培训的时间不少于1个月 (榕人专〔2009〕145号 四): the rule set of the provider's region.
    required = region_procedure(teacher.home_provider.region, "teacher_full_time_min_training_days",
                                dt.date(year, 12, 31))
    return TrainingStatus(year=year, days=int(days), required=int(required.value or 0), basis=required.reference)
