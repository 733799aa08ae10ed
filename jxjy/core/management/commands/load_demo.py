from __future__ import annotations

from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.demo.build import demo_password, load_demo


class Command(BaseCommand):
    help = "载入演示数据（确定性生成，可重复执行）并打印各角色的演示账号"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--scale", type=float, default=1.0, help="人员规模倍数（默认 1，约三千人）")
        parser.add_argument("--allow-production", action="store_true", help="在生产设置下也允许载入")

    def handle(self, *args: Any, **options: Any) -> None:
        if (settings.SETTINGS_MODULE or "").endswith(".prod") and not options["allow_production"]:
            raise CommandError("生产环境不载入演示数据（如确需载入，请加 --allow-production）")
        logins = load_demo(scale=options["scale"])
        self.stdout.write(f"演示账号（密码均为 {demo_password()}）：")
        for login in logins:
            self.stdout.write(f"  {login.username:<24} {login.role:<16} {login.organisation}")
        self.stdout.write("访问 http://127.0.0.1:8000/ 登录。")
