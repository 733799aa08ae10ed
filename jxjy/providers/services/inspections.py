"""Annual inspection / evaluation of CE bases and its outcomes (常人社发〔2011〕11号 第二十五条):
评估验收合格的保留资格；不符合规定要求的责令限期整改；逾期不整改或者经整改仍不符合规定要求的，
取消其培训基地资格，并在媒体上公告."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from ..choices import BaseEventKind, BaseStatus, CreditEventKind, InspectionOutcome, RectificationStatus
from ..models import INSPECTION_ITEMS, Announcement, AnnualInspection, BaseEvent, CEBase, Rectification
from ..scheme import scheme
from ..selectors.facts import inspection_facts
from ._common import require_provider_admin, require_role, save_validated, today
from .credit import provider_credit_event_record
from .reminders import remind


def _require_base_officer(actor: Any, base: CEBase) -> Any:
    user = require_role(actor, Role.HR_OFFICER, message="只有人社局经办人员可以办理年检")
    if not user.is_superuser and user.hr_bureau_id != base.bureau_id:
        raise PermissionDenied(f"该基地由{base.bureau}认定和管理，其他人社局不能办理其年检")
    return user


@transaction.atomic
def inspection_record(
    *,
    actor: Any,
    base: CEBase,
    year: int,
    scores: dict[str, Decimal],
    findings: str,
    outcome: str,
    inspected_on: dt.date | None = None,
    rectification_deadline: dt.date | None = None,
    rectification_requirements: str = "",
    facts: dict[str, Any] | None = None,
) -> AnnualInspection:
    """Records an annual inspection with the five items scored and applies its outcome."""
    user = _require_base_officer(actor, base)
    base = CEBase.objects.select_for_update().get(pk=base.pk)
    if base.status == BaseStatus.REVOKED:
        raise ConflictError("该基地已摘牌，不能再年检")
    if AnnualInspection.objects.filter(base=base, year=year).exists():
        raise ConflictError(f"{year}年度的年检已登记", field="year")
    day = inspected_on or today()
    if day < base.valid_from or day > today():
        raise ApplicationError(
            f"检查日期须在授牌日期{base.valid_from:%Y年%m月%d日}至今天之间", field="inspected_on")
    missing = [label for field, label in INSPECTION_ITEMS if field not in scores]
    if missing:
        raise ApplicationError(f"请为以下项目评分：{'、'.join(missing)}", field="scores")
    if outcome == InspectionOutcome.RECTIFY:
        if rectification_deadline is None or rectification_deadline <= day:
            raise ApplicationError("责令整改须规定晚于检查日期的整改期限", field="rectification_deadline")
        if not rectification_requirements.strip():
            raise ApplicationError("请填写整改要求", field="rectification_requirements")
    inspection = AnnualInspection(
        base=base, year=year, inspected_on=day, findings=findings, outcome=outcome, inspector=user,
        facts=facts if facts is not None else inspection_facts(base=base, year=year),
        **{f: Decimal(scores[f]) for f, _ in INSPECTION_ITEMS},
    )
    save_validated(inspection)
    BaseEvent.objects.create(base=base, kind=BaseEventKind.INSPECTED, occurred_on=day, actor=user,
                             description=f"{year}年度年检，总分{inspection.total}，结论：{inspection.get_outcome_display()}")
    audit_record(actor=user, action="create", obj=inspection, after=snapshot(inspection), message=str(inspection))
    source = f"{base.bureau} {year}年度年检"
    if outcome == InspectionOutcome.KEEP:
        provider_credit_event_record(actor=user, provider=base.provider, kind=CreditEventKind.INSPECTION_KEEP,
                                     occurred_on=day, source=source, description=f"年检合格，总分{inspection.total}")
    elif outcome == InspectionOutcome.RECTIFY:
        assert rectification_deadline is not None
        rect = Rectification(inspection=inspection, requirements=rectification_requirements.strip(),
                             deadline=rectification_deadline)
        save_validated(rect)
        base.status = BaseStatus.RECTIFYING
        save_validated(base, update_fields=["status"])
        BaseEvent.objects.create(base=base, kind=BaseEventKind.RECTIFICATION_ORDERED, occurred_on=day, actor=user,
                                 description=f"责令于{rectification_deadline:%Y年%m月%d日}前整改：{rect.requirements}"[:500])
        provider_credit_event_record(actor=user, provider=base.provider, kind=CreditEventKind.INSPECTION_RECTIFY,
                                     occurred_on=day, source=source, description="年检不合格，责令限期整改")
        remind(rectification=rect, kind="ordered",
               message=f"{base.provider}被责令于{rectification_deadline:%Y年%m月%d日}前完成整改")
    else:
        _revoke(base=base, actor=user, on=day, reason=f"{year}年度年检不符合规定要求：{findings}"[:500])
    return inspection


def _revoke(*, base: CEBase, actor: Any, on: dt.date, reason: str) -> CEBase:
    before = snapshot(base)
    base.status = BaseStatus.REVOKED
    base.revoked_on = on
    base.revocation_reason = reason
    save_validated(base, update_fields=["status", "revoked_on", "revocation_reason"])
    BaseEvent.objects.create(base=base, kind=BaseEventKind.REVOKED, occurred_on=on, actor=actor,
                             description=f"摘牌：{reason}"[:500])
    Announcement.objects.create(
        base=base, kind="revoked", published_on=on,
        title=f"关于取消{base.provider}{base.get_tier_display()}继续教育基地资格的公告",
        body=f"{base.provider}（{base.number}）{reason}。根据常人社发〔2011〕11号第二十五条，{base.bureau}决定自"
             f"{on:%Y年%m月%d日}起取消其{base.get_tier_display()}继续教育基地资格（摘牌），特此公告。",
    )
    provider_credit_event_record(actor=actor, provider=base.provider, kind=CreditEventKind.REVOCATION,
                                 occurred_on=on, source=f"{base.bureau} 摘牌决定", description=reason[:500])
    audit_record(actor=actor, action="transition", obj=base, before=before, after=snapshot(base),
                 message=f"摘牌：{base}")
    return base


def base_revocation_classes(*, base: CEBase) -> list[Any]:
    """The provider's classes whose hours are recognised and that ended while the base was valid:
    the ones an officer may decide on when revoking the base."""
    from jxjy.training.services.revocation import recognised_classes_of_provider

    return recognised_classes_of_provider(provider_id=base.provider_id, since=base.valid_from)


def _chosen_classes(base: CEBase, class_ids: Iterable[int]) -> list[Any]:
    from jxjy.training.models import TrainingClass

    wanted = sorted(set(class_ids))
    if not wanted:
        return []
    allowed = {c.pk for c in base_revocation_classes(base=base)}
    if not set(wanted) <= allowed:
        raise ApplicationError("所选培训班不属于该机构，或其学时尚未认定", field="classes")
    return list(TrainingClass.objects.select_for_update().filter(pk__in=wanted).order_by("end_date", "pk"))


def _records_reason(base: CEBase, reason: str) -> str:
    return f"{base.provider}{base.get_tier_display()}继续教育基地被摘牌（{reason}），其培训班学时不予认可"[:300]


def _validated(actor: Any, base: CEBase, reason: str) -> tuple[Any, CEBase, str]:
    user = _require_base_officer(actor, base)
    base = CEBase.objects.select_for_update().get(pk=base.pk)
    if base.status == BaseStatus.REVOKED:
        raise ConflictError("该基地已摘牌")
    if not reason.strip():
        raise ApplicationError("请填写摘牌原因", field="reason")
    return user, base, reason.strip()


@transaction.atomic
def base_revoke(*, actor: Any, base: CEBase, reason: str, on: dt.date | None = None,
                revoke_classes: Iterable[int] = ()) -> CEBase:
    """The accrediting bureau revokes a base outright (e.g. for 乱办班、乱收费、乱发证, 榕人专〔2009〕145号 五)
    and decides on its classes: the hours of the classes in `revoke_classes` (e.g. those of the period
    the base failed) are revoked — standings recomputed, people and units told — and the others kept."""
    user, base, reason = _validated(actor, base, reason)
    classes = _chosen_classes(base, revoke_classes)
    day = on or today()
    _revoke(base=base, actor=user, on=day, reason=reason)
    if classes:
        from jxjy.training.services.revocation import training_classes_recognition_revoke

        result = training_classes_recognition_revoke(actor=user, classes=classes, reason=_records_reason(base, reason))
        BaseEvent.objects.create(
            base=base, kind=BaseEventKind.REVOKED, occurred_on=day, actor=user,
            description=(f"摘牌时撤销{len(classes)}个培训班的学时（{len(result.records)}条学习记录，"
                         f"{len(result.became_short)}人因此未达标）")[:500])
    return base


class _PreviewDone(Exception):  # noqa: N818 — a control-flow signal that rolls the preview back
    def __init__(self, result: Any) -> None:
        self.result = result


def base_revocation_preview(*, actor: Any, base: CEBase, reason: str, revoke_classes: Iterable[int] = ()) -> Any:
    """What `base_revoke` with these classes would do to people and units — the same services run in
    a transaction that is rolled back, so nothing is written and nobody is told. Returns the
    `RevocationResult` (people, units, who would become non-compliant)."""
    from jxjy.records.services.revocation import RevocationResult
    from jxjy.training.services.revocation import training_classes_recognition_revoke

    try:
        with transaction.atomic():
            user, locked, reason = _validated(actor, base, reason)
            classes = _chosen_classes(locked, revoke_classes)
            if not classes:
                return RevocationResult(reason=reason)
            result = training_classes_recognition_revoke(actor=user, classes=classes,
                                                         reason=_records_reason(locked, reason), notify_people=False)
            raise _PreviewDone(result)
    except _PreviewDone as done:
        return done.result


@transaction.atomic
def rectification_report(*, actor: Any, rectification: Rectification, report: str) -> Rectification:
    user = require_provider_admin(actor, rectification.inspection.base.provider)
    rect = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if rect.status not in (RectificationStatus.OPEN, RectificationStatus.REPORTED):
        raise ConflictError("该整改已办结")
    if not report.strip():
        raise ApplicationError("请填写整改情况", field="report")
    rect.report = report.strip()
    rect.reported_at = timezone.now()
    rect.status = RectificationStatus.REPORTED
    save_validated(rect, update_fields=["report", "reported_at", "status"])
    BaseEvent.objects.create(base=rect.inspection.base, kind=BaseEventKind.RECTIFICATION_REPORTED,
                             occurred_on=today(), actor=user, description="报送整改情况")
    audit_record(actor=user, action="transition", obj=rect, message=f"报送整改情况：{rect}")
    return rect


@transaction.atomic
def rectification_decide(
    *, actor: Any, rectification: Rectification, accepted: bool, comment: str = "", on: dt.date | None = None,
) -> Rectification:
    """The officer accepts the rectification (the base is kept) or finds it still short (摘牌)."""
    base = rectification.inspection.base
    user = _require_base_officer(actor, base)
    rect = Rectification.objects.select_for_update().get(pk=rectification.pk)
    if rect.status != RectificationStatus.REPORTED:
        raise ConflictError("机构报送整改情况后才能验收")
    day = on or today()
    rect.status = RectificationStatus.ACCEPTED if accepted else RectificationStatus.FAILED
    rect.closed_on = day
    rect.closed_by = user
    save_validated(rect, update_fields=["status", "closed_on", "closed_by"])
    base = CEBase.objects.select_for_update().get(pk=base.pk)
    if accepted:
        base.status = BaseStatus.ACCREDITED
        save_validated(base, update_fields=["status"])
        BaseEvent.objects.create(base=base, kind=BaseEventKind.RECTIFICATION_ACCEPTED, occurred_on=day, actor=user,
                                 description=f"整改验收合格，保留基地资格。{comment}"[:500])
    else:
        _revoke(base=base, actor=user, on=day, reason=f"经整改仍不符合规定要求：{comment}"[:500])
    audit_record(actor=user, action="transition", obj=rect, message=f"整改验收：{rect.get_status_display()}")
    return rect


@transaction.atomic
def rectifications_process(*, on: dt.date, actor: Any = None) -> dict[str, int]:
    """The daily task: remind before deadlines; revoke bases whose deadline passed with no rectification
    reported (逾期不整改). Idempotent for a given day. Run by `manage.py providers_daily [--date]`."""
    counts = {"reminded": 0, "revoked": 0}
    open_ones = Rectification.objects.select_related("inspection__base__provider", "inspection__base__bureau").filter(
        status=RectificationStatus.OPEN)
    for rect in open_ones:
        base = rect.inspection.base
        days_left = (rect.deadline - on).days
        if days_left < 0:
            rect.status = RectificationStatus.FAILED
            rect.closed_on = on
            save_validated(rect, update_fields=["status", "closed_on"])
            locked = CEBase.objects.select_for_update().get(pk=base.pk)
            if locked.status != BaseStatus.REVOKED:
                _revoke(base=locked, actor=actor, on=on,
                        reason=f"逾期未整改（整改期限{rect.deadline:%Y年%m月%d日}）")
                counts["revoked"] += 1
            remind(rectification=rect, kind="overdue", message=f"{base.provider}逾期未整改，已取消其基地资格")
        elif days_left in scheme().reminder_days_before:
            counts["reminded"] += len(remind(
                rectification=rect, kind=f"due-{days_left}",
                message=f"{base.provider}的整改期限{rect.deadline:%Y年%m月%d日}还剩{days_left}天，请及时报送整改情况"))
    return counts
