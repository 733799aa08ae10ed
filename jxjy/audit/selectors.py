from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Max, Q, QuerySet
from django.db.models.functions import TruncDate
from django.utils import timezone

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


@dataclass(frozen=True)
class DailyChainHead:
    """The last link of the audit chain on one day (Asia/Shanghai) and how many events the day added."""

    day: dt.date
    count: int
    head_seq: int
    head_hash: str


def audit_daily_chain_heads(*, days: int = 90, today: dt.date | None = None) -> list[DailyChainHead]:
    """The chain head of each of the last `days` days that had events, newest first. Public: hashes
    and counts only, nothing about the events. Two queries."""
    today = today or timezone.localdate()
    since = dt.datetime.combine(today - dt.timedelta(days=days - 1), dt.time.min, tzinfo=timezone.get_current_timezone())
    rows = list(
        AuditEvent.objects.filter(at__gte=since)
        .annotate(day=TruncDate("at", tzinfo=timezone.get_current_timezone()))
        .values("day")
        .annotate(count=Count("id"), head_seq=Max("seq"))
        .order_by("-day")
    )
    hashes = dict(AuditEvent.objects.filter(seq__in=[r["head_seq"] for r in rows]).values_list("seq", "hash"))
    return [DailyChainHead(r["day"], r["count"], r["head_seq"], hashes[r["head_seq"]]) for r in rows]
