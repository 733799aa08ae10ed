"""``jxjy bench verification --people N --records-per-person M [--year Y]``: the whole region's
annual verdicts, computed set-based (see `jxjy.records.compliance`), on a generated data set.

The data set lives in its own database so nothing else is touched: a fresh SQLite file
(``--sqlite PATH``, default /tmp/jxjy-records-bench.sqlite3) or, when DATABASE_URL names PostgreSQL, a
database ``<name>_bench`` next to it (dropped and re-created). Generation is reported but not
part of the timed figure; the timed figure is: every person's facts and aggregates read from the
database, and the rules engine run once per person.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import random
import sys
import time
from typing import Any

from django.core.management import call_command
from django.db import connection, transaction

from jxjy.core.bench_db import bench_database
from jxjy.people.identity import check_digit

BENCH_PROVINCE = ("990000", "基准省")
BENCH_CITY = ("990100", "基准市")
COUNTIES = 10
PEOPLE_PER_UNIT = 500


_BIRTH = {
    "sqlite": "date('1960-01-01', '+' || (n.i %% 14600) || ' days')",
    "postgresql": "(date '1960-01-01' + (n.i %% 14600))",
}
_BIRTH_TEXT = {
    "sqlite": "strftime('%%Y%%m%%d', date('1960-01-01', '+' || (n.i %% 14600) || ' days'))",
    "postgresql": "to_char(date '1960-01-01' + (n.i %% 14600), 'YYYYMMDD')",
}
_SEQ = {"sqlite": "substr('000' || ((n.i / 14600) %% 1000), -3)", "postgresql": "lpad(((n.i / 14600) %% 1000)::text, 3, '0')"}
# identity numbers: county code + birth date + sequence + 'B' (unique; the check digit is not the point here)
PEOPLE_SQL = {
    vendor: f"""
INSERT INTO people_professional (name, id_number, birth_date, sex, phone, series, level, title_obtained_on,
    health_facility, created_at, updated_at, region_id, unit_id, title_id)
WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i + 1 < %(people)s),
u AS (SELECT eu.id, eu.region_id, r.code, ROW_NUMBER() OVER (ORDER BY eu.id) - 1 AS idx
      FROM orgs_employerunit eu JOIN regions_region r ON r.id = eu.region_id WHERE r.path LIKE %(prefix)s)
SELECT '人员' || n.i, u.code || {_BIRTH_TEXT[vendor]} || {_SEQ[vendor]} || 'B', {_BIRTH[vendor]},
       CASE WHEN n.i %% 2 = 0 THEN 'M' ELSE 'F' END, '', 'general', 'none', NULL, '', %(now)s, %(now)s,
       u.region_id, u.id, NULL
FROM n JOIN u ON u.idx = n.i %% %(units)s
"""  # noqa: S608 - constant SQL; values are parameters
    for vendor in ("sqlite", "postgresql")
}
_DATE = {"sqlite": "printf('%%04d-%%02d-%%02d', g.y, g.m, g.d)", "postgresql": "make_date(g.y::int, g.m::int, g.d::int)"}
RECORDS_SQL = {
    vendor: f"""
INSERT INTO records_learningrecord (professional_id, date, year, subject, form, hours, course, required_course,
    source, source_ref, status, credit_class, general_practice, created_at, review_stage, description,
    paper_confirmation_no, rejection_reason, revocation_reason)
WITH RECURSIVE k(j) AS (SELECT 0 UNION ALL SELECT j + 1 FROM k WHERE j + 1 < %(per)s),
g AS (SELECT p.id AS pid, k.j AS j,
             CASE WHEN (p.id * 7 + k.j * 3) %% 10 < 7 THEN %(year)s ELSE %(year)s - 1 END AS y,
             1 + (p.id + k.j) %% 12 AS m, 1 + (p.id * 7 + k.j) %% 28 AS d
      FROM people_professional p JOIN regions_region r ON r.id = p.region_id AND r.path LIKE %(prefix)s CROSS JOIN k)
SELECT g.pid, {_DATE[vendor]}, g.y,
       CASE WHEN (g.pid + g.j) %% 4 = 0 THEN 'public' ELSE 'professional' END,
       CASE WHEN (g.pid + g.j * 3) %% 10 < 7 THEN 'centralized' ELSE 'distance' END,
       CASE (g.pid * 5 + g.j) %% 6 WHEN 0 THEN 2 WHEN 1 THEN 3 WHEN 2 THEN 4 WHEN 3 THEN 6 WHEN 4 THEN 6 ELSE 8 END,
       CASE WHEN (g.pid + g.j) %% 4 = 0 THEN '公需课' ELSE '专业课' END, 1 = 0, 'training_class', 'B' || g.j,
       'recognised', '', 1 = 0, %(now)s, 'done', '', '', '', ''
FROM g
"""  # noqa: S608 - constant SQL; values are parameters
    for vendor in ("sqlite", "postgresql")
}


def _id_number(county_code: str, k: int, male: bool) -> str:
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=k // 400)
    seq = (k % 400) * 2 + (1 if male else 0)
    first17 = f"{county_code}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17)


def build(people: int, per_person: int, year: int, seed: int) -> dict[str, Any]:
    from jxjy.orgs.models import EmployerUnit, Ownership, Sector
    from jxjy.people.models import Professional
    from jxjy.regions.models import Region

    rng = random.Random(seed)
    province = Region.objects.create(code=BENCH_PROVINCE[0], name=BENCH_PROVINCE[1], level="province", path=f"/{BENCH_PROVINCE[0]}/")
    city = Region.objects.create(code=BENCH_CITY[0], name=BENCH_CITY[1], level="city", parent=province,
                                 path=f"{province.path}{BENCH_CITY[0]}/", ruleset_id="fuzhou-2009")
    counties = [
        Region.objects.create(code=f"9901{i + 1:02d}", name=f"基准{i + 1}区", level="county", parent=city,
                              path=f"{city.path}9901{i + 1:02d}/")
        for i in range(COUNTIES)
    ]
    per_county = max(1, people // PEOPLE_PER_UNIT // COUNTIES)
    EmployerUnit.objects.bulk_create(
        [EmployerUnit(name=f"基准单位{u}", credit_code=f"99{u:015d}X", region=counties[u % COUNTIES],
                      sector=Sector.OTHER, ownership=Ownership.NON_PUBLIC) for u in range(per_county * COUNTIES)],
        batch_size=5000,
    )
    units: dict[int, list[int]] = {c.pk: [] for c in counties}
    for pk, region_id in EmployerUnit.objects.filter(region__path__startswith=city.path).order_by("pk").values_list("pk", "region_id"):
        units[region_id].append(pk)
    # People and records are generated by the database itself (INSERT … SELECT over a numbers CTE):
    # a million people and twenty million records in minutes, not hours of Python objects.
    # The values are spread deterministically by row number, so a run is reproducible.
    _ = rng
    vendor = connection.vendor
    now = dt.datetime.now(dt.UTC)
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(PEOPLE_SQL[vendor], {"people": people, "prefix": f"{city.path}%", "units": per_county * COUNTIES, "now": now})
        cursor.execute(RECORDS_SQL[vendor], {"per": per_person, "prefix": f"{city.path}%", "year": year, "now": now})
    person_ids = list(Professional.objects.filter(region__path__startswith=city.path).values_list("pk", flat=True))
    if vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
    return {"city": city, "people": len(person_ids)}


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy bench verification", description=__doc__)
    parser.add_argument("--people", type=int, default=10000)
    parser.add_argument("--records-per-person", type=int, default=20)
    parser.add_argument("--year", type=int, default=2025)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--sqlite", default="/tmp/jxjy-records-bench.sqlite3")  # noqa: S108
    parser.add_argument("--reuse", action="store_true", help="reuse the data set of an earlier run (same database)")
    args = parser.parse_args(argv)

    from jxjy.people.models import Professional
    from jxjy.records.compliance import annual, area_compliance, summarised_records
    from jxjy.records.models import LearningRecord
    from jxjy.regions.models import Region

    t0 = time.perf_counter()
    if args.reuse:
        where = bench_database(args.sqlite, "_bench", fresh=False)
        city = Region.objects.get(code=BENCH_CITY[0])
        print(f"数据库: {where}（沿用已有数据）")
    else:
        where = bench_database(args.sqlite, "_bench")
        call_command("migrate", verbosity=0)
        city = build(args.people, args.records_per_person, args.year, args.seed)["city"]
        print(f"数据库: {where}")
        print(f"生成用时 {time.perf_counter() - t0:.1f} s")
    people = Professional.objects.filter(region__path__startswith=city.path)
    print(f"数据: {people.count():,} 人, {LearningRecord.objects.filter(professional__in=people).count():,} 条学习记录")

    t_agg = time.perf_counter()
    groups = sum(1 for _ in summarised_records(people, [args.year]).iterator(chunk_size=20000))
    t_agg = time.perf_counter() - t_agg
    print(f"其中数据库汇总（每人×年度×科目×形式）: {groups:,} 组, 用时 {t_agg:.2f} s")
    t1, c1 = time.perf_counter(), time.process_time()
    summary = area_compliance(people, annual(args.year))
    t_verdicts, cpu = time.perf_counter() - t1, time.process_time() - c1
    rate = summary.people / t_verdicts if t_verdicts else 0.0
    print(f"全区 {args.year} 年度结论: {summary.people:,} 人, 达标 {summary.compliant:,} 人, "
          f"用时 {t_verdicts:.2f} s ({rate:,.0f} 人/秒), 本进程 CPU {cpu:.2f} s, 负载 {os.getloadavg()[0]:.1f}")
    if summary.people:
        scale = 1_000_000 / summary.people
        print(f"线性外推到 1,000,000 人 × {args.records_per_person} 条: 约 {t_verdicts * scale:.0f} s")
    sys.stdout.flush()
    return 0
