"""`jxjy standings verify [--region CODE] [--sample N]` recomputes standings from the raw records and
reports every drift (exit 1 if any); `jxjy standings rebuild [--region CODE] [--from-totals]`
recomputes and stores them, in batches, with progress."""

from __future__ import annotations

import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.records.services.standings import standings_rebuild, standings_verify
from jxjy.regions.models import Region


class Command(BaseCommand):
    help = "达标情况：verify 从学习记录重新计算并报告偏差；rebuild 重新计算并保存"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "rebuild"])
        parser.add_argument("--region", default="", help="区划代码（GB/T 2260），默认全部")
        parser.add_argument("--sample", type=int, default=None, help="verify：随机抽查的人数")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--from-totals", action="store_true", help="rebuild：按已存汇总重新评估（规则变化时）")
        parser.add_argument("--limit", type=int, default=50, help="verify：最多列出的偏差条数")

    def handle(self, *args: Any, **options: Any) -> None:
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"未知的区划代码：{options['region']}")
        if options["sample"] is not None and not 1 <= options["sample"] <= 10_000_000:
            raise CommandError("--sample 应在 1 到 10000000 之间")
        started = time.perf_counter()
        if options["action"] == "rebuild":
            def progress(done: int, last: int) -> None:
                self.stderr.write(f"已重算 {done} 人（至编号 {last}）")

            n = standings_rebuild(region=region, from_totals=options["from_totals"], reason="命令行重算",
                                  on_progress=progress)
            self.stdout.write(f"重算完成：{n} 人，用时 {time.perf_counter() - started:.1f} 秒")
            return
        checked, drifts = standings_verify(region=region, sample=options["sample"], seed=options["seed"])
        for drift in drifts[: options["limit"]]:
            self.stdout.write(str(drift))
        self.stdout.write(f"核查 {checked} 人，偏差 {len(drifts)} 处，用时 {time.perf_counter() - started:.1f} 秒")
        if drifts:
            sys.exit(1)
