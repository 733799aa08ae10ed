"""The workflow's clock. Services read time only through here so tests can move it."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jxjy.core import demo_clock


def now() -> dt.datetime:
    """Real time, moved forward by the trial site's 模拟日期 (development settings only)."""
    days = demo_clock.offset_days()
    return timezone.now() + dt.timedelta(days=days) if days else timezone.now()


def today() -> dt.date:
    return timezone.localdate(now())
