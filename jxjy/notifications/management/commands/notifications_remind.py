"""Sends the deadline reminders due today (idempotent), or queues the worker's daily run."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jxjy.notifications.deadlines import deadline_reminders_send
from jxjy.notifications.tasks import reminders_schedule


class Command(BaseCommand):
    help = "发送期限提醒（培训计划报送、学时认定申报、年度验证报送），或为任务进程安排每日提醒"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按该日期发送（YYYY-MM-DD），默认今天")
        parser.add_argument("--schedule", action="store_true", help="只为任务进程安排下一次每日提醒")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["schedule"]:
            queued = reminders_schedule()
            self.stdout.write("已安排每日期限提醒" if queued else "每日期限提醒已在队列中（或后端不支持定时）")
            return
        on = dt.date.fromisoformat(options["date"]) if options.get("date") else None
        sent = deadline_reminders_send(on=on)
        self.stdout.write(f"发出期限提醒 {sent} 条")
