"""``jxjy bench reports --people N [--year Y] [--seed S]``: the annual report's time on a generated province.

    DATABASE_URL=sqlite:////tmp/jxjy-bench.sqlite3 jxjy bench reports --people 100000
    scripts/pg start; psql -h 127.0.0.1 -p 55432 -U postgres -c "CREATE DATABASE jxjy_stats_bench"
    DATABASE_URL=postgres://postgres@127.0.0.1:55432/jxjy_stats_bench jxjy bench reports --people 1000000

The database is migrated first; the generated province (division codes 91xxxx) is built once with
bulk_create and reused by later runs of the same size. Timed: the whole background job (compliance of
the year and the year before through the rules engine, then every table by SQL aggregates), and
separately the tables alone and the dashboard's queries."""

from __future__ import annotations

import argparse
import sys
import time

from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from .choices import ReportStatus
from .models import AnnualReport
from .scope import Scope
from .selectors import dashboard
from .selectors.report import annual_report_figures


def _build(people: int, year: int, seed: int) -> None:
    from jxjy.accounts.models import User
    from jxjy.people.models import Professional

    from .generate import bench_region, generate
    from .generate_pg import generate_pg

    region = bench_region()
    if region is not None:
        have = Professional.objects.filter(region__path__startswith=region.path).count()
        if have == people:
            print(f"沿用已生成的数据：{have} 人")
            return
        print(f"已有 {have} 人的基准数据，与 --people {people} 不符；请换一个空数据库（DATABASE_URL）", file=sys.stderr)
        raise SystemExit(2)
    t = time.perf_counter()
    if connection.vendor == "postgresql":
        generate_pg(people=people, year=year, seed=seed)  # INSERT … SELECT: the same province, much faster
    else:
        generate(people=people, year=year, seed=seed)
    print(f"生成数据：{time.perf_counter() - t:.1f} 秒")
    User.objects.filter(username="bench_admin").update(is_active=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy bench reports")
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--year", type=int, default=timezone.localdate().year - 1)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)

    from jxjy.accounts.models import User

    from .generate import bench_region
    from .services.reports import annual_report_task

    print(f"数据库：{connection.vendor} {connection.settings_dict.get('NAME')}")
    call_command("migrate", verbosity=0)
    _build(args.people, args.year, args.seed)
    region = bench_region()
    assert region is not None
    actor = User.objects.get(username="bench_admin")
    from jxjy.records.services.standings import standings_rebuild

    t = time.perf_counter()
    rebuilt = standings_rebuild(region=region, reason="基准测试数据")  # the generator writes no standings
    print(f"达标情况（每人每年度）重算：{rebuilt} 人，{time.perf_counter() - t:.1f} 秒")

    report = AnnualReport.objects.create(region=region, year=args.year, requested_by=actor,
                                         requested_at=timezone.now())
    t = time.perf_counter()
    annual_report_task.call(report.pk)  # the background job, run here in the foreground
    total = time.perf_counter() - t
    report.refresh_from_db()
    if report.status != ReportStatus.DONE:
        print(f"失败：{report.error}", file=sys.stderr)
        return 1
    scope = Scope(region=region)
    t = time.perf_counter()
    annual_report_figures(scope, args.year)
    tables = time.perf_counter() - t
    t = time.perf_counter()
    dashboard.compliance_by_area(scope, args.year)
    dashboard.hours_over_time(scope, args.year)
    dashboard.classes_by_month(scope, args.year)
    dashboard.provider_ranking(scope, args.year)
    dash = time.perf_counter() - t
    h = report.result["headline"]  # type: ignore[index]
    print(f"人数 {h['people']}，参训 {h['trained']}，记录 {h['records']}，学时 {h['hours']}，"
          f"达标率 {h['compliance_rate']}%，办班 {h['classes']}，参训人次 {h['trainees']}")
    print(f"年度统计报表（后台任务全程：读取达标情况 + 全部报表）：{total:.1f} 秒")
    print(f"  再次聚合全部报表：{tables:.1f} 秒")
    print(f"统计分析页面（四个图表的查询）：{dash:.2f} 秒")
    return 0
