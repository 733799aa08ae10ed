"""The CE bases' 待办 (see jxjy.core.worklist): rectifications that are due (the provider reports,
the accrediting bureau accepts the report)."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.core.worklist import TodoItem

from .choices import RectificationStatus
from .models import Rectification


def providers_todo(user: Any) -> list[TodoItem]:
    rectifications = restrict(Rectification.objects.all(), user)
    if user.role == Role.PROVIDER_ADMIN:
        due = rectifications.filter(status=RectificationStatus.OPEN, inspection__base__provider_id=user.provider_id)
        return [TodoItem("限期整改待报送整改情况", due.count(), reverse("providers:base_list"))]
    if user.role == Role.HR_OFFICER:
        bureau = rectifications.filter(inspection__base__bureau_id=user.hr_bureau_id)
        return [TodoItem("整改情况待验收", bureau.filter(status=RectificationStatus.REPORTED).count(),
                         reverse("providers:base_list")),
                TodoItem("限期整改进行中", bureau.filter(status=RectificationStatus.OPEN).count(),
                         reverse("providers:base_list"))]
    return []
