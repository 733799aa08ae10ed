"""The API answers like the pages (404 outside the jurisdiction), and the statistics scope selects exactly
the professionals `jxjy.accounts.policy.restrict` lets each role see."""

from __future__ import annotations

from typing import Any

import pytest

from jxjy.accounts.policy import restrict
from jxjy.core.testing import World
from jxjy.people.models import Professional
from jxjy.stats.scope import scope_for

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("user", ["hr_province", "hr_fuzhou", "hr_gulou", "hr_quanzhou", "auth_fz_health",
                                  "unit_gl_hospital", "unit_tj_company", "admin"])
def test_the_statistics_scope_is_the_jurisdiction_of_restrict(world: World, user: str) -> None:
    actor = world.users[user]
    scope = scope_for(actor)
    mine = set(Professional.objects.filter(scope.people_q()).values_list("pk", flat=True))
    allowed = set(restrict(Professional.objects.all(), actor).values_list("pk", flat=True))
    assert mine == allowed


def test_the_api_creates_a_report_and_hides_others(world: World, stats_data: Any, client_for: Any) -> None:
    fuzhou = client_for("hr_fuzhou")
    response = fuzhou.post("/api/v1/stats/reports", {"year": 2025}, content_type="application/json")
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["status"] == "done" and body["result"]["headline"]["hours"] == 102.0
    assert fuzhou.get(f"/api/v1/stats/reports/{body['id']}").status_code == 200
    assert client_for("hr_quanzhou").get(f"/api/v1/stats/reports/{body['id']}").status_code == 404
    assert fuzhou.post("/api/v1/stats/reports", {"year": 2025, "region": "350500"},
                       content_type="application/json").status_code == 404
    assert fuzhou.post("/api/v1/stats/reports", {"year": 2999}, content_type="application/json").status_code == 422


def test_the_api_dashboard_figures_stay_in_the_subtree(world: World, stats_data: Any, client_for: Any) -> None:
    client_for("hr_province").post("/api/v1/stats/reports", {"year": 2025}, content_type="application/json")
    data = client_for("hr_fuzhou").get("/api/v1/stats/dashboard", {"year": 2025}).json()
    assert [r["name"] for r in data["compliance"]] == ["鼓楼区", "台江区"]
    assert [(r["name"], r["hours"]) for r in data["providers"]] == [("福州市继续教育基地", 102.0)]
    assert sum(m["classes"] for m in data["months"]) == 2
    assert data["hours"]["years"] == [2021, 2022, 2023, 2024, 2025]
    assert data["hours"]["subjects"] == {"专业科目": [0, 0, 0, 40.0, 78.0], "公需科目": [0, 0, 0, 0, 24.0]}
    assert data["hours"]["forms"] == {"远程/网络教育": [0, 0, 0, 0, 24.0], "集中培训": [0, 0, 0, 40.0, 78.0]}
    assert client_for("hr_fuzhou").get("/api/v1/stats/dashboard", {"year": 2025, "region": "350000"}).status_code == 404
