"""Daily task: reminders before rectification deadlines, revocation (摘牌) after an unmet deadline."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from jxjy.providers.services.inspections import rectifications_process


class Command(BaseCommand):
    help = "处理限期整改：到期前提醒，逾期未整改的取消基地资格（摘牌）并公告"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--date", help="按该日期处理（YYYY-MM-DD），默认今天")

    def handle(self, *args: Any, **options: Any) -> None:
        on = dt.date.fromisoformat(options["date"]) if options.get("date") else timezone.localdate()
        counts = rectifications_process(on=on)
        self.stdout.write(f"{on:%Y-%m-%d}：提醒 {counts['reminded']} 条，摘牌 {counts['revoked']} 个")
