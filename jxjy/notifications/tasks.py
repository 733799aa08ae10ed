"""The daily reminder run on the task worker (django.tasks with django-tasks-db).

`deadline_reminders_task` sends the reminders due today and queues its own next run for tomorrow
morning, unless a run is already queued; `manage.py notifications_remind --schedule` queues the first
one (scripts and `make run` call it after migrate). Running it twice in a day sends nothing twice:
the reminders carry keys (see deadlines.py)."""

from __future__ import annotations

import datetime as dt

from django.tasks import TaskResultStatus, task
from django.utils import timezone

from .deadlines import deadline_reminders_send

RUN_AT = dt.time(7, 30)  # 默认（default）: before the working day starts


def next_run_after(now: dt.datetime | None = None) -> dt.datetime:
    """Tomorrow at RUN_AT, local time."""
    local = timezone.localtime(now)
    tomorrow = local.date() + dt.timedelta(days=1)
    return dt.datetime.combine(tomorrow, RUN_AT, tzinfo=local.tzinfo)


@task()
def deadline_reminders_task(on: str = "") -> int:
    """Sends today's reminders (or those of the ISO date `on`), then schedules tomorrow's run."""
    sent = deadline_reminders_send(on=dt.date.fromisoformat(on) if on else None)
    reminders_schedule()
    return sent


def reminders_schedule() -> bool:
    """Queues the next daily run unless one is already waiting; whether one was queued. A backend that
    cannot defer (the immediate one of the tests) is not scheduled."""
    backend = deadline_reminders_task.get_backend()
    if not backend.supports_defer:
        return False
    from django_tasks_db.models import DBTaskResult

    waiting = DBTaskResult.objects.filter(task_path=deadline_reminders_task.module_path,
                                          status=TaskResultStatus.READY).exists()
    if waiting:
        return False
    deadline_reminders_task.using(run_after=next_run_after()).enqueue()
    return True
