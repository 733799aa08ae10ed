"""Sampling (河南 2012 五（二） 抽样统计) and assessments (常人社发〔2011〕11号 第十八条—第二十四条)
through the API: every operation of their pages, called by another system with a token."""

from __future__ import annotations

import pytest
from django.test import Client

from jxjy.core.testing import World, make_unit
from jxjy.stats.choices import AUTHORITY_ITEMS, UNIT_ITEMS
from jxjy.stats.models import Assessment, SampleItem
from jxjy.tokens.services import token_create

pytestmark = pytest.mark.django_db


def _client(world: World, user: str, *scopes: str) -> Client:
    _, secret = token_create(actor=world.users[user], name="统计对接", scopes=list(scopes) or ["stats:write"])
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_sample_is_drawn_listed_read_and_its_results_recorded_through_the_api(world: World) -> None:
    """河南 2012 五（二）: a reproducible stratified draw; each check's result recorded with its finding."""
    for i in range(8):
        make_unit(world.gulou, f"鼓楼单位{i}")
    api = _client(world, "hr_province")
    drawn = api.post("/api/v1/stats/sampling", {"kind": "unit", "year": 2025, "size": 4, "seed": 4242},
                     content_type="application/json")
    assert drawn.status_code == 201, drawn.content
    sample = drawn.json()
    assert sample["size"] == 4 and sample["seed"] == 4242 and len(sample["items"]) == 4
    again = api.post("/api/v1/stats/sampling", {"kind": "unit", "year": 2025, "size": 4, "seed": 4242},
                     content_type="application/json").json()
    assert [i["target"] for i in again["items"]] == [i["target"] for i in sample["items"]]  # the seed reproduces
    listed = api.get("/api/v1/stats/sampling").json()
    assert {s["id"] for s in listed["items"]} == {sample["id"], again["id"]}
    item = sample["items"][0]
    refused = api.post(f"/api/v1/stats/sampling/items/{item['id']}/result", {"result": "failed"},
                       content_type="application/json")
    assert refused.status_code == 400 and refused.json()["field"] == "finding"
    recorded = api.post(f"/api/v1/stats/sampling/items/{item['id']}/result",
                        {"result": "failed", "finding": "未建立继续教育登记制度"}, content_type="application/json")
    assert recorded.status_code == 200 and recorded.json()["result"] == "failed"
    assert SampleItem.objects.get(pk=item["id"]).finding == "未建立继续教育登记制度"
    detail = api.get(f"/api/v1/stats/sampling/{sample['id']}").json()
    assert detail["items"][0]["result"] == "failed"
    bad = api.post("/api/v1/stats/sampling", {"kind": "unit", "year": 2025, "size": 501},
                   content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "size"


def test_samples_outside_the_jurisdiction_are_404_and_reading_needs_only_read_scope(world: World) -> None:
    drawn = _client(world, "hr_fuzhou").post("/api/v1/stats/sampling", {"kind": "unit", "year": 2025, "size": 2},
                                             content_type="application/json").json()
    outsider = _client(world, "hr_quanzhou", "stats:read")
    assert outsider.get(f"/api/v1/stats/sampling/{drawn['id']}").status_code == 404
    reader = _client(world, "hr_fuzhou", "stats:read")
    assert reader.get(f"/api/v1/stats/sampling/{drawn['id']}").status_code == 200
    assert reader.post("/api/v1/stats/sampling", {"kind": "unit", "year": 2025, "size": 2},
                       content_type="application/json").status_code == 403


def test_an_authority_check_is_recorded_published_and_commended_through_the_api_第十八条_第十九条_第二十条(
    world: World,
) -> None:
    api = _client(world, "hr_fuzhou")
    items = {code: {"passed": True, "note": ""} for code, _ in AUTHORITY_ITEMS}
    items["plan_filed"] = {"passed": False, "note": "未制定本行业专业科目培训计划并报送备案"}
    created = api.post("/api/v1/stats/assessments", {"kind": "authority", "year": 2025, "target_id": world.fz_health.pk,
                                                     "items": items}, content_type="application/json")
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["outcome"] == "notified" and "第十九条" in body["notice_text"] and body["target"] == "福州市卫健委"
    published = api.post(f"/api/v1/stats/assessments/{body['id']}/publish")
    assert published.status_code == 200 and published.json()["published_at"]
    assert api.post(f"/api/v1/stats/assessments/{body['id']}/publish").status_code == 409
    listed = api.get("/api/v1/stats/assessments?year=2025").json()
    assert [a["id"] for a in listed["items"]] == [body["id"]]
    passed = api.post("/api/v1/stats/assessments", {
        "kind": "authority", "year": 2024, "target_id": world.fz_health.pk,
        "items": {code: {"passed": True} for code, _ in AUTHORITY_ITEMS}}, content_type="application/json").json()
    commended = api.post(f"/api/v1/stats/assessments/{passed['id']}/commendations",
                         {"article": "art20", "reason": "继续教育工作成绩显著"}, content_type="application/json")
    assert commended.status_code == 201 and commended.json()["article"] == "art20"


def test_a_unit_check_needs_every_item_and_a_stated_quota_cut_when_failed_第二十二条_第二十三条(world: World) -> None:
    api = _client(world, "hr_gulou")
    items = {code: {"passed": True} for code, _ in UNIT_ITEMS}
    incomplete = {k: v for k, v in items.items() if k != "funding"}
    missing = api.post("/api/v1/stats/assessments", {"kind": "unit", "year": 2025, "target_id": world.gl_hospital.pk,
                                                     "items": incomplete}, content_type="application/json")
    assert missing.status_code == 400 and "继续教育经费落实及使用情况" in missing.json()["detail"]
    failed = {**items, "funding": {"passed": False, "note": "继续教育经费未落实"}}
    cut = api.post("/api/v1/stats/assessments", {"kind": "unit", "year": 2025, "target_id": world.gl_hospital.pk,
                                                 "items": failed, "quota_cut_percent": "1.5"},
                   content_type="application/json")
    assert cut.status_code == 201 and cut.json()["outcome"] == "failed" and cut.json()["quota_cut_percent"] == "1.5"
    outside = api.post("/api/v1/stats/assessments", {"kind": "unit", "year": 2025, "target_id": world.lj_hospital.pk,
                                                     "items": items}, content_type="application/json")
    assert outside.status_code == 404
    assert Assessment.objects.count() == 1
    assert _client(world, "hr_quanzhou").get(f"/api/v1/stats/assessments/{cut.json()['id']}").status_code == 404
