"""Reminders before each deadline, read from the region's rule set, sent by the daily run without
duplicates (issue 15 item 4): the verification roster (泉洛政人社[2017]27号 二（一）验证年度第二年2月底前)
and the recognition of an ended class (一（五）3 培训结束后30日内)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.management import call_command
from django.utils import timezone

from jxjy.core.testing import World, make_user
from jxjy.notifications.deadlines import deadline_reminders_send, deadlines_for, reminder_stage
from jxjy.notifications.models import Notification
from jxjy.notifications.tasks import deadline_reminders_task, next_run_after, reminders_schedule
from jxjy.records.choices import BatchStatus
from jxjy.records.models import VerificationBatch

pytestmark = pytest.mark.django_db


def _deadline_reminders() -> list[tuple[str, str]]:
    return sorted((n.user.username, n.message) for n in Notification.objects.filter(category="deadline")
                  .select_related("user"))


def test_the_reminder_due_is_the_smallest_lead_time_not_yet_passed() -> None:
    assert reminder_stage(20) is None
    assert reminder_stage(14) == 14 and reminder_stage(4) == 14
    assert reminder_stage(3) == 3 and reminder_stage(0) == 3
    assert reminder_stage(-1) is None


def test_units_are_reminded_of_last_years_roster_twice_before_the_end_of_february_and_never_twice_alike(
        world: World) -> None:
    """泉洛政人社[2017]27号 二（一）: the roster of 2026 is due by 28 February 2027 (洛江, cited); 福州's rule
    set states no month, so the default (also the end of February) applies to 鼓楼 and 台江."""
    make_user("unit_lj_hospital", "unit_admin", employer_unit=world.lj_hospital, region=world.luojiang)
    assert deadline_reminders_send(on=dt.date(2027, 2, 10)) == 0  # 18 days before: not yet
    assert deadline_reminders_send(on=dt.date(2027, 2, 20)) == 3
    assert _deadline_reminders() == [
        ("unit_gl_hospital", "2026年度验证花名册报送：截止2027年2月28日，还剩8天"),
        ("unit_lj_hospital", "2026年度验证花名册报送：截止2027年2月28日，还剩8天"),
        ("unit_tj_company", "2026年度验证花名册报送：截止2027年2月28日，还剩8天"),
    ]
    assert deadline_reminders_send(on=dt.date(2027, 2, 21)) == 0  # the daily run again: nothing new
    VerificationBatch.objects.create(unit=world.tj_company, year=2026, deadline=dt.date(2027, 2, 28),
                                     status=BatchStatus.SUBMITTED, submitted_at=timezone.now(),
                                     created_by=world.users["unit_tj_company"])
    assert deadline_reminders_send(on=dt.date(2027, 2, 26)) == 2  # the 3-day reminder; 台江 has submitted
    assert deadline_reminders_send(on=dt.date(2027, 2, 28)) == 0
    assert deadline_reminders_send(on=dt.date(2027, 3, 1)) == 0  # past the deadline: no reminder


def test_the_home_page_deadlines_of_a_unit_and_of_a_bureau_name_their_basis(world: World) -> None:
    on = dt.date(2027, 1, 20)
    make_user("unit_lj_hospital", "unit_admin", employer_unit=world.lj_hospital, region=world.luojiang)
    from jxjy.accounts.models import User

    [unit_deadline] = [d for d in deadlines_for(user=User.objects.get(username="unit_lj_hospital"), on=on)
                       if d.key.startswith("verification")]
    assert unit_deadline.due == dt.date(2027, 2, 28) and "泉洛政人社[2017]27号 二（一）" in unit_deadline.basis
    bureau = [d for d in deadlines_for(user=world.users["hr_gulou"], on=on) if d.key.startswith("verification")]
    assert [d.label for d in bureau] == ["辖区2026年度验证花名册报送"] and bureau[0].basis.startswith("默认（default）")
    assert not [d for d in deadlines_for(user=world.users["pro_gl_doctor"], on=on)]


def test_the_worker_task_sends_the_days_reminders_and_the_command_does_the_same(world: World, capsys: Any) -> None:
    result = deadline_reminders_task.enqueue("2027-02-20")
    assert result.return_value == 2
    call_command("notifications_remind", "--date", "2027-02-26")
    assert "发出期限提醒 2 条" in capsys.readouterr().out
    assert not reminders_schedule()  # the tests' immediate backend cannot defer: nothing is queued


def test_the_daily_run_queues_itself_once_for_tomorrow_morning(world: World, settings: Any) -> None:
    settings.TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
    from django_tasks_db.models import DBTaskResult

    assert reminders_schedule() is True
    assert reminders_schedule() is False
    [queued] = DBTaskResult.objects.all()
    assert queued.task_path == "jxjy.notifications.tasks.deadline_reminders_task"
    assert queued.run_after == next_run_after()


def test_next_run_is_tomorrow_at_half_past_seven_in_shanghai() -> None:
    from zoneinfo import ZoneInfo

    late = dt.datetime(2027, 2, 20, 23, 50, tzinfo=ZoneInfo("Asia/Shanghai"))
    assert next_run_after(late) == dt.datetime(2027, 2, 21, 7, 30, tzinfo=ZoneInfo("Asia/Shanghai"))


def test_once_this_years_deadline_has_passed_the_next_one_is_shown(world: World) -> None:
    """In December the roster of the current year, due by the end of next February, is the one ahead."""
    [ahead] = [d for d in deadlines_for(user=world.users["unit_gl_hospital"], on=dt.date(2026, 12, 1))
               if d.key.startswith("verification")]
    assert ahead.label == "2026年度验证花名册报送" and ahead.due == dt.date(2027, 2, 28)
    assert deadline_reminders_send(on=dt.date(2026, 12, 1)) == 0  # 89 days ahead: no reminder yet
