from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jxjy.accounts.policy import restrict

from .models import AuditEvent


def audit_event_list(*, user: Any, q: str = "", action: str = "", object_type: str = "") -> QuerySet[AuditEvent]:
    qs = restrict(AuditEvent.objects.all(), user)
    if q:
        qs = qs.filter(Q(actor_name__icontains=q) | Q(object_repr__icontains=q) | Q(message__icontains=q))
    if action:
        qs = qs.filter(action=action)
    if object_type:
        qs = qs.filter(object_type=object_type)
    return qs
