"""Annual training plans: filed by the deadline of the rule set of the bureau's region (泉洛政人社[2017]27号
一（五）1 for 洛江; elsewhere the document's or the default), reviewed and published."""

from __future__ import annotations

import calendar
import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.urls import reverse

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.notifications.choices import Category
from jxjy.notifications.services import notify, users_of

from .. import clock
from ..choices import PlanStatus
from ..models import PlanItem, TrainingPlan, TrainingSettings
from .config import bureau_of, setting_basis, settings_for


def plan_deadline(year: int, cfg: TrainingSettings) -> dt.date:
    """The filing deadline of the plan for `year`: the month of the rule set of the bureau's region
    (泉洛政人社[2017]27号 一（五）1: 当年2月底前; elsewhere the default) or the bureau's override."""
    month = cfg.plan_deadline_month
    assert month is not None  # filled by settings_for
    day = cfg.plan_deadline_day or calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(day, calendar.monthrange(year, month)[1]))


def plan_deadline_of(actor: Any, year: int) -> tuple[dt.date, str] | None:
    """The deadline of the actor's organisation's plan for `year` and where it comes from (the rule
    set of the region of the bureau the plan is filed with, or that bureau's override); None when
    the actor files no plans or its region has no bureau."""
    try:
        region = next(iter(_owner_fields(actor).values())).region
    except PermissionDenied:
        return None
    bureau = bureau_of(region)
    if bureau is None:
        return None
    cfg = settings_for(bureau, dt.date(year, 1, 1))
    return plan_deadline(year, cfg), setting_basis(cfg, "plan_deadline_month")


def _owner_fields(actor: Any) -> dict[str, Any]:
    if actor.role == "provider_admin":
        return {"provider": actor.provider}
    if actor.role == "authority_officer":
        return {"industry_authority": actor.industry_authority}
    if actor.role == "unit_admin":
        return {"employer_unit": actor.employer_unit}
    raise PermissionDenied("只有施教机构、行业主管部门和单位可以填报年度培训计划")


@transaction.atomic
def training_plan_create(*, actor: Any, year: int, items: list[dict[str, Any]]) -> TrainingPlan:
    """A draft plan of the actor's organisation, with its planned classes."""
    owner = _owner_fields(actor)
    region = next(iter(owner.values())).region
    bureau = bureau_of(region)
    if bureau is None:
        raise ApplicationError("所在地区没有人社局，无法报送计划")
    if not items:
        raise ApplicationError("计划至少应包含一个培训项目", field="items")
    plan = TrainingPlan(year=year, hr_bureau=bureau, created_by=actor, **owner)
    plan.full_clean()
    plan.save()
    for data in items:
        item = PlanItem(plan=plan, name=data["name"], class_type=data.get("class_type", "training"),
                        audience=data["audience"], hours=Decimal(str(data["hours"])), runs=data.get("runs", 1),
                        trainees=data["trainees"], budget_source=data["budget_source"])
        item.full_clean()
        item.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=plan, after=snapshot(plan),
                 message=f"填报{year}年度培训计划（{len(items)}个项目）")
    return plan


@transaction.atomic
def training_plan_submit(*, actor: Any, plan: TrainingPlan) -> TrainingPlan:
    """Files the plan with the HR bureau; refused after the deadline (``plan_deadline``)."""
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if not actor.is_superuser:
        key, org = next(iter(_owner_fields(actor).items()))
        if getattr(plan, f"{key}_id") != org.pk:
            raise PermissionDenied("只能报送本单位的计划")
    if plan.status not in (PlanStatus.DRAFT, PlanStatus.RETURNED):
        raise ConflictError(f"计划当前状态为“{plan.get_status_display()}”，不能报送")
    deadline = plan_deadline(plan.year, settings_for(plan.hr_bureau))
    if clock.today() > deadline:
        raise ApplicationError(f"{plan.year}年度培训计划应于{deadline:%Y年%-m月%-d日}前报送，已逾期")
    before = snapshot(plan)
    plan.status = PlanStatus.SUBMITTED
    plan.submitted_at = clock.now()
    plan.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=plan, before=before, after=snapshot(plan),
                 message="报送年度培训计划")
    notify(category=Category.PLAN, users=users_of(plan.hr_bureau), message=f"{plan} 待审核",
           url=reverse("training:plan_detail", args=[plan.pk]))
    return plan


def _review(actor: Any, plan: TrainingPlan, status: str, comment: str, message: str) -> TrainingPlan:
    plan = TrainingPlan.objects.select_for_update().get(pk=plan.pk)
    if not (actor.is_superuser or (actor.role == "hr_officer" and actor.hr_bureau_id == plan.hr_bureau_id)):
        raise PermissionDenied("只有审核人社局的经办人员可以审核计划")
    if plan.status != PlanStatus.SUBMITTED:
        raise ConflictError(f"计划当前状态为“{plan.get_status_display()}”，不能审核")
    before = snapshot(plan)
    plan.status, plan.review_comment = status, comment
    plan.reviewed_by, plan.reviewed_at = actor, clock.now()
    plan.save(update_fields=["status", "review_comment", "reviewed_by", "reviewed_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=plan, before=before, after=snapshot(plan),
                 message=message)
    notify(category=Category.PLAN, users=[plan.created_by], message=f"{plan}：{message}", url=reverse("training:plan_detail", args=[plan.pk]))
    return plan


@transaction.atomic
def training_plan_approve(*, actor: Any, plan: TrainingPlan, comment: str = "") -> TrainingPlan:
    """Approves the plan; its items join the published list of approved projects."""
    return _review(actor, plan, PlanStatus.APPROVED, comment, "审核通过并公布")


@transaction.atomic
def training_plan_return(*, actor: Any, plan: TrainingPlan, comment: str) -> TrainingPlan:
    if not comment.strip():
        raise ApplicationError("退回修改须填写意见", field="comment")
    return _review(actor, plan, PlanStatus.RETURNED, comment, f"退回修改：{comment}")
