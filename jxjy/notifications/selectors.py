from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jxjy.accounts.policy import restrict

from .models import Notification


def notifications_for(*, user: Any, unread_only: bool = False, category: str = "") -> QuerySet[Notification]:
    qs = restrict(Notification.objects.all(), user)
    if unread_only:
        qs = qs.filter(read_at__isnull=True)
    if category:
        qs = qs.filter(category=category)
    return qs


def unread_count(*, user: Any) -> int:
    """One COUNT served by the (user, read_at) index: cheap enough for every page's header."""
    if not getattr(user, "is_authenticated", False):
        return 0
    return Notification.objects.filter(user_id=user.pk, read_at__isnull=True).count()
