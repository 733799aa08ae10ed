"""Browser journey (issue 12 item 3): a unit administrator filters the people list to 未达标, sees
the person who is short, exports the list, and — once a training class's hours are recognised for
that person — reloads and sees them 达标. Under 榕人专〔2009〕145号 一 a professional in 福州 needs
72 学时 a year. Screenshots at 1366 and 390 px go to /tmp/shots/."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone
from python_calamine import CalamineWorkbook

from jxjy.conftest import login
from jxjy.core.testing import make_professional
from jxjy.records.services.standings import standings_rebuild
from jxjy.records.tests.helpers import recognised

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/shots")
THIS_YEAR = timezone.localdate().year


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def db(fn: Any) -> Any:
    """Writes from the test thread while the live server holds SQLite's shared in-memory database can
    meet 'table is locked' instead of a wait: retry briefly (PostgreSQL never needs it)."""
    from django.db import DatabaseError

    for _ in range(20):
        try:
            return fn()
        except DatabaseError:
            time.sleep(0.2)
    return fn()


def no_horizontal_overflow(page: Any) -> bool:
    return bool(page.evaluate("document.documentElement.scrollWidth <= window.innerWidth"))


def test_unit_admin_filters_short_people_exports_them_and_sees_recognised_hours_count(
    world, live_server, browser, tmp_path
):  # type: ignore[no-untyped-def]
    doctor = world.people["gl_doctor"]  # 林医生, 鼓楼区人民医院
    recognised(doctor, dt.date(THIS_YEAR, 3, 1), hours=30)  # 30 of 72: 差 42
    nurse = make_professional(world.gl_hospital, "张护士")
    recognised(nurse, dt.date(THIS_YEAR, 3, 1), hours=72)
    standings_rebuild()

    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900}, accept_downloads=True)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, live_server, "unit_gl_hospital")
        page.goto(f"{live_server.url}/people/")
        page.select_option("#id_verdict", "short")
        page.click("#people-filters button[type=submit]")
        page.wait_for_url("**verdict=short**")
        table = page.inner_text("#people")
        assert "林医生" in table and "未达标（差 42 学时）" in table and "30 / 72 学时" in table
        assert "张护士" not in table
        assert f"{THIS_YEAR}年度达标情况" in table
        shot(page, "compliance-short-1366")
        assert no_horizontal_overflow(page)

        with page.expect_download() as info:
            page.click("#export")
        download = info.value
        assert download.suggested_filename == f"专业技术人员达标情况-{THIS_YEAR}年度.xlsx"
        saved = tmp_path / download.suggested_filename
        download.save_as(saved)
        sheet = CalamineWorkbook.from_filelike(io.BytesIO(saved.read_bytes())).get_sheet_by_index(0).to_python()
        header, *rows = [list(r) for r in sheet]
        status = header.index("达标情况")
        assert [(r[0], r[status], r[status + 1]) for r in rows] == [("林医生", "未达标（差 42 学时）", 42.0)]
        assert rows[0][1] != doctor.id_number and "********" in rows[0][1]

        page.set_viewport_size({"width": 390, "height": 844})
        page.reload()
        shot(page, "compliance-short-390")
        assert no_horizontal_overflow(page)
        page.set_viewport_size({"width": 1366, "height": 900})

        # The class's hours are recognised (what training_class_recognise does for each trainee).
        db(lambda: recognised(doctor, dt.date(THIS_YEAR, 10, 20), hours=42, course="全科医学新进展培训班"))

        page.reload()
        assert "没有符合条件的人员" in page.inner_text("#people")
        page.select_option("#id_verdict", "met")
        page.click("#people-filters button[type=submit]")
        page.wait_for_url("**verdict=met**")
        row = page.inner_text("#people tbody tr:has-text('林医生')")
        assert "达标" in row and "未达标" not in row and "72 / 72 学时" in row
        shot(page, "compliance-met-1366")

        page.set_viewport_size({"width": 390, "height": 844})
        page.goto(f"{live_server.url}/orgs/units/{world.gl_hospital.pk}/")
        counts = page.inner_text("#standing-counts")
        assert "达标率" in counts and "100.0%" in counts
        shot(page, "compliance-unit-390")
        assert no_horizontal_overflow(page)
    finally:
        context.close()
