"""模拟日期 for trials: in the development settings only (`JXJY_DEMO_CLOCK = True`), an HR officer can
move the workflow's date forward, so that a trial user walks a class from application through notice,
sign-in and recognition in minutes instead of weeks. The training workflow reads its time through
`jxjy.training.clock`, which adds this offset; nothing else changes (audit times stay real). In any other
settings the offset is never read and the page answers 404, so production cannot have it."""

from __future__ import annotations

import datetime as dt
import time
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError, PermissionDenied

MAX_DAYS = 3 * 366  # a trial walks a year's workflow at most; a bound keeps the dates sane
_CACHE_SECONDS = 2.0
_cached: tuple[float, int] = (0.0, 0)


def enabled() -> bool:
    return bool(getattr(settings, "JXJY_DEMO_CLOCK", False))


def offset_days() -> int:
    """The offset in days (0 unless enabled); read at most every two seconds per process."""
    global _cached
    if not enabled():
        return 0
    now = time.monotonic()
    if now - _cached[0] > _CACHE_SECONDS:
        from .models import DemoClock

        row = DemoClock.objects.filter(pk=1).values_list("offset_days", flat=True).first()
        _cached = (now, int(row or 0))
    return _cached[1]


def forget() -> None:
    global _cached
    _cached = (0.0, 0)


def may_set(user: Any) -> bool:
    return bool(enabled() and user.is_authenticated and (user.is_superuser or user.role == "hr_officer"))


@transaction.atomic
def demo_clock_set(*, actor: Any, day: dt.date) -> int:
    """Moves the workflow's date to `day` (today or later, within MAX_DAYS); returns the offset in days."""
    if not enabled():
        raise PermissionDenied("模拟日期只在开发（试用）环境中提供")
    if not may_set(actor):
        raise PermissionDenied("只有人社局经办人员可以设置模拟日期")
    from .models import DemoClock

    real = timezone.localdate()
    days = (day - real).days
    if days < 0:
        raise ApplicationError(f"模拟日期不能早于今天（{real:%Y-%m-%d}）：日期只能向前推进", field="day")
    if days > MAX_DAYS:
        raise ApplicationError(f"模拟日期最多比今天晚{MAX_DAYS}天", field="day")
    row, _ = DemoClock.objects.select_for_update().get_or_create(pk=1)
    before = row.offset_days
    row.offset_days, row.set_by, row.set_at = days, actor, timezone.now()
    row.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=row, before={"offset_days": before},
                 after={"offset_days": days}, region_path="",
                 message=f"模拟日期设为{day:%Y-%m-%d}（前移{days}天）" if days else "模拟日期恢复为实际日期")
    forget()
    return days


def status() -> dict[str, Any] | None:
    if not enabled():
        return None
    days = offset_days()
    real = timezone.localdate()
    return {"today": real + dt.timedelta(days=days), "real": real, "offset_days": days}
