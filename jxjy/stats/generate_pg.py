"""PostgreSQL fast path of the benchmark generator: the same generated province as `generate`, but
people and learning records are written by INSERT … SELECT over generate_series (a million people
in minutes instead of an hour of model instances). Values are spread deterministically by id."""

from __future__ import annotations

import time
from collections.abc import Callable

from django.db import connection, transaction

from jxjy.accounts.models import Role, User
from jxjy.orgs.models import EmployerUnit, Provider

from . import generate as g

PEOPLE_SQL = """
INSERT INTO people_professional (name, id_number, birth_date, sex, phone, series, level, title_obtained_on,
    health_facility, created_at, updated_at, region_id, unit_id, title_id)
SELECT '人员' || p.i,
       u.code || to_char(date '1960-01-01' + (p.i %% 14600), 'YYYYMMDD') || lpad(((p.i / 14600) %% 1000)::text, 3, '0') || 'B',
       date '1960-01-01' + (p.i %% 14600), CASE WHEN p.i %% 2 = 1 THEN 'M' ELSE 'F' END, '',
       p.series, p.level, NULL, CASE WHEN p.series = 'health' THEN 'grade1' ELSE '' END, now(), now(),
       u.region_id, u.id, t.title_id
FROM (SELECT i,
             (ARRAY['engineering','health','school_teacher','general'])[1 + (i %% 6) %% 4] AS series,
             (ARRAY['junior','junior','intermediate','intermediate','senior','none'])[1 + (i * 7) %% 6] AS level
      FROM generate_series(0, %(people)s - 1) AS i) p
JOIN (SELECT eu.id, eu.region_id, r.code, row_number() OVER (ORDER BY eu.id) - 1 AS idx
      FROM orgs_employerunit eu JOIN regions_region r ON r.id = eu.region_id
      WHERE r.path LIKE %(prefix)s) u ON u.idx = p.i %% %(units)s
LEFT JOIN (VALUES {titles}) AS t(series, level, title_id) ON t.series = p.series AND t.level = p.level
"""

RECORDS_SQL = """
INSERT INTO records_learningrecord (date, year, subject, form, hours, days, credits, credit_class, general_practice,
    course, required_course, source, source_ref, status, recognised_at, created_at, professional_id, provider_id,
    recognised_by_id, declared_by_id, description, make_up_for_year, paper_confirmation_no, paper_confirmed_on,
    rejection_reason, review_stage)
SELECT make_date(y, 1 + (p.id + k)::int %% 12, 1 + (p.id * 7 + k)::int %% 28), y,
       CASE WHEN k = 0 THEN 'public' ELSE 'professional' END,
       (ARRAY['centralized','distance','distance','self_study','conference','advanced_study'])[1 + (p.id + k * 3 + y) %% 6],
       CASE WHEN k = 0 THEN (ARRAY[12,18,24,26,30])[1 + (p.id * 3 + y + k) %% 5]
            ELSE (ARRAY[12,16,24,32,48,60])[1 + (p.id * 5 + y * 7 + k * 11) %% 6] END,
       NULL, NULL, '', false, '课程' || k, false, 'unit_registered', 'b' || p.id || '-' || y || '-' || k,
       'recognised', NULL, now(), p.id,
       CASE WHEN k %% 3 = 2 THEN NULL ELSE (%(providers)s::bigint[])[1 + (p.id + k) %% 30] END,
       NULL, NULL, '', NULL, '', NULL, '', 'done'
FROM people_professional p
JOIN regions_region r ON r.id = p.region_id AND r.path LIKE %(prefix)s
CROSS JOIN (VALUES (%(year)s - 1), (%(year)s)) AS years(y)
CROSS JOIN generate_series(0, 3) AS k
WHERE (p.id * 37 + y * 11) %% 100 >= 15
  AND k <= CASE (p.id + y) %% 4 WHEN 3 THEN 3 WHEN 2 THEN 2 ELSE 1 END
"""


def generate_pg(*, people: int, year: int, seed: int = 1, ruleset_id: str = "henan-2012",
                say: Callable[[str], None] = print) -> None:
    import random

    assert connection.vendor == "postgresql"
    rng = random.Random(seed)  # noqa: S311 — generated data, reproducible on purpose
    prefix = f"/{g.PROVINCE_CODE}/%"
    with transaction.atomic():
        counties = g._regions(ruleset_id)
        titles = g._titles()
        admin = User.objects.filter(username="bench_admin").first() or User.objects.create(
            username="bench_admin", role=Role.SYSTEM_ADMIN, is_superuser=True, is_staff=True, display_name="基准")
        providers = Provider.objects.bulk_create([
            Provider(name=f"基准施教机构{i}", credit_code=f"91{i:016d}", region=counties[i % len(counties)])
            for i in range(30)
        ])
        n_units = max(1, people // g.PEOPLE_PER_UNIT)
        EmployerUnit.objects.bulk_create([
            EmployerUnit(name=f"基准单位{i}", credit_code=f"92{i:016d}", region=counties[i % len(counties)],
                         sector=g.SECTORS[i % len(g.SECTORS)], ownership=g.OWNERSHIPS[i % len(g.OWNERSHIPS)],
                         staff_size=rng.randrange(10, 600))
            for i in range(n_units)
        ], batch_size=g.CHUNK)
    values = ", ".join(f"('{series}', '{level}', {t.pk})" for (series, level), t in titles.items())
    with transaction.atomic(), connection.cursor() as cursor:
        t = time.perf_counter()
        cursor.execute(PEOPLE_SQL.format(titles=values), {"people": people, "prefix": prefix, "units": n_units})
        say(f"  人员 {cursor.rowcount}（{time.perf_counter() - t:.1f} 秒）")
        t = time.perf_counter()
        cursor.execute(RECORDS_SQL, {"prefix": prefix, "year": year, "providers": [p.pk for p in providers]})
        say(f"  学习记录 {cursor.rowcount}（{time.perf_counter() - t:.1f} 秒）")
        cursor.execute("ANALYZE")
    g._classes(year, rng, providers, admin, people)
