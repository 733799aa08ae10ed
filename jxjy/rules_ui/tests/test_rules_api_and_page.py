"""The rules engine over HTTP and on the check page: one schema, one evaluator (issue 3)."""

from __future__ import annotations

import io
import json

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from openpyxl import Workbook

from jxjy import rules

IDS = {"fuzhou-2009", "quanzhou-luojiang-2017", "henan-2012", "changzhou-2011", "wenzhou-2009-engineering"}
CASE = {
    "person": {"series": "general", "level": "intermediate"},
    "purpose": {"kind": "annual", "year": 2017},
    "records": [
        {"date": "2017-05-02", "subject": "professional", "form": "centralized", "hours": 48},
        {"date": "2017-06-01", "subject": "public", "form": "distance", "hours": 24},
    ],
}


def post(client: Client, ruleset: str, body: object) -> object:
    data = body if isinstance(body, str) else json.dumps(body)
    return client.post(f"/api/v1/rulesets/{ruleset}/check", data=data, content_type="application/json")


def test_get_rulesets_lists_the_five_regulations(db):
    body = Client().get("/api/v1/rulesets").json()
    assert {r["id"] for r in body} == IDS
    assert {"id", "title", "document", "region", "effective_from", "effective_to"} <= set(body[0])


def test_check_answers_the_same_verdict_as_the_library(db):
    response = post(Client(), "changzhou-2011", CASE)
    assert response.status_code == 200
    assert response.json() == rules.evaluate(CASE, "changzhou-2011")
    assert response.json()["compliant"] is True


def test_an_unknown_rule_set_is_404(db):
    assert post(Client(), "shanghai-2030", CASE).status_code == 404


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ("{not json", None),
        ({**CASE, "records": [{**CASE["records"][0], "hours": -1}]}, "records[0].hours"),
        ({**CASE, "records": [{**CASE["records"][0], "date": "2017-02-30"}]}, "records[0].date"),
        ({**CASE, "records": [{**CASE["records"][0], "form": "mooc"}]}, "records[0].form"),
        ({"person": CASE["person"], "records": []}, "purpose"),
        ({**CASE, "person": {"series": "general", "level": 3}}, "person.level"),
    ],
)
def test_bad_input_is_422_with_the_field_named(db, body, field):
    response = post(Client(), "changzhou-2011", body)
    assert response.status_code == 422
    payload = response.json()
    assert payload["detail"]
    if field is not None:
        assert payload["field"] == field
        assert payload["detail"].startswith(field + ":")


def test_the_openapi_schema_documents_the_case_and_the_verdict(db):
    operation = Client().get("/api/v1/openapi.json").json()["paths"]["/api/v1/rulesets/{ruleset_id}/check"]["post"]
    case_schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert {"person", "purpose", "records"} <= set(case_schema["properties"])
    assert "compliant" in json.dumps(operation["responses"]["200"])


def test_the_check_page_shows_each_requirement_with_its_citation(world, client_for):
    client = client_for("hr_fuzhou")
    form = {
        "ruleset": "changzhou-2011", "series": "general", "level": "intermediate", "kind": "annual", "year": "2017", "rows": "6",
        "r0-date": "2017-05-02", "r0-subject": "professional", "r0-form": "centralized", "r0-hours": "48",
        "r1-date": "2017-06-01", "r1-subject": "public", "r1-form": "distance", "r1-hours": "12",
    }
    html = client.post("/rules/check/", form).content.decode()
    assert "未达到要求" in html
    assert "公共科目每年不少于4天或24学时" in html
    assert "常人社发〔2011〕11号 第十条" in html


def test_the_check_page_names_the_bad_field(world, client_for):
    form = {"ruleset": "changzhou-2011", "series": "general", "level": "intermediate", "kind": "annual", "year": "2017",
            "rows": "6", "r0-date": "2017-05-02", "r0-subject": "professional", "r0-form": "centralized", "r0-hours": "-3"}
    html = client_for("hr_fuzhou").post("/rules/check/", form).content.decode()
    assert "records[0].hours" in html


def test_records_can_be_uploaded_as_a_spreadsheet(world, client_for):
    wb = Workbook()
    ws = wb.active
    ws.append(["日期", "科目", "形式", "学时", "天数"])
    ws.append(["2017-05-02", "专业科目", "集中培训", 48, None])
    ws.append(["2017-06-01", "公需科目", "集中培训", None, 4])
    buf = io.BytesIO()
    wb.save(buf)
    form = {"ruleset": "changzhou-2011", "series": "general", "level": "intermediate", "kind": "annual", "year": "2017",
            "rows": "6", "file": SimpleUploadedFile("records.xlsx", buf.getvalue())}
    html = client_for("pro_gl_doctor").post("/rules/check/", form).content.decode()
    assert "达到要求" in html and "未达到要求" not in html  # 4 days = 24 学时 public (第十条, 6 学时 a day)


def test_a_professionals_form_starts_from_their_own_profile_and_region(world, client_for):
    html = client_for("pro_gl_doctor").get("/rules/check/").content.decode()
    assert 'value="fuzhou-2009" selected' in html
    assert 'value="health" selected' in html
