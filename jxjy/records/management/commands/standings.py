"""`jxjy standings verify [--region CODE] [--sample N]` recomputes standings from the raw records and
reports every drift (exit 1 if any); `jxjy standings rebuild [--region CODE] [--from-totals]`
recomputes and stores them, in batches, with progress; `jxjy standings as-of --as-of YYYY-MM-DD
--year Y (--professional PK | --id-number N) [--cycle-end Y]` prints, as JSON, the verdict as it
stood at the end of that day (computed by the engine, not stored; exit 0 compliant, 1 not)."""

from __future__ import annotations

import datetime as dt
import json
import sys
import time
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.core.errors import ApplicationError
from jxjy.people.models import Professional
from jxjy.records.compliance import compliance_as_of
from jxjy.records.services.standings import standings_rebuild, standings_verify
from jxjy.regions.models import Region


class Command(BaseCommand):
    help = "达标情况：verify 从学习记录重新计算并报告偏差；rebuild 重新计算并保存"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("action", choices=["verify", "rebuild", "stale", "as-of"])
        parser.add_argument("--region", default="", help="区划代码（GB/T 2260），默认全部")
        parser.add_argument("--sample", type=int, default=None, help="verify：随机抽查的人数")
        parser.add_argument("--seed", type=int, default=0)
        parser.add_argument("--from-totals", action="store_true", help="rebuild：按已存汇总重新评估（规则变化时）")
        parser.add_argument("--limit", type=int, default=50, help="verify：最多列出的偏差条数")
        parser.add_argument("--as-of", dest="as_of", default="", help="as-of：查询日期 YYYY-MM-DD（不晚于今天，不早于1990年）")
        parser.add_argument("--year", type=int, default=None, help="as-of：年度（周期时为起始年度）")
        parser.add_argument("--cycle-end", type=int, default=None, help="as-of：周期截止年度")
        parser.add_argument("--professional", type=int, default=None, help="as-of：人员编号")
        parser.add_argument("--id-number", default="", help="as-of：身份证号码")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["action"] == "as-of":
            self._as_of(options)
            return
        region = None
        if options["region"]:
            region = Region.objects.filter(code=options["region"]).first()
            if region is None:
                raise CommandError(f"未知的区划代码：{options['region']}")
        if options["sample"] is not None and not 1 <= options["sample"] <= 10_000_000:
            raise CommandError("--sample 应在 1 到 10000000 之间")
        started = time.perf_counter()
        if options["action"] == "stale":  # daily: a changed rule-set file queues rebuilds
            from jxjy.records.services.standings import standings_queue_stale, standings_stale

            for ruleset_id, version, n in standings_stale():
                self.stdout.write(f"{ruleset_id}：{n} 条达标情况按旧版本 {version or '（无）'} 计算")
            jobs = standings_queue_stale()
            self.stdout.write(f"已排队重算 {len(jobs)} 个区划")
            return
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

    def _as_of(self, options: dict[str, Any]) -> None:
        try:
            day = dt.date.fromisoformat(options["as_of"])
        except ValueError:
            raise CommandError("--as-of 应为日期 YYYY-MM-DD") from None
        year, cycle_end = options["year"], options["cycle_end"]
        if year is None or not 1990 <= year <= 2100 or (cycle_end is not None and not year <= cycle_end <= year + 9):
            raise CommandError("--year 应在1990至2100之间；--cycle-end 不早于 --year，周期最长10年")
        people = Professional.objects.select_related("region")
        if options["professional"] is not None:
            person = people.filter(pk=options["professional"]).first()
        else:
            person = people.filter(id_number=options["id_number"].strip().upper()).first()
        if person is None:
            raise CommandError("未找到该人员（--professional 或 --id-number）")
        purpose = {"kind": "cycle", "start": year, "end": cycle_end} if cycle_end else {"kind": "annual", "year": year}
        try:
            pv = compliance_as_of(professional=person, purpose=purpose, day=day)
        except ApplicationError as exc:
            raise CommandError(f"{exc.field}: {exc.message}" if exc.field else exc.message) from None
        self.stdout.write(json.dumps({
            "professional_id": person.pk, "as_of": day.isoformat(), "purpose": purpose, "ruleset": pv.ruleset_id,
            "judged_region": pv.judged_region.code if pv.judged_region else None, "compliant": pv.compliant,
            "record_ids": [r.pk for r in pv.records], "verdict": pv.verdict,
        }, ensure_ascii=False, indent=2))
        if not pv.compliant:
            sys.exit(1)
