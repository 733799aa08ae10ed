"""The annual statistical report (河南 2012 五(二): 人数、时间、内容、办班种类、形式和经费) on the hand-built
data set of `data.py`; every expected figure is worked out by hand there."""

from __future__ import annotations

from typing import Any

import pytest

from jxjy.core.testing import World
from jxjy.records.models import Standing
from jxjy.stats.choices import ReportStatus
from jxjy.stats.models import AnnualReport
from jxjy.stats.scope import scope_for
from jxjy.stats.services.reports import annual_report_request

pytestmark = pytest.mark.django_db


def _report(world: World, user: str, year: int = 2025) -> AnnualReport:
    actor = world.users[user]
    report = annual_report_request(actor=actor, scope=scope_for(actor), year=year)
    assert report.status == ReportStatus.DONE, report.error
    return report


def _table(report: AnnualReport, key: str) -> dict[str, Any]:
    assert report.result is not None
    return next(t for t in report.result["tables"] if t["key"] == key)


def _rows(report: AnnualReport, key: str) -> dict[str, list[Any]]:
    return {row[0]: row[1:] for row in _table(report, key)["rows"]}


def test_province_headline_counts_people_trained_hours_classes_and_fees(world: World, stats_data: Any) -> None:
    """人数、时间、办班、经费 for the province: the pending record, the draft class and 2024 are left out."""
    report = _report(world, "hr_province")
    h = report.result["headline"]  # type: ignore[index]
    assert (h["people"], h["trained"], h["records"], h["hours"]) == (4, 3, 4, 114.0)
    assert h["participation_rate"] == 75.0
    assert (h["classes"], h["trainees"], h["fee_income"]) == (3, 4, 500.0)  # 200×2 + 100×1
    assert (h["evaluated"], h["compliant"], h["compliance_rate"]) == (4, 1, 25.0)  # only 陈工 reaches 72 学时


def test_comparison_with_the_previous_year(world: World, stats_data: Any) -> None:
    report = _report(world, "hr_province")
    rows = _rows(report, "summary")
    assert rows["学时合计"] == [114.0, 40.0, 74.0, 185.0]
    assert rows["参训人数"] == [3, 1, 2, 200.0]
    assert rows["办班数"] == [3, 1, 2, 200.0]
    assert rows["收费金额(元)"] == [500.0, 80.0, 420.0, 525.0]


def test_by_sub_region_series_level_sector_and_unit_type(world: World, stats_data: Any) -> None:
    report = _report(world, "hr_province")
    # 分组: 人数, 参训人数, 参训率, 记录数, 学时, 学分, 已评估, 达标, 达标率
    area = _rows(report, "by_area")
    assert area["福州市"] == [3, 2, 66.7, 3, 102.0, 0, 3, 1, 33.3]
    assert area["泉州市"] == [1, 1, 100.0, 1, 12.0, 0, 1, 0, 0.0]
    assert _table(report, "by_area")["total"] == ["合计", 4, 3, 75.0, 4, 114.0, 0, 4, 1, 25.0]
    series = _rows(report, "by_series")
    assert series["卫生"][:5] == [2, 2, 100.0, 2, 42.0]
    assert series["工程技术"][:5] == [1, 1, 100.0, 2, 72.0]
    assert series["中小学教师"][:5] == [1, 0, 0.0, 0, 0]
    level = _rows(report, "by_level")
    assert level["中级"][:5] == [3, 3, 100.0, 4, 114.0]
    assert level["无职称"][:5] == [1, 0, 0.0, 0, 0]
    sector = _rows(report, "by_sector")
    assert sector["卫生健康"][:5] == [2, 2, 100.0, 2, 42.0]
    assert sector["经贸/工信"][:5] == [1, 1, 100.0, 2, 72.0]
    assert sector["教育"][:5] == [1, 0, 0.0, 0, 0]
    ownership = _rows(report, "by_ownership")
    assert ownership["事业单位"][:5] == [3, 2, 66.7, 2, 42.0]
    assert ownership["非公企业"][:8] == [1, 1, 100.0, 2, 72.0, 0, 1, 1]


def test_hours_by_subject_and_form_and_by_provider(world: World, stats_data: Any) -> None:
    report = _report(world, "hr_province")
    sf = {(r[0], r[1]): r[2:] for r in _table(report, "by_subject_form")["rows"]}
    assert sf == {("公需科目", "远程/网络教育"): [1, 1, 24.0, 0], ("专业科目", "集中培训"): [3, 3, 90.0, 0]}
    providers = _rows(report, "by_provider")
    assert providers["福州市继续教育基地"] == [2, 2, 3, 102.0, 0]  # 办班数 A, B; 2 people; 3 records
    assert providers["泉州市继续教育基地"] == [1, 1, 1, 12.0, 0]


def test_classes_by_type_and_form_and_funding(world: World, stats_data: Any) -> None:
    report = _report(world, "hr_province")
    classes = {(r[0], r[1]): r[2:] for r in _table(report, "by_class_type")["rows"]}
    # 班数, 期数, 学时, 计划人数, 参训人次
    assert classes == {
        ("培训班", "集中培训"): [1, 1, 48.0, 50, 2],
        ("研修班", "远程/网络教育"): [1, 2, 24.0, 60, 1],
        ("讲座", "集中培训"): [1, 1, 6.0, 40, 1],
    }
    funding = _rows(report, "funding")
    # 班数, 收费班数, 参训人次, 缴费人次, 收费金额
    assert funding["单位自筹"] == [2, 2, 3, 3, 500.0]
    assert funding["财政拨款"] == [1, 0, 1, 0, 0.0]


def test_a_city_report_breaks_down_by_county_and_a_county_report_by_unit(world: World, stats_data: Any) -> None:
    city = _report(world, "hr_fuzhou")
    assert (city.result["headline"]["people"], city.result["headline"]["hours"]) == (3, 102.0)  # type: ignore[index]
    assert (city.result["headline"]["classes"], city.result["headline"]["fee_income"]) == (2, 400.0)  # type: ignore[index]
    area = _rows(city, "by_area")
    assert area["鼓楼区"][:5] == [2, 1, 50.0, 1, 30.0]
    assert area["台江区"][:5] == [1, 1, 100.0, 2, 72.0]
    county = _report(world, "hr_gulou")
    assert _table(county, "by_area")["title"] == "按单位"
    units = _rows(county, "by_area")
    assert units["鼓楼区人民医院"][:5] == [1, 1, 100.0, 1, 30.0]
    assert units["鼓楼区实验小学"][:5] == [1, 0, 0.0, 0, 0]


def test_the_report_reads_compliance_from_the_standings_and_records_when(world: World, stats_data: Any) -> None:
    """达标 in the report is the standings' verdict of each person for the year, as of generation
    (黄医生 is 无法评估: 洛江 2017 needs the medical staff's facility, which the test world leaves out;
    the rate counts every person with a standing, as `standing_counts` does)."""
    verdicts = dict(Standing.objects.filter(kind="annual", end_year=2025).values_list("professional__name", "verdict"))
    assert verdicts == {"陈工": "met", "林医生": "short", "黄医生": "unknown", "郑老师": "short"}
    report = _report(world, "hr_province")
    assert report.data_as_of is not None and report.started_at <= report.data_as_of <= report.finished_at
    assert report.result["data_as_of"] == report.data_as_of.isoformat()  # type: ignore[index]
    assert _rows(report, "summary")["达标人数"][:2] == [1, 0]  # 2024: 陈工's 40 学时 fall short of 72


def test_an_authority_officer_sees_only_the_units_of_their_sector(world: World, stats_data: Any) -> None:
    """福州市卫健委's officer: health units it supervises in 福州 — only 林医生 (鼓楼区人民医院 is under 鼓楼区卫健局,
    a health authority too), never 泉州 or non-health units."""
    report = _report(world, "auth_fz_health")
    h = report.result["headline"]  # type: ignore[index]
    assert (h["people"], h["trained"], h["hours"]) == (1, 1, 30.0)


def test_a_year_in_the_future_is_refused(world: World) -> None:
    from jxjy.core.errors import ApplicationError

    actor = world.users["hr_province"]
    with pytest.raises(ApplicationError):
        annual_report_request(actor=actor, scope=scope_for(actor), year=2999)
