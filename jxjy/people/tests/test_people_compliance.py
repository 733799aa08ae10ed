"""The people list with each person's standing (达标情况) for a chosen year (issue 12 item 3): the
column, the 达标/未达标/无法评估/未计算 and 差额区间 filters, the sort by shortfall, the audited .xlsx
export, the same filters on the API, and the year's counts on the unit and region pages.

Under 榕人专〔2009〕145号 一 a professional in 福州 needs 72 学时 a year."""

from __future__ import annotations

import datetime as dt
import io
from urllib.parse import unquote

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone
from python_calamine import CalamineWorkbook

from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.core.testing import make_professional
from jxjy.people.models import Professional
from jxjy.records.services.standings import standings_rebuild
from jxjy.records.tests.helpers import recognised

pytestmark = pytest.mark.django_db

THIS_YEAR = timezone.localdate().year
FIRST_YEAR = THIS_YEAR - 4


@pytest.fixture
def standings(world):  # type: ignore[no-untyped-def]
    """This year: 林医生 72/72 (达标), 陈工 40/72 (差 32), 郑老师 nothing (差 72), 黄医生 in 洛江 (outside 福州)."""
    recognised(world.people["gl_doctor"], dt.date(THIS_YEAR, 3, 1), hours=72)
    recognised(world.people["tj_engineer"], dt.date(THIS_YEAR, 4, 1), hours=40)
    standings_rebuild()
    return world


def rows(response) -> list[str]:  # type: ignore[no-untyped-def]
    """The people table's rows as text (one per person)."""
    html = response.content.decode()
    body = html[html.index('<table class="list" id="people">'):html.index("</table>")]
    return [r for r in body.split("<tr>")[2:] if "<td" in r]


def names(response) -> list[str]:  # type: ignore[no-untyped-def]
    return [p.name for p in response.context["object_list"]]


def xlsx_rows(data: bytes) -> list[list[object]]:
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(data)).get_sheet_by_index(0)
    return [list(r) for r in sheet.to_python()]


# --- the column ----------------------------------------------------------------------------------------
def test_the_list_shows_each_persons_standing_for_the_current_year_with_counted_and_required(standings, client_for):
    response = client_for("hr_fuzhou").get("/people/")
    assert response.status_code == 200 and response.context["year"] == THIS_YEAR
    by_name = {r.split("</a>")[0].rsplit(">", 1)[-1]: r for r in rows(response)}
    assert set(by_name) == {"林医生", "郑老师", "陈工"}  # 黄医生 works in 泉州, outside 福州
    assert "达标" in by_name["林医生"] and "72 / 72 学时" in by_name["林医生"]
    assert "未达标（差 32 学时）" in by_name["陈工"] and "40 / 72 学时" in by_name["陈工"]
    assert "未达标（差 72 学时）" in by_name["郑老师"] and "0 / 72 学时" in by_name["郑老师"]
    assert f"{THIS_YEAR}年度达标情况" in response.content.decode()


def test_a_person_without_a_stored_standing_reads_未计算_and_can_be_filtered(standings, client_for):
    make_professional(standings.gl_hospital, "新入职")  # created past the services: no standing yet
    client = client_for("hr_fuzhou")
    row = next(r for r in rows(client.get("/people/")) if "新入职" in r)
    assert "未计算" in row and "/ " not in row
    assert names(client.get("/people/?verdict=none")) == ["新入职"]


def test_an_earlier_year_shows_that_years_standing(standings, client_for):
    recognised(standings.people["tj_engineer"], dt.date(THIS_YEAR - 1, 5, 1), hours=72)
    response = client_for("hr_fuzhou").get(f"/people/?year={THIS_YEAR - 1}&verdict=met")
    assert response.context["year"] == THIS_YEAR - 1 and names(response) == ["陈工"]


@pytest.mark.parametrize("year", [str(FIRST_YEAR - 1), str(THIS_YEAR + 1), "abc", "99999999999999999999"])
def test_a_year_outside_the_standing_years_is_refused_with_a_clear_message(standings, client_for, year):
    response = client_for("hr_fuzhou").get(f"/people/?year={year}")
    assert response.status_code == 200 and response.context["year"] == THIS_YEAR
    assert f"达标情况只计算{FIRST_YEAR}至{THIS_YEAR}年度" in response.content.decode()
    assert f"已显示{THIS_YEAR}年度" in response.content.decode()


def test_the_year_select_offers_exactly_the_standing_years(standings, client_for):
    response = client_for("hr_fuzhou").get("/people/")
    assert response.context["year_choices"] == list(range(THIS_YEAR, FIRST_YEAR - 1, -1))


# --- filters and sort ----------------------------------------------------------------------------------
def test_the_verdict_filter_lists_only_people_with_that_verdict(standings, client_for):
    client = client_for("hr_fuzhou")
    assert names(client.get("/people/?verdict=met")) == ["林医生"]
    assert sorted(names(client.get("/people/?verdict=short"))) == ["郑老师", "陈工"]
    assert names(client.get("/people/?verdict=unknown")) == []


def test_the_verdict_filter_combines_with_search_and_the_unit_filter(standings, client_for):
    client = client_for("hr_fuzhou")
    assert names(client.get("/people/?verdict=short&q=陈")) == ["陈工"]
    assert names(client.get(f"/people/?verdict=short&unit={standings.gl_school.pk}")) == ["郑老师"]
    assert names(client.get(f"/people/?verdict=met&unit={standings.gl_school.pk}")) == []
    assert names(client.get(f"/people/?verdict=short&region={standings.taijiang.pk}")) == ["陈工"]


def test_the_shortfall_band_lists_people_short_by_that_much(standings, client_for):
    recognised(make_professional(standings.tj_company, "差六学时"), dt.date(THIS_YEAR, 6, 1), hours=66)
    client = client_for("hr_fuzhou")
    assert names(client.get("/people/?band=0-12")) == ["差六学时"]
    assert names(client.get("/people/?band=24-48")) == ["陈工"]  # 差 32
    assert names(client.get("/people/?band=48%2B")) == ["郑老师"]  # 差 72
    assert names(client.get("/people/?band=12-24")) == []
    assert names(client.get("/people/?verdict=met&band=24-48")) == []  # a band means short


def test_sorting_by_shortfall_puts_the_largest_first_and_uncomputed_last(standings, client_for):
    recognised(make_professional(standings.tj_company, "差六学时"), dt.date(THIS_YEAR, 6, 1), hours=66)
    make_professional(standings.gl_hospital, "新入职")
    assert names(client_for("hr_fuzhou").get("/people/?sort=shortfall")) == ["郑老师", "陈工", "差六学时", "林医生", "新入职"]


def test_filters_are_kept_across_pages(standings, client_for):
    for i in range(25):
        make_professional(standings.tj_company, f"学员{i:02d}")
    standings_rebuild()
    client = client_for("hr_fuzhou")
    first = client.get("/people/?verdict=short&sort=shortfall")
    assert first.context["page_obj"].paginator.count == 27
    assert "verdict=short" in first.context["querystring_base"]
    second = client.get("/people/?verdict=short&sort=shortfall&page=2")
    assert len(second.context["object_list"]) == 7


def test_the_list_costs_the_same_number_of_queries_for_3_and_20_people(standings, client_for):
    unit = standings.tj_company
    client = client_for("hr_fuzhou")
    url = f"/people/?verdict=short&sort=shortfall&year={THIS_YEAR}&unit={unit.pk}"
    counts = []
    for size in (3, 20):
        while Professional.objects.filter(unit=unit).count() < size:
            make_professional(unit, "新学员")
        standings_rebuild()
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url)
        assert len(response.context["object_list"]) == size
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts


# --- export ----------------------------------------------------------------------------------------------
def test_the_export_holds_the_filtered_list_with_masked_identity_numbers(standings, client_for):
    response = client_for("hr_fuzhou").get("/people/export.xlsx?verdict=short&sort=shortfall")
    assert response.status_code == 200
    table = xlsx_rows(response.content)
    assert table[0][:3] == ["姓名", "身份证号码", "性别"] and "达标情况" in table[0]
    status = table[0].index("达标情况")
    assert [(r[0], r[status], r[status + 1], r[status + 2], r[status + 3]) for r in table[1:]] == [
        ("郑老师", "未达标（差 72 学时）", 72.0, 0.0, 72.0),
        ("陈工", "未达标（差 32 学时）", 32.0, 40.0, 72.0),
    ]
    full_numbers = {standings.people["gl_teacher"].id_number, standings.people["tj_engineer"].id_number}
    for r in table[1:]:
        assert "********" in r[1] and r[1] not in full_numbers


def test_the_export_has_a_chinese_file_name_per_rfc_5987(standings, client_for):
    response = client_for("hr_fuzhou").get("/people/export.xlsx")
    disposition = response["Content-Disposition"]
    assert disposition.startswith("attachment; filename=\"people-standings-")
    encoded = disposition.split("filename*=UTF-8''")[1]
    assert unquote(encoded) == f"专业技术人员达标情况-{THIS_YEAR}年度.xlsx"


def test_the_export_is_audited_as_a_sensitive_read_naming_how_many_people(standings, client_for):
    client_for("hr_fuzhou").get("/people/export.xlsx?verdict=short")
    event = AuditEvent.objects.get(action=AuditAction.READ_SENSITIVE)
    assert event.actor == standings.users["hr_fuzhou"] and event.region_path == standings.fuzhou.path
    assert "2人" in event.message and f"{THIS_YEAR}年度 未达标" in event.message


def test_a_unit_administrators_export_holds_only_the_units_people(standings, client_for):
    table = xlsx_rows(client_for("unit_tj_company").get("/people/export.xlsx").content)
    assert [r[0] for r in table[1:]] == ["陈工"]


# --- jurisdiction --------------------------------------------------------------------------------------
def test_a_unit_administrator_never_sees_another_units_standings(standings, client_for):
    client = client_for("unit_gl_hospital")
    assert names(client.get("/people/?verdict=short")) == []
    assert names(client.get("/people/")) == ["林医生"]
    assert names(client.get(f"/people/?unit={standings.tj_company.pk}")) == []
    assert client.get(f"/orgs/units/{standings.tj_company.pk}/").status_code == 404


def test_an_hr_officer_sees_the_standings_of_the_subtree_only(standings, client_for):
    assert sorted(names(client_for("hr_gulou").get("/people/?verdict=short"))) == ["郑老师"]  # 陈工 is in 台江
    assert sorted(names(client_for("hr_fuzhou").get("/people/?verdict=short"))) == ["郑老师", "陈工"]
    province = client_for("hr_province")
    assert sorted(names(province.get("/people/?verdict=short"))) == ["郑老师", "陈工"]
    # 黄医生 (洛江, health series): credits by the facility's grade, which is not on file
    assert names(province.get("/people/?verdict=unknown")) == ["黄医生"]
    assert names(client_for("hr_fuzhou").get("/people/?verdict=unknown")) == []


def test_an_industry_authority_sees_the_standings_of_its_sector_only(standings, client_for):
    client = client_for("auth_fz_health")  # 福州市卫健委: health units in 福州
    assert names(client.get("/people/")) == ["林医生"]
    assert names(client.get("/people/?verdict=short")) == []  # 郑老师 (school) and 陈工 (company) are not its sector


# --- unit and region pages ---------------------------------------------------------------------------------
def test_the_unit_page_shows_the_years_counts_with_links_to_the_filtered_list(standings, client_for):
    unit = standings.gl_hospital
    make_professional(unit, "张护士")
    standings_rebuild()
    response = client_for("unit_gl_hospital").get(f"/orgs/units/{unit.pk}/")
    summary = response.context["summary"]
    assert (summary["people"], summary["met"], summary["short"], summary["rate_percent"]) == (2, 1, 1, "50.0%")
    html = response.content.decode()
    assert f'href="/people/?unit={unit.pk}&amp;year={THIS_YEAR}&amp;verdict=short&amp;sort=shortfall"' in html
    listed = client_for("unit_gl_hospital").get(f"/people/?unit={unit.pk}&year={THIS_YEAR}&verdict=short")
    assert names(listed) == ["张护士"]


def test_the_region_page_counts_the_subtree_the_officer_may_see(standings, client_for):
    summary = client_for("hr_fuzhou").get(f"/regions/{standings.fuzhou.pk}/").context["summary"]
    assert (summary["people"], summary["met"], summary["short"], summary["unknown"]) == (3, 1, 2, 0)
    assert summary["rate_percent"] == "33.3%"
    gulou = client_for("hr_fuzhou").get(f"/regions/{standings.gulou.pk}/?year={THIS_YEAR}").context["summary"]
    assert (gulou["people"], gulou["met"]) == (2, 1)
    html = client_for("hr_fuzhou").get(f"/regions/{standings.gulou.pk}/").content.decode()
    assert f'href="/people/?region={standings.gulou.pk}&amp;year={THIS_YEAR}&amp;verdict=met"' in html


def test_a_unit_page_for_an_out_of_range_year_says_so(standings, client_for):
    response = client_for("hr_fuzhou").get(f"/orgs/units/{standings.gl_hospital.pk}/?year=1999")
    assert response.context["summary"]["year"] == THIS_YEAR
    assert f"达标情况只计算{FIRST_YEAR}至{THIS_YEAR}年度" in response.content.decode()


# --- API ---------------------------------------------------------------------------------------------------
def test_the_api_filters_by_year_verdict_and_band_and_returns_the_standing(standings, client_for):
    client = client_for("hr_fuzhou")
    body = client.get("/api/v1/professionals", {"compliance_year": THIS_YEAR, "verdict": "short",
                                                  "sort": "shortfall"}).json()
    assert [(i["name"], i["standing"]["label"]) for i in body["items"]] == [
        ("郑老师", "未达标（差 72 学时）"), ("陈工", "未达标（差 32 学时）")]
    assert body["items"][1]["standing"]["counted"] in ("40.0", 40.0)
    band = client.get("/api/v1/professionals", {"band": "24-48"}).json()
    assert [i["name"] for i in band["items"]] == ["陈工"]


@pytest.mark.parametrize(("params", "field"), [
    ({"compliance_year": FIRST_YEAR - 1}, "compliance_year"),
    ({"compliance_year": THIS_YEAR + 1}, "compliance_year"),
    ({"compliance_year": 99999999999}, "compliance_year"),
    ({"verdict": "passed"}, "verdict"),
    ({"band": "100-200"}, "band"),
    ({"sort": "name"}, "sort"),
])
def test_the_api_refuses_out_of_range_filters_with_422_naming_the_field(standings, client_for, params, field):
    response = client_for("hr_fuzhou").get("/api/v1/professionals", params)
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == field


def test_the_api_year_message_names_the_standing_years(standings, client_for):
    response = client_for("hr_fuzhou").get("/api/v1/professionals", {"compliance_year": FIRST_YEAR - 1})
    assert f"达标情况只计算{FIRST_YEAR}至{THIS_YEAR}年度" in response.json()["detail"]


def test_the_api_never_lists_another_units_standings(standings, client_for):
    body = client_for("unit_gl_hospital").get("/api/v1/professionals", {"verdict": "short"}).json()
    assert body["items"] == []


def test_the_export_needs_a_login_and_leaves_no_audit_row_for_strangers(world):
    from django.test import Client

    response = Client().get("/people/export.xlsx")
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert not AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE).exists()


def test_a_professional_exports_only_their_own_standing(standings, client_for):
    table = xlsx_rows(client_for("pro_gl_doctor").get("/people/export.xlsx").content)
    assert [(r[0], r[8]) for r in table[1:]] == [("林医生", "达标")]


def test_the_api_list_costs_the_same_number_of_queries_for_3_and_20_people(standings, client_for):
    unit = standings.tj_company
    client = client_for("hr_fuzhou")
    counts = []
    for size in (3, 20):
        while Professional.objects.filter(unit=unit).count() < size:
            make_professional(unit, "新学员")
        standings_rebuild()
        with CaptureQueriesContext(connection) as ctx:
            body = client.get("/api/v1/professionals", {"unit_id": unit.pk, "verdict": "short"}).json()
        assert len(body["items"]) == size
        counts.append(len(ctx.captured_queries))
    assert counts[0] == counts[1], counts
