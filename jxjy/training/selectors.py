"""Reads of the training workflow, always through the jurisdiction policy (public notices excepted)."""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jxjy.accounts.policy import Action, restrict
from jxjy.core.scoping import get_in_scope

from . import clock
from .choices import ClassStatus, PlanStatus
from .models import PlanItem, PublicNotice, TrainingClass, TrainingPlan


def class_list(*, user: Any, status: str = "", q: str = "") -> QuerySet[TrainingClass]:
    qs = restrict(TrainingClass.objects.select_related("provider", "approving_bureau", "plan_item__plan"), user)
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(name__icontains=q.strip()) | Q(approval_no=q.strip()) | Q(provider__name__icontains=q.strip()))
    return qs


def class_get(*, user: Any, pk: int, action: Action = "view") -> TrainingClass:
    return get_in_scope(TrainingClass.objects.select_related("provider__region", "approving_bureau", "plan_item__plan"),
                        user, action=action, pk=pk)


def plan_list(*, user: Any, year: int | None = None) -> QuerySet[TrainingPlan]:
    qs = restrict(TrainingPlan.objects.select_related("provider", "industry_authority", "employer_unit", "hr_bureau"),
                  user)
    return qs.filter(year=year) if year else qs


def plan_get(*, user: Any, pk: int) -> TrainingPlan:
    return get_in_scope(TrainingPlan.objects.select_related("hr_bureau"), user, pk=pk)


def plan_items_for_provider(*, user: Any) -> QuerySet[PlanItem]:
    return PlanItem.objects.filter(plan__provider_id=getattr(user, "provider_id", None) or 0).select_related("plan")


def published_plan_items(*, year: int) -> QuerySet[PlanItem]:
    """The public list of approved projects of a year (published by the HR bureaus)."""
    return PlanItem.objects.filter(plan__year=year, plan__status=PlanStatus.APPROVED).select_related(
        "plan__provider", "plan__industry_authority", "plan__employer_unit", "plan__hr_bureau")


def public_notices() -> QuerySet[PublicNotice]:
    """Notices running today: public, no login."""
    today = clock.today()
    return PublicNotice.objects.filter(training_class__status=ClassStatus.UNDER_NOTICE, starts_on__lte=today,
                                       ends_on__gte=today).select_related("training_class__provider")


def public_notice_get(*, pk: int) -> PublicNotice:
    from django.http import Http404

    notice = public_notices().filter(pk=pk).first()
    if notice is None:
        raise Http404("公示不存在或已结束")
    return notice



