"""Reads of applications, bases, inspections and rectifications, scoped by the jurisdiction policy."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jxjy.accounts.policy import Action, restrict
from jxjy.core.scoping import get_in_scope
from jxjy.notifications.choices import Category
from jxjy.notifications.models import Notification
from jxjy.notifications.selectors import notifications_for

from ..models import AnnualInspection, BaseApplication, CEBase, Rectification


def application_list(*, user: Any, status: str = "", action: Action = "view") -> QuerySet[BaseApplication]:
    qs = restrict(BaseApplication.objects.select_related("provider__region", "bureau"), user, action)
    return qs.filter(status=status) if status else qs


def application_get(*, user: Any, pk: int) -> BaseApplication:
    return get_in_scope(BaseApplication.objects.select_related("provider__region", "bureau", "renewal_of"), user, pk=pk)


def base_list(*, user: Any, q: str = "", status: str = "", tier: str = "") -> QuerySet[CEBase]:
    qs = restrict(CEBase.objects.select_related("provider__region", "bureau"), user)
    if q:
        qs = qs.filter(provider__name__icontains=q)
    if status:
        qs = qs.filter(status=status)
    if tier:
        qs = qs.filter(tier=tier)
    return qs


def base_get(*, user: Any, pk: int) -> CEBase:
    return get_in_scope(CEBase.objects.select_related("provider__region", "bureau", "application"), user, pk=pk)


def inspections_of(*, user: Any, base: CEBase) -> QuerySet[AnnualInspection]:
    return restrict(AnnualInspection.objects.filter(base=base).select_related("inspector"), user)


def rectification_get(*, user: Any, pk: int) -> Rectification:
    return get_in_scope(Rectification.objects.select_related("inspection__base__provider", "inspection__base__bureau"),
                        user, pk=pk)


def rectification_list(*, user: Any, status: str = "") -> QuerySet[Rectification]:
    qs = restrict(Rectification.objects.select_related("inspection__base__provider"), user)
    return qs.filter(status=status) if status else qs


def reminders_for(*, user: Any) -> QuerySet[Notification]:
    """The user's rectification reminders (kept in the notification centre)."""
    return notifications_for(user=user, category=Category.RECTIFICATION)
