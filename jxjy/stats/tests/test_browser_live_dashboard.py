"""Issue 12 item 3 in a real browser: an HR officer opens the dashboard before any annual report has
been generated and sees a live, non-zero compliance figure — the standings (达标情况) of the year —
on a desktop (1366 px) and on a phone (390 px, with nothing wider than the screen)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from jxjy.conftest import login
from jxjy.core.testing import build_world
from jxjy.records.services.standings import standings_rebuild
from jxjy.records.standing_selectors import standing_counts, standings_in_scope
from jxjy.stats.models import AnnualReport

from . import data

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("STATS_SCREENSHOTS", "/tmp/shots"))


def test_hr_officer_sees_the_live_compliance_rate_with_no_report_generated(live_server, page, phone_page):  # type: ignore[no-untyped-def]
    world = build_world()
    data.build(world)
    standings_rebuild(reason="测试数据")
    officer = world.users["hr_province"]
    assert not AnnualReport.objects.exists()
    counts = standing_counts(standings_in_scope(user=officer, year=2025))
    expected = f"{round(100 * counts['rate'], 1)}%"
    assert counts["met"] > 0 and expected == "25.0%"  # 陈工 of 4 (榕人专〔2009〕145号 一: 72 学时)
    SHOTS.mkdir(parents=True, exist_ok=True)

    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server, "hr_province")
    page.goto(f"{live_server.url}/stats/?year=2025")
    page.wait_for_selector("#chart-compliance canvas")
    assert page.get_by_test_id("live-compliance-rate").inner_text() == expected
    assert page.get_by_test_id("live-compliance-counts").inner_text() == f"达标 {counts['met']} / 已评估 {counts['people']} 人"
    fuzhou = page.locator("[data-testid=table-compliance] tr", has_text="福州市").inner_text().split("\t")
    assert fuzhou[-3:] == ["3", "1", "33.3"]  # 已评估, 达标, 达标率 — no report needed
    page.screenshot(path=str(SHOTS / "live-dashboard-1366.png"), full_page=True)

    login(phone_page, live_server, "hr_province")
    phone_page.goto(f"{live_server.url}/stats/?year=2025")
    phone_page.wait_for_selector("#chart-compliance canvas")
    assert phone_page.get_by_test_id("live-compliance-rate").inner_text() == expected
    width = phone_page.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, f"the dashboard is {width} px wide on a 390 px screen"
    phone_page.screenshot(path=str(SHOTS / "live-dashboard-390.png"), full_page=True)
    assert not AnnualReport.objects.exists()
