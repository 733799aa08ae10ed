"""Issue 12 item 3: the dashboards' compliance is live — it is the stored standings (达标情况) of the
year, counted with no annual report generated, and a recognised record moves it at once — while a
generated annual report is a dated snapshot that later records do not change.

The hand-built data of `data.py`, year 2025, under 榕人专〔2009〕145号 一 (72 学时 a year in 福州):
陈工 (台江) 72 学时 → 达标; 林医生 (鼓楼) 30 学时 → 未达标 (差 42); 郑老师 (鼓楼) only a pending
record → 未达标; 黄医生 (洛江) 无法评估 (the 2017 洛江 rules need the medical facility)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jxjy.core.testing import World, make_professional
from jxjy.records.models import Standing
from jxjy.records.services.standings import standings_rebuild
from jxjy.records.standing_selectors import standing_counts, standings_in_scope
from jxjy.stats.choices import SampleKind
from jxjy.stats.models import AnnualReport
from jxjy.stats.scope import scope_for
from jxjy.stats.services.assessments import unit_figures
from jxjy.stats.services.reports import annual_report_request
from jxjy.stats.services.sampling import sample_draw

from . import data

pytestmark = pytest.mark.django_db


def _dashboard(client_for: Any, user: str, **params: Any) -> dict[str, Any]:
    response = client_for(user).get("/api/v1/stats/dashboard", {"year": 2025, **params})
    assert response.status_code == 200, response.content
    return response.json()  # type: ignore[no-any-return]


def _rows(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {row["name"]: row for row in body["compliance"]}


def _lin_reaches_72_hours(world: World) -> None:
    """林医生's 30 学时 + a recognised 42 学时 class = 72 学时 (榕人专〔2009〕145号 一)."""
    data.record(world, "gl_doctor", dt.date(2025, 9, 2), "professional", "centralized", 42, world.fz_provider, "L1")


def test_with_no_report_the_dashboard_compliance_is_the_standings_of_the_year(
        world: World, stats_data: Any, client_for: Any) -> None:
    assert not AnnualReport.objects.exists()
    officer = world.users["hr_province"]
    expected = standing_counts(standings_in_scope(user=officer, year=2025))
    assert (expected["people"], expected["met"]) == (4, 1)

    body = _dashboard(client_for, "hr_province")
    total = body["compliance_total"]
    assert (total["evaluated"], total["compliant"], total["short"], total["unknown"]) == (4, 1, 2, 1)
    assert total["rate"] == round(100 * expected["rate"], 1) == 25.0
    rows = _rows(body)
    for name, region in (("福州市", world.fuzhou), ("泉州市", world.quanzhou)):
        counts = standing_counts(Standing.objects.filter(kind="annual", end_year=2025, region_path__startswith=region.path))
        assert (rows[name]["evaluated"], rows[name]["compliant"]) == (counts["people"], counts["met"])
    assert (rows["福州市"]["evaluated"], rows["福州市"]["compliant"], rows["福州市"]["rate"]) == (3, 1, 33.3)

    # a county breaks down by unit, a sector officer sees only their sector's standings
    units = _rows(_dashboard(client_for, "hr_gulou"))
    assert (units["鼓楼区人民医院"]["evaluated"], units["鼓楼区人民医院"]["compliant"]) == (1, 0)
    health = _dashboard(client_for, "auth_fz_health")["compliance_total"]
    assert (health["evaluated"], health["compliant"]) == (1, 0)  # 林医生 only


def test_the_dashboard_page_shows_the_live_rate_with_no_report(world: World, stats_data: Any, client_for: Any) -> None:
    page = client_for("hr_fuzhou").get(reverse("stats:dashboard"), {"year": 2025}).content.decode()
    assert 'data-testid="live-compliance-rate">33.3%<' in page
    assert "达标 1 / 已评估 3 人" in page
    assert "未生成报表" not in page


def test_recognising_a_record_changes_the_dashboard_at_once(world: World, stats_data: Any, client_for: Any) -> None:
    before = _rows(_dashboard(client_for, "hr_fuzhou"))["鼓楼区"]
    assert (before["evaluated"], before["compliant"]) == (2, 0)

    _lin_reaches_72_hours(world)

    after = _rows(_dashboard(client_for, "hr_fuzhou"))["鼓楼区"]
    assert (after["evaluated"], after["compliant"], after["rate"]) == (2, 1, 50.0)
    assert _dashboard(client_for, "hr_province")["compliance_total"]["compliant"] == 2
    assert not AnnualReport.objects.exists()


def test_a_generated_report_is_a_snapshot_a_later_record_does_not_change(
        world: World, stats_data: Any, client_for: Any) -> None:
    officer = world.users["hr_fuzhou"]
    report = annual_report_request(actor=officer, scope=scope_for(officer), year=2025)
    assert report.result is not None and report.data_as_of is not None
    frozen = report.result
    assert (frozen["headline"]["evaluated"], frozen["headline"]["compliant"]) == (3, 1)

    _lin_reaches_72_hours(world)

    report.refresh_from_db()
    assert report.result == frozen
    assert (report.result["headline"]["compliant"], report.result["headline"]["hours"]) == (1, 102.0)
    page = client_for("hr_fuzhou").get(reverse("stats:report_detail", args=[report.pk])).content.decode()
    local = report.data_as_of.astimezone(dt.timezone(dt.timedelta(hours=8)))  # Asia/Shanghai
    assert f"数据截至 {local:%Y-%m-%d %H:%M:%S}" in page
    # the live figures and a new report see the new record
    assert _dashboard(client_for, "hr_fuzhou")["compliance_total"]["compliant"] == 2
    again = annual_report_request(actor=officer, scope=scope_for(officer), year=2025)
    assert again.result["headline"]["compliant"] == 2  # type: ignore[index]
    assert again.data_as_of > report.data_as_of  # type: ignore[operator]


def test_the_dashboard_api_costs_the_same_queries_for_more_people(
        world: World, stats_data: Any, client_for: Any) -> None:
    client = client_for("hr_province")

    def queries() -> int:
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/api/v1/stats/dashboard", {"year": 2025}).status_code == 200
        return len(ctx.captured_queries)

    queries()  # warm the session and caches
    before = queries()
    for i in range(12):
        person = make_professional(world.gl_hospital if i % 2 else world.tj_company, f"新人{i}",
                                   title=world.titles["主治医师"] if i % 2 else world.titles["工程师"])
        world.people[f"new{i}"] = person
        data.record(world, f"new{i}", dt.date(2025, 5, 1 + i), "professional", "centralized", 30 + 4 * i,
                    world.fz_provider, f"Q{i}")
    standings_rebuild(reason="测试数据")
    assert _dashboard(client_for, "hr_province")["compliance_total"]["evaluated"] == 16
    assert queries() == before


def test_a_unit_assessment_cites_the_live_standings_常人社发2011_11号第二十二条(world: World, stats_data: Any) -> None:
    figures = unit_figures(world.tj_company, 2025)
    assert (figures["compliance_evaluated"], figures["compliance_compliant"]) == (1, 1)  # 陈工, no report needed
    assert not AnnualReport.objects.exists()


def test_the_sampling_checklist_shows_each_person_s_standing_and_each_unit_s_rate(world: World, stats_data: Any, client_for: Any) -> None:
    sample = sample_draw(actor=world.users["hr_fuzhou"], region=world.fuzhou, year=2025, kind=SampleKind.PERSON,
                         size=3, seed=5)
    page = client_for("hr_fuzhou").get(reverse("stats:sample_detail", args=[sample.pk])).content.decode()
    assert "2025年度达标情况" in page
    assert "未达标（差42学时）" in page  # 林医生: 30 of 72
    assert ">达标<" in page  # 陈工
    units = sample_draw(actor=world.users["hr_fuzhou"], region=world.taijiang, year=2025, kind=SampleKind.UNIT,
                        size=1, seed=5)
    page = client_for("hr_fuzhou").get(reverse("stats:sample_detail", args=[units.pk])).content.decode()
    assert "达标率100.0%（1/1人）" in page  # 台江区华信科技有限公司: 陈工
