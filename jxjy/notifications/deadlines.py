"""Deadlines and the reminders before them.

Each app that owns a deadline names a *source* in settings.DEADLINE_SOURCES: a function
``source(*, on, user=None) -> Iterable[Deadline]`` giving the deadlines still open on ``on`` (all of
them, or only those that concern ``user``), with their date read from the region's rule set. The home
page lists a user's; the daily run (`deadline_reminders_send`, a task the worker runs and reschedules,
or `manage.py notifications_remind`) reminds everyone concerned at each lead time, once per deadline,
lead time and user (the notification key), however often it runs."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from django.conf import settings
from django.utils import timezone
from django.utils.module_loading import import_string

from .choices import Category
from .services import notify

logger = logging.getLogger(__name__)

# 默认（default）: no regulation says when to remind; two weeks and three days before a deadline.
REMINDER_DAYS_BEFORE: tuple[int, ...] = (14, 3)


@dataclass(frozen=True)
class Deadline:
    """One open deadline: `key` identifies it (`plan:2027:provider-3`), `basis` cites the rule."""

    key: str
    label: str
    due: dt.date
    url: str
    basis: str
    users: tuple[Any, ...] = field(default=(), compare=False)

    def days_left(self, on: dt.date) -> int:
        return (self.due - on).days


Source = Callable[..., Iterable[Deadline]]


@cache
def _sources() -> tuple[Source, ...]:
    return tuple(import_string(path) for path in getattr(settings, "DEADLINE_SOURCES", ()))


def deadlines_for(*, user: Any, on: dt.date | None = None, within_days: int = 120) -> list[Deadline]:
    """The open deadlines that concern `user` in the next `within_days` days, soonest first."""
    today = on or timezone.localdate()
    found = [d for source in _sources() for d in source(on=today, user=user)
             if 0 <= d.days_left(today) <= within_days]
    return sorted(found, key=lambda d: (d.due, d.label))


def reminder_stage(days_left: int, leads: tuple[int, ...] = REMINDER_DAYS_BEFORE) -> int | None:
    """The lead time whose reminder is due `days_left` days before a deadline: the smallest lead
    that is at least `days_left` (so a first run 2 days before sends the 3-day reminder only)."""
    if days_left < 0:
        return None
    fitting = [lead for lead in leads if lead >= days_left]
    return min(fitting) if fitting else None


def deadline_reminders_send(*, on: dt.date | None = None) -> int:
    """Reminds everyone concerned by a deadline whose lead time has come; how many reminders were new."""
    today = on or timezone.localdate()
    sent = 0
    for source in _sources():
        for deadline in source(on=today, user=None):
            days_left = deadline.days_left(today)
            stage = reminder_stage(days_left)
            if stage is None or not deadline.users:
                continue
            when = "今天截止" if days_left == 0 else f"还剩{days_left}天"
            message = f"{deadline.label}：截止{deadline.due:%Y年%-m月%-d日}，{when}"
            sent += len(notify(users=deadline.users, message=message, url=deadline.url,
                               category=Category.DEADLINE, key=f"deadline:{deadline.key}:{stage}"))
    logger.info("期限提醒：%s 发出 %s 条", today, sent)
    return sent
