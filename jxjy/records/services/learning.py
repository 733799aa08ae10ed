"""Writes of learning records. Other workflows (class recognition, online courses) call
`learning_record_recognise_from_source` — never the ORM directly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import Provider
from jxjy.people.models import Professional

from .choices import RecordSource, RecordStatus
from .models import LearningRecord


@transaction.atomic
def learning_record_recognise_from_source(
    *,
    actor: Any,
    professional: Professional,
    date: dt.date,
    subject: str,
    form: str,
    course: str,
    source: RecordSource | str,
    source_ref: str,
    hours: Decimal | float | None = None,
    days: Decimal | float | None = None,
    credits: Decimal | float | None = None,
    credit_class: str = "",
    general_practice: bool = False,
    required_course: bool = False,
    provider: Provider | None = None,
) -> LearningRecord:
    """A recognised record from a class or course; one per person and source (idempotent)."""
    if hours is None and days is None and credits is None:
        raise ApplicationError("学习记录必须有学时、天数或学分之一", field="hours")
    existing = LearningRecord.objects.filter(
        professional=professional, source=source, source_ref=source_ref
    ).exclude(status=RecordStatus.REVOKED).first()
    if existing is not None:
        return existing
    record = LearningRecord(
        professional=professional,
        date=date,
        year=date.year,
        subject=subject,
        form=form,
        course=course,
        source=source,
        source_ref=source_ref,
        hours=Decimal(str(hours)) if hours is not None else None,
        days=Decimal(str(days)) if days is not None else None,
        credits=Decimal(str(credits)) if credits is not None else None,
        credit_class=credit_class,
        general_practice=general_practice,
        required_course=required_course,
        provider=provider,
        status=RecordStatus.RECOGNISED,
        recognised_at=timezone.now(),
        recognised_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=record,
        after=snapshot(record),
        region_path=professional.region.path,
        message=f"认定学习记录：{course}",
    )
    return record
