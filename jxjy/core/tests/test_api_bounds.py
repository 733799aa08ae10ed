"""Every input is bounded before any work: oversized bodies 413 (unread), deep JSON 422, out-of-range
years, pages, ids and non-finite numbers 422 naming the field; the OpenAPI document is self-consistent."""

from __future__ import annotations

import json
from typing import Any

import pytest
from django.test import Client
from pydantic import BaseModel

from jxjy.api import api
from jxjy.core.bounds import MAX_PAGE, max_year, page_number, year_or_none
from jxjy.core.middleware import json_depth_exceeds

# --- the OpenAPI document ------------------------------------------------------------------------------


def _models() -> dict[str, set[type]]:
    by_name: dict[str, set[type]] = {}

    def walk(tp: Any) -> None:
        if isinstance(tp, type) and issubclass(tp, BaseModel):
            if tp in seen:
                return
            seen.add(tp)
            by_name.setdefault(tp.__name__, set()).add(tp)
            for field in tp.model_fields.values():
                walk(field.annotation)
        for arg in getattr(tp, "__args__", ()) or ():
            walk(arg)

    seen: set[type] = set()
    for _prefix, router in api._routers:
        for path_view in router.path_operations.values():
            for operation in path_view.operations:
                for model in operation.response_models.values():
                    walk(model)
                for model in operation.models:
                    walk(model)
    return by_name


def test_every_schema_component_has_its_own_name():
    clashes = {name: models for name, models in _models().items() if len(models) > 1
               and name not in ("Input", "QueryParams", "PathParams", "BodyParams", "FormParams", "FileParams")
               and not name.startswith(("Response", "Paged", "NinjaResponseSchema"))}
    assert not clashes, clashes


def test_every_reference_in_the_openapi_document_resolves(db):
    document = Client().get("/api/v1/openapi.json").json()

    def resolve(ref: str) -> Any:
        node: Any = document
        for part in ref.removeprefix("#/").split("/"):
            node = node[part]
        return node

    broken = []

    def walk(node: Any, where: str) -> None:
        if isinstance(node, dict):
            ref = node.get("$ref")
            if isinstance(ref, str):
                try:
                    resolve(ref)
                except (KeyError, TypeError):
                    broken.append(f"{where}: {ref}")
            for key, value in node.items():
                walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for n, value in enumerate(node):
                walk(value, f"{where}/{n}")

    walk(document, "#")
    assert not broken, broken
    check = document["paths"]["/api/v1/rulesets/{ruleset_id}/check"]["post"]
    assert check["requestBody"]["content"]["application/json"]["schema"]["properties"]["person"]


def test_the_three_roster_endpoints_are_documented_with_the_roster_schema(db):
    document = Client().get("/api/v1/openapi.json").json()
    schemas = document["components"]["schemas"]
    assert "name" in schemas["ClassEnrolmentOut"]["properties"]
    assert "course_id" in schemas["EnrolmentOut"]["properties"]


# --- request size and depth ------------------------------------------------------------------------------


class _Unreadable:
    """A wsgi.input that fails the test if anyone reads it."""

    def read(self, *args: Any) -> bytes:
        raise AssertionError("the body was read")

    readline = read


@pytest.mark.parametrize("path", ["/api/v1/rulesets/fuzhou-2009/check", "/api/v1/training/plans"])
def test_a_body_over_the_limit_answers_413_without_being_read(db, settings, path):
    settings.JXJY_MAX_BODY_BYTES = 1000
    client = Client()
    response = client.generic("POST", path, b"", content_type="application/json",
                              CONTENT_LENGTH="20000000", **{"wsgi.input": _Unreadable()})
    assert response.status_code == 413
    assert response.json()["field"] == "body"
    assert "请求内容过大" in response.json()["detail"]


def test_a_page_gets_the_413_as_html(db, settings):
    settings.JXJY_MAX_BODY_BYTES = 1000
    response = Client().generic("POST", "/accounts/login/", b"", content_type="application/x-www-form-urlencoded",
                                CONTENT_LENGTH="5000", **{"wsgi.input": _Unreadable()})
    assert response.status_code == 413
    assert "请求内容过大" in response.content.decode()
    assert response["Content-Type"].startswith("text/html")


def test_the_default_limit_is_the_django_upload_limit(db):
    body = b'{"a": "' + b"x" * (10 * 1024 * 1024 + 10) + b'"}'
    response = Client().post("/api/v1/rulesets/fuzhou-2009/check", body, content_type="application/json")
    assert response.status_code == 413


def test_json_nested_deeper_than_32_answers_422(db):
    deep = "[" * 100_000 + "]" * 100_000
    response = Client().post("/api/v1/rulesets/fuzhou-2009/check", deep, content_type="application/json")
    assert response.status_code == 422
    assert response.json()["field"] == "body"
    assert "嵌套" in response.json()["detail"]


def test_depth_counting_skips_strings():
    assert not json_depth_exceeds(json.dumps({"a": "[" * 100}).encode(), 32)
    assert not json_depth_exceeds(json.dumps([[[1]]] * 50).encode(), 32)
    assert json_depth_exceeds(b"[" * 33 + b"]" * 33, 32)
    assert not json_depth_exceeds(b"[" * 32 + b"]" * 32, 32)
    assert not json_depth_exceeds(json.dumps({"a": '\\"[[[' * 40}).encode(), 32)


# --- numbers at the API edge ----------------------------------------------------------------------------


def _field_422(response: Any, field: str) -> dict[str, Any]:
    assert response.status_code == 422, response.content
    body = response.json()
    fields = [e["field"] for e in body.get("errors", [])] or [body.get("field")]
    assert field in fields, body
    return body


def test_the_compliance_of_year_517_is_refused_naming_the_year(world, client_for):
    person = world.people["gl_doctor"]
    body = _field_422(client_for("hr_fuzhou").get(f"/api/v1/compliance/{person.pk}?year=517&cycle_end=910428288"),
                      "year")
    assert "1990" in json.dumps(body, ensure_ascii=False)


def test_a_cycle_end_far_away_is_refused_before_any_range_is_built(world, client_for):
    person = world.people["gl_doctor"]
    client = client_for("hr_fuzhou")
    _field_422(client.get(f"/api/v1/compliance/{person.pk}?year=2020&cycle_end=910428288"), "cycle_end")
    response = client.get(f"/api/v1/compliance/{person.pk}?year=2010&cycle_end={max_year()}")
    assert response.status_code == 400 and response.json()["field"] == "cycle_end"
    assert "10年" in response.json()["detail"]
    response = client.get(f"/api/v1/compliance/{person.pk}?year=2020&cycle_end=2018")
    assert response.status_code == 400 and response.json()["field"] == "cycle_end"


def test_a_year_after_next_year_is_refused(world, client_for):
    body = _field_422(client_for("hr_fuzhou").get(f"/api/v1/stats/dashboard?year={max_year() + 1}"), "year")
    assert body["errors"][0]["message"] == f"年度应在1990至{max_year()}年之间"


@pytest.mark.parametrize("path", ["/api/v1/professionals", "/api/v1/regions", "/api/v1/records",
                                  "/api/v1/training/classes", "/api/v1/online/courses", "/api/v1/ce-bases/"])
def test_a_huge_page_number_is_refused(world, client_for, path):
    body = _field_422(client_for("hr_fuzhou").get(path, {"page": 10**12}), "page")
    assert body["errors"][0]["message"] == f"应不大于{MAX_PAGE}"


@pytest.mark.parametrize("path", ["/api/v1/professionals/{}", "/api/v1/regions/{}", "/api/v1/certificates/{}",
                                  "/api/v1/training/classes/{}", "/api/v1/stats/reports/{}",
                                  "/api/v1/compliance/{}?year=2024"])
def test_a_huge_id_is_refused(world, client_for, path):
    field = {"regions": "region_id", "reports": "report_id", "compliance": "professional_id"}.get(
        path.split("/")[-2], "pk")
    _field_422(client_for("hr_fuzhou").get(path.format(10**30)), field)


def test_a_huge_id_in_a_body_is_refused(world, client_for):
    body = {"professional_ids": [1, 10**30]}
    _field_422(client_for("unit_gl_hospital").post("/api/v1/training/classes/1/enrolments/nominate", body,
                                                   content_type="application/json"), "professional_ids.1")


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity"])
def test_a_heartbeat_with_a_non_finite_number_is_refused(world, client_for, value):
    raw = '{"position": ' + value + ', "rate": 1.0}'
    body = _field_422(client_for("pro_gl_doctor").post("/api/v1/online/sessions/1/heartbeat", raw,
                                                       content_type="application/json"), "position")
    assert "有限数值" in body["errors"][0]["message"]


def test_a_schedule_half_day_over_four_hours_is_refused_before_the_database(world, client_for):
    half_day = {"date": "2026-05-04", "half_day": "am", "content": "课", "hours": "4.5", "teacher_name": "甲",
                "teacher_title": "教授", "teacher_unit": "大学"}
    response = client_for("provider_fz").post("/api/v1/training/classes", {"schedule": [half_day]},
                                              content_type="application/json")
    _field_422(response, "schedule.0.hours")
    half_day.update(hours="2", half_day="evening")
    response = client_for("provider_fz").post("/api/v1/training/classes", {"schedule": [half_day]},
                                              content_type="application/json")
    _field_422(response, "schedule.0.half_day")


def test_a_plan_with_an_unknown_class_type_is_a_422_not_a_500(world, client_for):
    item = {"name": "项目", "class_type": "party", "audience": "全体", "hours": "8", "trainees": 10,
            "budget_source": "财政"}
    response = client_for("provider_fz").post("/api/v1/training/plans", {"year": max_year() - 1, "items": [item]},
                                              content_type="application/json")
    assert response.status_code in (400, 422), response.content
    assert response.status_code != 500


# --- pages -------------------------------------------------------------------------------------------------


def test_page_query_strings_are_clamped():
    assert page_number(str(10**12)) == MAX_PAGE
    assert page_number("-3") == 1
    assert page_number("1e400") == 1
    assert page_number(None) == 1
    assert year_or_none("517") is None
    assert year_or_none("2024") == 2024
    assert year_or_none("9" * 5000) is None


@pytest.mark.parametrize("path", ["/people/", "/regions/", "/audit/"])
def test_list_pages_with_a_huge_page_number_do_not_fail(world, client_for, path):
    response = client_for("hr_fuzhou").get(path, {"page": "9" * 40, "year": "9" * 40})
    assert response.status_code in (200, 302, 404)
