"""Pages and exports: jurisdiction (an officer sees only their subtree; other regions' reports are 404),
the .xlsx read back against the database, the PDF, sampling and assessment pages."""

from __future__ import annotations

import io
from typing import Any

import pytest
from django.db.models import Sum
from django.urls import reverse
from python_calamine import CalamineWorkbook

from jxjy.audit.models import AuditEvent
from jxjy.core.testing import World
from jxjy.records.models import LearningRecord
from jxjy.stats.choices import SampleKind
from jxjy.stats.models import AnnualReport, Assessment, Sample
from jxjy.stats.scope import scope_for
from jxjy.stats.services.reports import annual_report_request

pytestmark = pytest.mark.django_db


def _report(world: World, user: str) -> AnnualReport:
    actor = world.users[user]
    return annual_report_request(actor=actor, scope=scope_for(actor), year=2025)


def test_the_dashboard_shows_a_city_officer_only_their_counties(world: World, stats_data: Any, client_for: Any) -> None:
    _report(world, "hr_province")
    page = client_for("hr_fuzhou").get(reverse("stats:dashboard"), {"year": 2025}).content.decode()
    assert "鼓楼区" in page and "台江区" in page
    assert "泉州" not in page and "洛江" not in page
    assert "stats/echarts.min.js" in page  # served from our static files, no CDN
    assert "//cdn" not in page.lower()  # no script or style from a CDN (a random CSRF token may spell "cdn")


def test_drilling_down_province_city_county_unit(world: World, stats_data: Any, client_for: Any) -> None:
    _report(world, "hr_province")
    client = client_for("hr_province")
    url = reverse("stats:dashboard")
    assert "?region=350100&amp;year=2025" in client.get(url, {"year": 2025}).content.decode()
    assert "?region=350102&amp;year=2025" in client.get(url, {"region": "350100", "year": 2025}).content.decode()
    county = client.get(url, {"region": "350102", "year": 2025}).content.decode()
    assert f"unit={world.gl_hospital.pk}" in county
    unit = client.get(url, {"region": "350102", "unit": world.gl_hospital.pk, "year": 2025}).content.decode()
    assert "鼓楼区人民医院" in unit


def test_an_officer_gets_404_for_regions_and_reports_outside_their_subtree(world: World, stats_data: Any,
                                                                           client_for: Any) -> None:
    province_report = _report(world, "hr_province")
    quanzhou_report = _report(world, "hr_quanzhou")
    gulou = client_for("hr_gulou")
    assert gulou.get(reverse("stats:dashboard"), {"region": "350100"}).status_code == 404
    assert gulou.get(reverse("stats:dashboard"), {"region": "350504"}).status_code == 404
    assert gulou.get(reverse("stats:dashboard"), {"region": "350102", "unit": world.tj_company.pk}).status_code == 404
    fuzhou = client_for("hr_fuzhou")
    for report in (province_report, quanzhou_report):
        for name in ("stats:report_detail", "stats:report_xlsx", "stats:report_pdf"):
            assert fuzhou.get(reverse(name, args=[report.pk])).status_code == 404
    assert client_for("pro_gl_doctor").get(reverse("stats:dashboard")).status_code == 404
    assert client_for("provider_fz").get(reverse("stats:report_list")).status_code == 404


def test_a_unit_admin_sees_their_unit_only(world: World, stats_data: Any, client_for: Any) -> None:
    actor = world.users["unit_tj_company"]
    report = annual_report_request(actor=actor, scope=scope_for(actor), year=2025)
    assert report.result["headline"]["people"] == 1  # type: ignore[index]
    assert report.result["headline"]["hours"] == 72.0  # type: ignore[index]
    assert client_for("hr_fuzhou").get(reverse("stats:report_detail", args=[report.pk])).status_code == 404
    page = client_for("unit_tj_company").get(reverse("stats:dashboard"), {"year": 2025}).content.decode()
    assert "鼓楼区人民医院" not in page


def test_the_xlsx_has_one_sheet_per_table_with_chinese_headers_and_database_totals(world: World, stats_data: Any,
                                                                                    client_for: Any) -> None:
    report = _report(world, "hr_province")
    response = client_for("hr_province").get(reverse("stats:report_xlsx", args=[report.pk]))
    assert response.status_code == 200
    book = CalamineWorkbook.from_filelike(io.BytesIO(response.content))
    assert book.sheet_names == ["封面", "总体情况与上年比较", "按地区", "按系列", "按级别", "按行业", "按单位性质",
                                "学时学分按科目和形式", "按施教机构", "办班按种类和形式", "办班经费"]
    area = book.get_sheet_by_name("按地区").to_python()
    assert area[0][:6] == ["分组", "人数", "参训人数", "参训率(%)", "学习记录数", "学时"]
    total = area[-1]
    db_hours = LearningRecord.objects.filter(status="recognised", year=2025).aggregate(h=Sum("hours"))["h"]
    assert total[0] == "合计" and total[5] == float(db_hours) == 114.0
    assert AuditEvent.objects.filter(action="export", object_id=str(report.pk)).exists()


def test_the_pdf_renders(world: World, stats_data: Any, client_for: Any) -> None:
    report = _report(world, "hr_province")
    response = client_for("hr_province").get(reverse("stats:report_pdf", args=[report.pk]))
    assert response.status_code == 200 and response.content.startswith(b"%PDF")


def test_requesting_a_report_through_the_page_shows_its_progress_and_tables(world: World, stats_data: Any,
                                                                           client_for: Any) -> None:
    client = client_for("hr_fuzhou")
    response = client.post(reverse("stats:report_request"), {"region": "350100", "year": 2025})
    report = AnnualReport.objects.get()
    assert response.status_code == 302 and response.url == reverse("stats:report_detail", args=[report.pk])
    page = client.get(response.url).content.decode()
    assert "已完成" in page and "按地区" in page and "鼓楼区" in page
    progress = client.get(reverse("stats:report_progress", args=[report.pk]), HTTP_HX_REQUEST="true")
    assert progress.headers.get("HX-Refresh") == "true"
    assert 'aria-valuenow="100"' in progress.content.decode()


def test_sampling_pages_draw_show_the_checklist_and_record_results(world: World, client_for: Any) -> None:
    client = client_for("hr_province")
    response = client.post(reverse("stats:sample_list"), {"kind": "unit", "year": 2025, "size": 2, "seed": 99})
    sample = Sample.objects.get()
    assert response.status_code == 302 and sample.seed == 99 and sample.kind == SampleKind.UNIT
    page = client.get(reverse("stats:sample_detail", args=[sample.pk])).content.decode()
    assert "随机种子" in page and "99" in page
    item = sample.items.first()
    assert item is not None
    client.post(reverse("stats:sample_item_record", args=[item.pk]), {"result": "failed", "finding": "无培训计划"})
    item.refresh_from_db()
    assert item.result == "failed"
    xlsx = client.get(reverse("stats:sample_checklist", args=[sample.pk]))
    rows = CalamineWorkbook.from_filelike(io.BytesIO(xlsx.content)).get_sheet_by_name("检查清单").to_python()
    assert rows[0][0] == "序号" and len(rows) == 3
    assert rows[0][5] == "2025年度达标情况"
    assert any(r[7] == "不合格" and r[8] == "无培训计划" for r in rows[1:])


def test_a_sample_of_another_region_is_404(world: World, client_for: Any) -> None:
    client_for("hr_quanzhou").post(reverse("stats:sample_list"), {"kind": "unit", "year": 2025, "size": 1, "seed": 3})
    sample = Sample.objects.get()
    assert client_for("hr_fuzhou").get(reverse("stats:sample_detail", args=[sample.pk])).status_code == 404


def test_assessment_pages_record_a_failed_unit_check_with_its_quota_cut(world: World, client_for: Any) -> None:
    client = client_for("hr_gulou")
    form = {"year": 2025, "target": world.gl_hospital.pk, "quota_cut_percent": "2"}
    for code in ("leadership", "management", "plan", "public_subject", "registration"):
        form[f"{code}_passed"] = "on"
    form["funding_note"] = "经费未落实"
    response = client.post(reverse("stats:assessment_create", args=["unit"]), form)
    assessment = Assessment.objects.get()
    assert response.status_code == 302
    assert (assessment.outcome, str(assessment.quota_cut_percent)) == ("failed", "2.0")
    page = client.get(reverse("stats:assessment_detail", args=[assessment.pk])).content.decode()
    assert "核减" in page and "经费未落实" in page
    client.post(reverse("stats:assessment_publish", args=[assessment.pk]))
    notices = client.get(reverse("stats:notice_list"), {"year": 2025}).content.decode()
    assert "经费未落实" in notices
    assert client_for("hr_quanzhou").get(reverse("stats:assessment_detail", args=[assessment.pk])).status_code == 404
    assert client_for("unit_gl_hospital").get(reverse("stats:assessment_detail", args=[assessment.pk])).status_code == 200
