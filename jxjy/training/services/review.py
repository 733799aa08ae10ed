"""Review of a class application, one step at a time along its chain: approve, return, reject. The
chain is that of the region with jurisdiction over the professionals the class is for (its target
region): what that region's rule set names for the organiser's level, or that region's bureau's own."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.urls import reverse

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.notifications.choices import Category
from jxjy.notifications.services import notify, users_of

from .. import clock
from ..choices import ClassStatus, ReviewStatus
from ..models import ClassReview, TrainingClass
from ..permissions import is_reviewer_of
from .config import ResolvedStep, resolve_chain, reviewer_fields
from .notice import public_notice_publish


def review_chain_for(training_class: TrainingClass, on: dt.date) -> list[ResolvedStep]:
    """Who reviews the class, in order, the last one approving: the chain of the rule set (in force on
    `on`) of the region with jurisdiction over its target professionals, for the organiser's level
    (泉洛政人社[2017]27号 一（五）1: every class for 洛江 professionals goes through the district bureau;
    榕人专〔2009〕145号 附件1: 主管部门或县（市）区人事部门, then the city), else the default stated as such."""
    return resolve_chain(training_class.provider, training_class.jurisdiction, on)


def review_round_open(*, training_class: TrainingClass, steps: list[ResolvedStep]) -> list[ClassReview]:
    """The steps of the class's current round (``review_round``), the first pending. Called by the
    submission, inside its transaction."""
    return [ClassReview.objects.create(training_class=training_class, round=training_class.review_round, order=order,
                                       status=ReviewStatus.PENDING if order == 1 else ReviewStatus.WAITING,
                                       **reviewer_fields(step.reviewer))
            for order, step in enumerate(steps, start=1)]


def current_review(training_class: TrainingClass) -> ClassReview | None:
    return training_class.reviews.filter(round=training_class.review_round, status=ReviewStatus.PENDING).first()


def _start(actor: Any, training_class: TrainingClass) -> tuple[TrainingClass, ClassReview]:
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related("provider").get(pk=training_class.pk)
    if training_class.status != ClassStatus.UNDER_REVIEW:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不在审核中")
    review = current_review(training_class)
    assert review is not None
    if not (is_reviewer_of(actor, review) or actor.is_superuser):
        raise PermissionDenied(f"当前应由{review.reviewer}审核")
    return training_class, review


def _decide(actor: Any, review: ClassReview, status: str, comment: str) -> None:
    review.status, review.comment = status, comment
    review.decided_by, review.decided_at = actor, clock.now()
    review.save(update_fields=["status", "comment", "decided_by", "decided_at"])


def _url(training_class: TrainingClass) -> str:
    return reverse("training:class_detail", args=[training_class.pk])


@transaction.atomic
def class_review_approve(*, actor: Any, training_class: TrainingClass, comment: str = "") -> TrainingClass:
    """Agrees at the current step; the next step becomes pending, or after the last the class goes to notice."""
    training_class, review = _start(actor, training_class)
    before = snapshot(training_class)
    _decide(actor, review, ReviewStatus.APPROVED, comment)
    following = training_class.reviews.filter(round=review.round, order__gt=review.order).order_by("order").first()
    if following is not None:
        following.status = ReviewStatus.PENDING
        following.save(update_fields=["status"])
        audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                     after=snapshot(training_class), message=f"{review.reviewer}审核同意，转{following.reviewer}审核")
        notify(category=Category.TRAINING, users=users_of(following.reviewer), message=f"办班申请待审核：{training_class}", url=_url(training_class))
        return training_class
    notice = public_notice_publish(training_class=training_class)
    training_class.status = ClassStatus.UNDER_NOTICE
    training_class.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class),
                 message=f"{review.reviewer}审核同意，公示{notice.starts_on:%Y-%m-%d}至{notice.ends_on:%Y-%m-%d}")
    notify(category=Category.TRAINING, users=users_of(training_class.provider), message=f"{training_class} 审核通过，进入公示",
           url=_url(training_class))
    return training_class


@transaction.atomic
def class_review_return(*, actor: Any, training_class: TrainingClass, comment: str) -> TrainingClass:
    """Returns the application to the provider for changes, with comments; it is resubmitted from the start."""
    if not comment.strip():
        raise ApplicationError("退回修改须填写修改意见", field="comment")
    training_class, review = _start(actor, training_class)
    before = snapshot(training_class)
    _decide(actor, review, ReviewStatus.RETURNED, comment)
    training_class.status = ClassStatus.RETURNED
    training_class.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class), message=f"{review.reviewer}退回修改：{comment}")
    notify(category=Category.TRAINING, users=users_of(training_class.provider), message=f"{training_class} 被退回修改：{comment}",
           url=_url(training_class))
    return training_class


@transaction.atomic
def class_review_reject(*, actor: Any, training_class: TrainingClass, reason: str) -> TrainingClass:
    """Refuses the class, with the reason. Final."""
    if not reason.strip():
        raise ApplicationError("不予批准须填写理由", field="comment")
    training_class, review = _start(actor, training_class)
    before = snapshot(training_class)
    _decide(actor, review, ReviewStatus.REJECTED, reason)
    training_class.status = ClassStatus.REJECTED
    training_class.save(update_fields=["status"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class), message=f"{review.reviewer}不予批准：{reason}")
    notify(category=Category.TRAINING, users=users_of(training_class.provider), message=f"{training_class} 不予批准：{reason}",
           url=_url(training_class))
    return training_class
