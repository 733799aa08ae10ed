"""Issue 8's first "Done when" line in a real browser: an HR officer opens the dashboard, drills from
the province to a county (and a unit), generates and exports the annual report as .xlsx, and the
test reads the file back and checks its totals against the database."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from django.db.models import Sum
from python_calamine import CalamineWorkbook

from jxjy.conftest import login
from jxjy.core.testing import build_world
from jxjy.people.models import Professional
from jxjy.records.models import LearningRecord
from jxjy.stats.scope import scope_for
from jxjy.stats.services.reports import annual_report_request

from . import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _shot(page, name: str, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    target = Path(os.environ.get("STATS_SCREENSHOTS", tmp_path))
    target.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(target / f"{name}.png"), full_page=True)


def test_hr_officer_drills_from_province_to_county_and_exports_the_annual_report(
    live_server, page, phone_page, tmp_path
):
    world = build_world()
    data.build(world)
    officer = world.users["hr_province"]
    annual_report_request(actor=officer, scope=scope_for(officer), year=2025)  # a report exists too (the charts are live)

    login(page, live_server, "hr_province")
    page.goto(f"{live_server.url}/stats/?year=2025")
    page.wait_for_selector("#chart-compliance canvas")  # ECharts drew the chart
    table = page.locator("[data-testid=table-compliance]")
    assert "福州市" in table.inner_text() and "泉州市" in table.inner_text()
    _shot(page, "dashboard-province-desktop", tmp_path)

    table.get_by_role("link", name="福州市").click()
    page.wait_for_url("**/stats/?region=350100*")
    page.wait_for_selector("#chart-compliance canvas")
    assert "鼓楼区" in page.locator("[data-testid=table-compliance]").inner_text()
    page.locator("[data-testid=table-compliance]").get_by_role("link", name="鼓楼区").click()
    page.wait_for_url("**/stats/?region=350102*")
    county = page.locator("[data-testid=table-compliance]").inner_text()
    assert "鼓楼区人民医院" in county and "鼓楼区实验小学" in county  # the county shows its units
    assert "福建省 › 福州市 › 鼓楼区" in page.locator(".crumbs").inner_text()
    _shot(page, "dashboard-county-desktop", tmp_path)

    # every chart has its table one click away
    hours = page.locator("[data-testid=table-hours]")
    assert not hours.locator("table").is_visible()
    hours.locator("summary").click()
    assert hours.locator("table").is_visible()

    page.get_by_role("link", name="年度统计报表与导出").click()
    page.wait_for_url("**/stats/reports/*")
    page.fill("input[name=year]", "2025")
    page.get_by_role("button", name="生成年度统计报表").click()
    page.wait_for_selector("[data-testid=report-status]:has-text('已完成')")
    assert "鼓楼区2025年度继续教育统计报表" in page.inner_text("h1")
    _shot(page, "report-county-desktop", tmp_path)
    with page.expect_download() as download:
        page.click("[data-testid=export-xlsx]")
    content = Path(download.value.path()).read_bytes()

    book = CalamineWorkbook.from_filelike(io.BytesIO(content))
    by_unit = book.get_sheet_by_name("按单位").to_python()
    assert by_unit[0][:6] == ["分组", "人数", "参训人数", "参训率(%)", "学习记录数", "学时"]
    total = by_unit[-1]
    in_county = Professional.objects.filter(region__path__startswith=world.gulou.path)
    db_hours = LearningRecord.objects.filter(professional__in=in_county, status="recognised", year=2025).aggregate(
        h=Sum("hours"))["h"]
    assert total[0] == "合计"
    assert total[1] == in_county.count() == 2
    assert total[5] == float(db_hours) == 30.0
    summary = book.get_sheet_by_name("总体情况与上年比较").to_python()
    assert summary[1][:2] == ["专业技术人员数", 2]

    login(phone_page, live_server, "hr_province")
    phone_page.goto(f"{live_server.url}/stats/?year=2025")
    phone_page.wait_for_selector("#chart-compliance canvas")
    _shot(phone_page, "dashboard-province-phone", tmp_path)
