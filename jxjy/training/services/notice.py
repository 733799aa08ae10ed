"""Public notice (公示, 榕人专〔2009〕145号 三 and 附件2): days and mode (continuous, or the first week of
each quarter) from the rule set of the region with jurisdiction over the class's target professionals,
on a public page; objections, approval."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.cache import cache
from django.db import transaction
from django.urls import reverse

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError
from jxjy.notifications.choices import Category
from jxjy.notifications.services import notify, users_of
from jxjy.providers.services.credit import provider_credit_event_record

from .. import clock
from ..choices import ClassStatus, NoticeMode, ObjectionStatus
from ..models import Objection, PublicNotice, TrainingClass, TrainingSettings
from ..permissions import require_approving_officer
from .config import class_settings
from .numbers import format_approval_no, format_certificate_no, issue_block

OBJECTIONS_PER_HOUR_PER_ADDRESS = 5


def notice_start(today: dt.date, cfg: TrainingSettings) -> dt.date:
    """The first day of notice: today, or in rounds mode the next round window (福州: first week of each quarter)."""
    if cfg.notice_mode != NoticeMode.ROUNDS:
        return today
    months = cfg.rounds or [1, 4, 7, 10]
    if today.month in months and today.day <= cfg.round_first_days:
        return today
    for year in (today.year, today.year + 1):
        for month in months:
            start = dt.date(year, month, 1)
            if start > today:
                return start
    raise AssertionError("unreachable")


def public_notice_publish(*, training_class: TrainingClass) -> PublicNotice:
    """Called by the last review approval, inside its transaction."""
    cfg = class_settings(training_class, clock.today())
    starts = notice_start(clock.today(), cfg)
    PublicNotice.objects.filter(training_class=training_class).delete()
    days = cfg.notice_days
    assert days is not None  # filled by class_settings
    notice = PublicNotice(training_class=training_class, starts_on=starts,
                          ends_on=starts + dt.timedelta(days=days - 1))
    notice.full_clean()
    notice.save()
    return notice


def _class_url(training_class: TrainingClass) -> str:
    return reverse("training:class_detail", args=[training_class.pk])


@transaction.atomic
def objection_file(*, notice: PublicNotice, name: str, contact: str, reason: str, ip: str | None) -> Objection:
    """Anyone may object while the notice runs; limited per address so the page cannot be flooded."""
    notice = PublicNotice.objects.select_related("training_class").get(pk=notice.pk)
    today = clock.today()
    if notice.training_class.status != ClassStatus.UNDER_NOTICE or not (notice.starts_on <= today <= notice.ends_on):
        raise ConflictError("该培训班不在公示期内，不能提出异议")
    name, contact, reason = name.strip(), contact.strip(), reason.strip()
    for value, field, label in ((name, "name", "姓名"), (contact, "contact", "联系方式"), (reason, "reason", "异议理由")):
        if not value:
            raise ApplicationError(f"请填写{label}", field=field)
    key = f"training:objection:{ip or 'unknown'}"
    count = cache.get(key, 0)
    if count >= OBJECTIONS_PER_HOUR_PER_ADDRESS:
        raise ApplicationError("提交过于频繁，请一小时后再试", extra={"rate_limited": True})
    cache.set(key, count + 1, 3600)
    objection = Objection(notice=notice, name=name[:50], contact=contact[:100], reason=reason[:2000], ip=ip)
    objection.full_clean()
    objection.save()
    audit_record(actor=None, action=AuditAction.CREATE, obj=objection, after=snapshot(objection, exclude={"contact"}),
                 message=f"对公示的培训班提出异议：{notice.training_class}")
    notify(category=Category.TRAINING, users=users_of(notice.training_class.approving_bureau),
           message=f"公示中的培训班收到异议，待处理：{notice.training_class}", url=_class_url(notice.training_class))
    return objection


@transaction.atomic
def objection_resolve(*, actor: Any, objection: Objection, upheld: bool, resolution: str) -> Objection:
    """An officer of the approving bureau decides an open objection; an upheld one refuses the class."""
    objection = Objection.objects.select_for_update(of=("self",)).select_related("notice__training_class").get(pk=objection.pk)
    training_class = TrainingClass.objects.select_for_update().get(pk=objection.notice.training_class_id)
    require_approving_officer(actor, training_class)
    if objection.status != ObjectionStatus.OPEN:
        raise ConflictError("该异议已处理")
    if not resolution.strip():
        raise ApplicationError("请填写处理意见", field="resolution")
    before = snapshot(objection)
    objection.status = ObjectionStatus.UPHELD if upheld else ObjectionStatus.DISMISSED
    objection.resolution, objection.resolved_by, objection.resolved_at = resolution.strip()[:500], actor, clock.now()
    objection.save(update_fields=["status", "resolution", "resolved_by", "resolved_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=objection, before=before, after=snapshot(objection),
                 message=f"处理异议：{objection.get_status_display()}，{resolution}")
    if upheld and training_class.status == ClassStatus.UNDER_NOTICE:
        class_before = snapshot(training_class)
        training_class.status = ClassStatus.REJECTED
        training_class.save(update_fields=["status"])
        audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=class_before,
                     after=snapshot(training_class), message=f"公示异议成立，不予批准：{resolution}")
        provider_credit_event_record(
            actor=actor, provider=training_class.provider, kind="upheld_objection", occurred_on=clock.today(),
            source=f"培训班 {training_class.name} 公示异议 #{objection.pk}", description=resolution.strip()[:500])
        notify(category=Category.TRAINING, users=users_of(training_class.provider), message=f"{training_class} 公示异议成立，不予批准",
               url=_class_url(training_class))
    return objection


@transaction.atomic
def public_notice_conclude(*, actor: Any, training_class: TrainingClass) -> TrainingClass:
    """An officer of the approving bureau approves a class whose notice has ended clean."""
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related("approving_bureau").get(
        pk=training_class.pk)
    require_approving_officer(actor, training_class)
    return _conclude(actor, training_class)


def public_notice_conclude_due() -> list[TrainingClass]:
    """Approves, without an officer, every class whose notice ended yesterday or earlier with no open
    objection (run daily by `manage.py training_conclude_notices`). Classes with open objections wait."""
    approved = []
    due = PublicNotice.objects.filter(training_class__status=ClassStatus.UNDER_NOTICE, ends_on__lt=clock.today())
    for notice in due.exclude(objections__status=ObjectionStatus.OPEN).select_related("training_class"):
        with transaction.atomic():
            training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related(
                "approving_bureau").get(pk=notice.training_class_id)
            try:
                approved.append(_conclude(None, training_class))
            except ConflictError:
                continue
    return approved


def _conclude(actor: Any, training_class: TrainingClass) -> TrainingClass:
    """After a clean notice the class is approved: an approval number and a block of certificate numbers
    sized to the trainee count, both from locked counters (unique and gap-free)."""
    if training_class.status != ClassStatus.UNDER_NOTICE:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不在公示中")
    notice = training_class.notice
    today = clock.today()
    if today <= notice.ends_on:
        raise ConflictError(f"公示期至{notice.ends_on:%Y年%-m月%-d日}，期满后方可批准")
    open_count = notice.objections.filter(status=ObjectionStatus.OPEN).count()
    if open_count:
        raise ConflictError(f"公示收到的{open_count}条异议尚未处理，处理完毕后方可批准")
    bureau = training_class.approving_bureau
    assert bureau is not None
    before = snapshot(training_class)
    year = today.year
    seq = issue_block(bureau=bureau, series="approval", year=year, count=1)
    first = issue_block(bureau=bureau, series="certificate", year=year, count=training_class.capacity)
    training_class.approval_no = format_approval_no(bureau, year, seq)
    training_class.certificate_year = year
    training_class.certificate_first, training_class.certificate_last = first, first + training_class.capacity - 1
    training_class.status = ClassStatus.APPROVED
    training_class.approved_at = clock.now()
    training_class.save(update_fields=["approval_no", "certificate_year", "certificate_first", "certificate_last",
                                       "status", "approved_at"])
    notice.concluded_at = clock.now()
    notice.save(update_fields=["concluded_at"])
    who = "" if actor is not None else "（系统按期自动办理）"
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class),
                 message=f"公示期满无异议，批准办班{who}：批准号{training_class.approval_no}，证书号"
                         f"{format_certificate_no(training_class, first)}起{training_class.capacity}个")
    notify(category=Category.TRAINING, users=users_of(training_class.provider),
           message=f"{training_class} 已批准，批准号 {training_class.approval_no}", url=_class_url(training_class))
    return training_class
