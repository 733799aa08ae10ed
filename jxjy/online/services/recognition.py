"""Recognition: all units complete and the exam passed → a recognised learning record through
the records service (form distance); a public-subject pass where the region's rule set defines
the 公共科目合格证 (pass_certificate_issued: 常人社发〔2011〕11号 第九条) also issues it."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.records.services import learning_record_recognise_from_source

from ..models import Enrolment, UnitProgress
from ._common import audit


@transaction.atomic
def enrolment_mark_units_complete(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.units_completed_at is not None:
        return enrolment
    total = enrolment.course.units.count()
    done = UnitProgress.objects.filter(enrolment=enrolment, completed_at__isnull=False).count()
    if total and done >= total:
        enrolment.units_completed_at = timezone.now()
        enrolment.save(update_fields=["units_completed_at"])
        audit(actor=actor, obj=enrolment, action=AuditAction.TRANSITION, message="学完全部课件",
              region_path=enrolment.professional.region.path)
        enrolment_recognise(actor=actor, enrolment=enrolment)
    return enrolment


@transaction.atomic
def enrolment_mark_passed(*, actor: Any, enrolment: Enrolment, when: dt.datetime) -> Enrolment:
    enrolment = Enrolment.objects.select_for_update().get(pk=enrolment.pk)
    if enrolment.passed_at is None:
        enrolment.passed_at = when
        enrolment.save(update_fields=["passed_at"])
        audit(actor=actor, obj=enrolment, action=AuditAction.TRANSITION, message="考试合格",
              region_path=enrolment.professional.region.path)
    enrolment_recognise(actor=actor, enrolment=enrolment)
    return enrolment


def _exam_required(enrolment: Enrolment) -> bool:
    return enrolment.course.blueprint.exists()


@transaction.atomic
def enrolment_recognise(*, actor: Any, enrolment: Enrolment) -> Enrolment:
    """Creates the learning record once both conditions hold (idempotent), then the certificate."""
    enrolment = Enrolment.objects.select_for_update().select_related("course__provider", "professional__region").get(
        pk=enrolment.pk
    )
    if enrolment.record_id is not None or enrolment.units_completed_at is None:
        return enrolment
    if _exam_required(enrolment) and enrolment.passed_at is None:
        return enrolment
    course = enrolment.course
    finished = max(t for t in (enrolment.units_completed_at, enrolment.passed_at) if t is not None)
    record = learning_record_recognise_from_source(
        actor=actor,
        professional=enrolment.professional,
        date=timezone.localdate(finished),
        subject=course.subject,
        form="distance",
        course=course.title,
        source="online_course",
        source_ref=course.code,
        hours=course.hours,
        credits=course.credits,
        credit_class=course.credit_class,
        required_course=course.required_course,
        provider=course.provider,
    )
    enrolment.record = record
    enrolment.save(update_fields=["record"])
    if course.subject == "public" and enrolment.passed_at is not None:
        from .certificates import pass_certificate_issue, pass_certificate_region

        if pass_certificate_region(enrolment.professional.region) is not None:
            pass_certificate_issue(actor=actor, enrolment=enrolment)
    return enrolment
