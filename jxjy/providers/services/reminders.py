"""Reminders of rectification deadlines, sent through the notification centre: one per user,
rectification and kind (the notification's key), so the daily run never repeats one."""

from __future__ import annotations

from django.urls import reverse

from jxjy.accounts.models import Role, User
from jxjy.notifications.choices import Category
from jxjy.notifications.models import Notification
from jxjy.notifications.services import notify

from ..models import Rectification


def users_to_remind(rectification: Rectification) -> list[User]:
    base = rectification.inspection.base
    qs = User.objects.filter(is_active=True)
    return [*qs.filter(role=Role.PROVIDER_ADMIN, provider=base.provider),
            *qs.filter(role=Role.HR_OFFICER, hr_bureau=base.bureau)]


def reminder_key(rectification: Rectification, kind: str) -> str:
    return f"rectification:{rectification.pk}:{kind}"


def remind(*, rectification: Rectification, kind: str, message: str) -> list[Notification]:
    """The reminders newly sent (none to a user who already has this one)."""
    url = reverse("providers:base_detail", args=[rectification.inspection.base_id])
    return notify(users=users_to_remind(rectification), message=message, url=url, category=Category.RECTIFICATION,
                  key=reminder_key(rectification, kind))
