"""待办 on the home page of units, bureaus and professionals (issue 15 item 3), counted from stored
standings and verification batches: 泉洛政人社[2017]27号 二（一） (验证花名册), 榕人专〔2009〕145号 三."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jxjy.core.testing import World, make_professional
from jxjy.core.worklist import todo_for
from jxjy.records.services.standings import standings_refresh
from jxjy.records.services.verification import verification_batch_create, verification_batch_submit

pytestmark = pytest.mark.django_db
LAST_YEAR = timezone.localdate().year - 1


def _todo(user: Any) -> dict[str, int]:
    return {item.label: item.count for item in todo_for(user)}


def test_a_unit_sees_its_people_short_of_hours_and_last_years_roster_to_submit(world: World, client_for: Any) -> None:
    """The unit's people without enough hours, from the stored standings of last year, and the roster
    due by the end of February (泉洛政人社[2017]27号 二（一）)."""
    second = make_professional(world.gl_hospital, "王护士", title=world.titles["主治医师"])
    standings_refresh(professional_ids=[world.people["gl_doctor"].pk, second.pk, world.people["tj_engineer"].pk],
                      years=[LAST_YEAR], reason="测试")
    unit = world.users["unit_gl_hospital"]
    todo = _todo(unit)
    assert todo[f"本单位学时未达标人员（{LAST_YEAR}年度）"] == 2  # not 台江's engineer
    assert todo[f"{LAST_YEAR}年度验证花名册待报送"] == 1
    page = client_for("unit_gl_hospital").get("/").content.decode()
    assert f"/people/?year={LAST_YEAR}&amp;verdict=short" in page and "暂无" not in page
    batch = verification_batch_create(actor=unit, year=LAST_YEAR)
    verification_batch_submit(actor=unit, batch=batch)
    assert f"{LAST_YEAR}年度验证花名册待报送" not in _todo(unit)


def test_the_verifying_bureau_sees_submitted_batches_and_a_bureau_outside_does_not(world: World) -> None:
    """Intermediate titles are verified by the city bureau (榕人专〔2009〕145号 三)."""
    unit = world.users["unit_gl_hospital"]
    batch = verification_batch_create(actor=unit, year=LAST_YEAR, deadline=timezone.localdate() + dt.timedelta(days=30))
    verification_batch_submit(actor=unit, batch=batch)
    verifier = batch.entries.get().reviewer_bureau
    officer = next(u for u in world.users.values() if u.hr_bureau_id == verifier.pk)
    assert _todo(officer)["验证批次待验证"] == 1
    assert "验证批次待验证" not in _todo(world.users["hr_quanzhou"])


def test_a_professional_short_of_hours_is_told_how_much_is_missing(world: World, client_for: Any) -> None:
    this_year = timezone.localdate().year
    standings_refresh(professional_ids=[world.people["gl_doctor"].pk], years=[this_year], reason="测试")
    [item] = [i for i in todo_for(world.users["pro_gl_doctor"]) if i.label == "本年度继续教育尚未达标"]
    assert item.hint.startswith("还差") and item.url == "/records/"
    assert "本年度继续教育尚未达标" in client_for("pro_gl_doctor").get("/").content.decode()


def test_a_units_home_page_costs_the_same_queries_however_many_people_are_short(world: World, client_for: Any) -> None:
    client = client_for("unit_gl_hospital")
    standings_refresh(professional_ids=[world.people["gl_doctor"].pk], years=[LAST_YEAR], reason="测试")
    client.get("/")  # warms the caches (rule sets, the session's refresh) so that the two below compare
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    more = [make_professional(world.gl_hospital, f"人员{i}", title=world.titles["主治医师"]) for i in range(6)]
    standings_refresh(professional_ids=[p.pk for p in more], years=[LAST_YEAR], reason="测试")
    with CaptureQueriesContext(connection) as many:
        client.get("/")
    assert _todo(world.users["unit_gl_hospital"])[f"本单位学时未达标人员（{LAST_YEAR}年度）"] == 7
    assert len(many.captured_queries) == len(few.captured_queries) <= 40
