"""`jxjy bench imports`: a unit administrator's roster (花名册) of N rows, imported end to end —
upload (read and row count), validation, the write step — against the raw python-calamine read of
the same file, in one run on the same data; then the same file again (nothing changes).

    jxjy bench imports [--rows 100000] [--sqlite /tmp/jxjy-import-bench.sqlite3]

With DATABASE_URL naming PostgreSQL it runs in ``<name>_import_bench`` on that server. Target
(issue 16 item 8): the whole import within 5 × the raw read."""

from __future__ import annotations

import argparse
import datetime as dt
import io
import time
from typing import Any

from django.core.management import call_command

SUFFIX = "_import_bench"
TARGET_X = 5.0


def roster_file(rows: int, unit_name: str, region_code: str) -> bytes:
    from jxjy.core.spreadsheets import write_xlsx

    from .identity import make_identity_number
    from .services.roster_import import HEADERS

    titles = ("主治医师", "工程师", "", "助理工程师")
    body = []
    for i in range(rows):
        birth = dt.date(1960 + i % 40, 1 + i % 12, 1 + i % 28)
        title = titles[i % len(titles)]
        body.append([f"人员{i:06d}", make_identity_number(region_code, birth, i % 999 + 1, "M" if i % 2 else "F"),
                     f"139{i:08d}", unit_name, "" if title else "卫生", title,
                     "2015-07-01" if title else "", ""])
    return write_xlsx([("花名册", HEADERS, body)])


def _setup() -> tuple[Any, Any]:
    from jxjy.accounts.models import Role
    from jxjy.core.testing import make_region, make_title, make_unit, make_user

    province = make_region("350000", "福建省")
    city = make_region("350100", "福州市", province, "fuzhou-2009")
    county = make_region("350102", "鼓楼区", city)
    for name, series, level in (("主治医师", "health", "intermediate"), ("工程师", "engineering", "intermediate"),
                                ("助理工程师", "engineering", "junior")):
        make_title(name, series, level)
    unit = make_unit(county, "鼓楼区人民医院")
    admin = make_user("bench_unit_admin", Role.UNIT_ADMIN, employer_unit=unit, region=county)
    return admin, unit


def _raw_read(data: bytes) -> tuple[float, int]:
    from python_calamine import CalamineWorkbook

    t = time.perf_counter()
    rows = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0).to_python(skip_empty_area=False)
    return time.perf_counter() - t, len(rows) - 1


def _import(admin: Any, data: bytes) -> tuple[dict[str, float], Any]:
    from .models import RosterImport
    from .services.roster_import import (
        roster_import_apply_task,
        roster_import_confirm,
        roster_import_upload,
        roster_import_validate_task,
    )

    phases: dict[str, float] = {}
    t = time.perf_counter()
    record = roster_import_upload(actor=admin, filename="花名册.xlsx", data=data)
    phases["upload"] = time.perf_counter() - t
    t = time.perf_counter()
    roster_import_validate_task.call(record.pk)
    phases["validate"] = time.perf_counter() - t
    record = RosterImport.objects.get(pk=record.pk)
    t = time.perf_counter()
    roster_import_confirm(actor=admin, record=record, valid_only=False)
    roster_import_apply_task.call(record.pk)
    phases["write"] = time.perf_counter() - t
    return phases, RosterImport.objects.get(pk=record.pk)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy bench imports", description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--sqlite", default="/tmp/jxjy-import-bench.sqlite3")  # noqa: S108
    args = parser.parse_args(argv)

    from django.conf import settings

    from jxjy.core.bench_db import bench_database

    settings.DEBUG = False
    # The bench measures the import itself: tasks are called in-process, the file must pass the limits.
    settings.IMPORT_MAX_ROWS = max(settings.IMPORT_MAX_ROWS, args.rows)
    where = bench_database(args.sqlite, SUFFIX, fresh=True)
    call_command("migrate", verbosity=0)
    admin, unit = _setup()
    t = time.perf_counter()
    data = roster_file(args.rows, unit.name, unit.region.code)
    generated = time.perf_counter() - t
    settings.IMPORT_MAX_BYTES = max(settings.IMPORT_MAX_BYTES, len(data))
    raw, counted = _raw_read(data)
    print(f"jxjy bench imports — {where}; {args.rows:,} rows, {len(data) / 1e6:.1f} MB .xlsx (made in {generated:.1f} s)")
    print(f"  raw python-calamine read:          {raw:8.2f} s  ({counted:,} rows)")
    for label, reimport in (("first import", False), ("same file again", True)):
        phases, record = _import(admin, data)
        total = sum(phases.values())
        parts = ", ".join(f"{k} {v:.2f} s" for k, v in phases.items())
        print(f"  {label:<16} {total:8.2f} s = {total / raw:5.1f} × raw read  ({parts}); "
              f"新增 {record.created_count:,} 更新 {record.updated_count:,} 未变化 {record.unchanged_count:,} "
              f"— {record.get_status_display()}" + (" (nothing written)" if reimport else ""))
        if not reimport:
            first = total
    verdict = "met" if first <= TARGET_X * raw else "MISSED"
    print(f"  target: whole import within {TARGET_X:.0f} × the raw read — {verdict} ({first / raw:.1f} ×)")
    return 0
