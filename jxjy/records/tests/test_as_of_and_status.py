"""The verdict as it stood on a past day (as_of: records recognised by the end of that day in
Asia/Shanghai and not revoked by then, the region the person was in then), and the status read at
interactive speed from one stored standing. The documents are silent on both: policy choices."""

from __future__ import annotations

import datetime as dt
import io
import json
from zoneinfo import ZoneInfo

import pytest
from django.core.management import call_command
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.core.testing import make_user
from jxjy.people.services.transfers import transfer_release, transfer_request
from jxjy.records.compliance import annual, compliance_as_of
from jxjy.records.models import LearningRecord, Standing
from jxjy.records.services.revocation import learning_records_revoke
from jxjy.records.services.standings import standings_refresh

from .helpers import recognised

pytestmark = pytest.mark.django_db
SH = ZoneInfo("Asia/Shanghai")


def recognised_on(person, moment: dt.datetime, hours: float, learnt: dt.date) -> LearningRecord:
    record = recognised(person, learnt, hours=hours)
    LearningRecord.objects.filter(pk=record.pk).update(recognised_at=moment)  # when the review ended
    record.refresh_from_db()
    return record


def verdict_on(person, day: dt.date, year: int = 2025):
    return compliance_as_of(professional=person, purpose=annual(year), day=day)


def test_a_record_recognised_after_the_day_does_not_count_on_that_day_榕人专2009_145号_一(world):
    person = world.people["tj_engineer"]  # 福州: 72 学时 a year
    recognised_on(person, dt.datetime(2025, 3, 10, 9, tzinfo=SH), 40, dt.date(2025, 3, 1))
    recognised_on(person, dt.datetime(2025, 8, 1, 0, 10, tzinfo=SH), 32, dt.date(2025, 7, 20))  # 7-31 16:10 UTC
    before, on = verdict_on(person, dt.date(2025, 7, 31)), verdict_on(person, dt.date(2025, 8, 1))
    assert not before.compliant and before.verdict["requirements"][0]["counted"] == 40
    assert on.compliant and on.verdict["requirements"][0]["counted"] == 72
    assert Standing.objects.get(professional=person, start_year=2025).verdict == "met"  # today's, stored


def test_a_record_revoked_after_the_day_still_counted_on_that_day(world):
    person = world.people["tj_engineer"]
    record = recognised_on(person, dt.datetime(2025, 3, 10, 9, tzinfo=SH), 72, dt.date(2025, 3, 1))
    learning_records_revoke(actor=world.users["hr_fuzhou"], records=[record], reason="培训班弄虚作假",
                            at=dt.datetime(2025, 10, 1, 9, tzinfo=SH))
    assert verdict_on(person, dt.date(2025, 9, 30)).compliant
    assert not verdict_on(person, dt.date(2025, 10, 1)).compliant
    assert Standing.objects.get(professional=person, start_year=2025).verdict == "short"


def test_a_later_move_is_not_applied_to_the_verdict_of_an_earlier_day(world):
    # 福州 72 学时 (榕人专〔2009〕145号 一) until the move; 洛江 90 学时 (泉洛政人社[2017]27号 一（三）1)
    person = world.people["tj_engineer"]
    recognised_on(person, dt.datetime(2025, 5, 2, 9, tzinfo=SH), 72, dt.date(2025, 5, 1))
    lj_admin = make_user("unit_lj", Role.UNIT_ADMIN, employer_unit=world.lj_hospital, region=world.luojiang)
    transfer = transfer_request(actor=lj_admin, id_number=person.id_number, name=person.name,
                                effective_on=dt.date(2025, 9, 1))
    transfer_release(actor=world.users["unit_tj_company"], transfer=transfer)
    then = verdict_on(person, dt.date(2025, 8, 31))
    assert (then.ruleset_id, then.judged_region, then.compliant) == ("fuzhou-2009", world.taijiang, True)
    later = verdict_on(person, dt.date(2025, 9, 1))
    assert (later.ruleset_id, later.judged_region, later.compliant) == ("quanzhou-luojiang-2017", world.luojiang, False)
    assert Standing.objects.get(professional=person, start_year=2025).ruleset_id == "quanzhou-luojiang-2017"


@pytest.mark.parametrize("day", ["2999-01-01", "1989-12-31"])
def test_the_api_refuses_an_as_of_in_the_future_or_before_1990_naming_the_field(world, client_for, day):
    person = world.people["tj_engineer"]
    response = client_for("hr_fuzhou").get(f"/api/v1/compliance/{person.pk}", {"year": 2025, "as_of": day})
    assert response.status_code == 422
    assert response.json()["errors"][0]["field"] == "as_of"
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    response = client_for("hr_fuzhou").get(f"/api/v1/compliance/{person.pk}", {"year": 2025, "as_of": tomorrow})
    assert response.status_code == 422 and response.json()["errors"][0]["message"] == "查询日期不能晚于今天"


def test_the_api_gives_the_verdict_of_that_day_from_the_engine(world, client_for):
    person = world.people["tj_engineer"]
    first = recognised_on(person, dt.datetime(2025, 3, 10, 9, tzinfo=SH), 40, dt.date(2025, 3, 1))
    recognised_on(person, dt.datetime(2025, 9, 10, 9, tzinfo=SH), 32, dt.date(2025, 9, 1))
    body = client_for("hr_fuzhou").get(f"/api/v1/compliance/{person.pk}",
                                       {"year": 2025, "as_of": "2025-06-30"}).json()
    assert (body["source"], body["compliant"], body["record_ids"], body["as_of"]) == (
        "engine", False, [first.pk], "2025-06-30")
    assert body["judged_region_id"] == world.taijiang.pk and body["ruleset"] == "fuzhou-2009"


@pytest.mark.parametrize("records", [1, 20])
def test_the_status_api_reads_one_stored_standing_in_a_fixed_number_of_queries(
        world, client_for, django_assert_max_num_queries, records):
    person = world.people["tj_engineer"]
    for i in range(records):
        recognised(person, dt.date(2025, 1 + i % 12, 1 + i % 28), hours=4)
    client = client_for("hr_fuzhou")
    client.get(f"/api/v1/compliance/{person.pk}", {"year": 2025})  # session warmed
    with django_assert_max_num_queries(5):  # session, user, the person in scope (+ region), the standing
        body = client.get(f"/api/v1/compliance/{person.pk}", {"year": 2025}).json()
    stored = Standing.objects.get(professional=person, start_year=2025)
    assert (body["source"], body["verdict_code"], body["ruleset"]) == ("standing", stored.verdict, "fuzhou-2009")
    assert body["verdict"]["requirements"] == stored.requirements
    explained = client.get(f"/api/v1/compliance/{person.pk}", {"year": 2025, "explain": "true"}).json()
    assert explained["source"] == "engine" and len(explained["record_ids"]) == records
    assert explained["compliant"] == body["compliant"]
    assert [(r["id"], r["counted"], r["shortfall"]) for r in explained["verdict"]["requirements"]] == [
        (r["id"], r["counted"], r["shortfall"]) for r in body["verdict"]["requirements"]]


def test_the_status_api_is_scoped_like_everything_else(world, client_for):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 4, 1), hours=72)
    assert client_for("unit_gl_hospital").get(f"/api/v1/compliance/{person.pk}", {"year": 2025}).status_code == 404
    assert client_for("hr_quanzhou").get(f"/api/v1/compliance/{person.pk}",
                                         {"year": 2025, "as_of": "2025-06-01"}).status_code == 404


@pytest.mark.parametrize("records", [1, 10])
def test_the_certificate_page_reads_the_stored_standing_in_a_fixed_number_of_queries(
        world, client_for, django_assert_max_num_queries, records):
    person = world.people["gl_doctor"]
    for i in range(records):
        recognised(person, dt.date(timezone.localdate().year, 1 + i % 11, 2), hours=None, credits=3)
    client = client_for("pro_gl_doctor")
    client.get("/records/")
    with django_assert_max_num_queries(22):
        response = client.get("/records/")
    assert response.status_code == 200 and 'id="standing-source"' in response.content.decode()
    assert 'id="explain-link"' in response.content.decode()  # the engine's explanation only on demand


def test_the_explanation_on_the_certificate_page_agrees_with_the_stored_standing(world, client_for):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 3, 1), hours=40, subject="public", course="公需课")  # public ≤ 1/3 of 72
    recognised(person, dt.date(2025, 4, 1), hours=40)
    html = client_for("hr_fuzhou").get(f"/records/people/{person.pk}/", {"year": 2025, "explain": "1"}).content.decode()
    assert 'id="explanation"' in html and "已存的达标情况与即时计算不一致" not in html
    assert "未计入" in html and "榕人专〔2009〕145号" in html
    from jxjy.records.views import explanation_agrees
    explained = compliance_as_of(professional=person, purpose=annual(2025), day=timezone.localdate())
    assert explanation_agrees(Standing.objects.get(professional=person, start_year=2025), explained.verdict)


def test_the_certificate_page_shows_which_rule_set_judged_which_year_and_the_as_of_verdict(world, client_for):
    person = world.people["tj_engineer"]
    recognised_on(person, dt.datetime(2024, 5, 2, 9, tzinfo=SH), 72, dt.date(2024, 5, 1))
    lj_admin = make_user("unit_lj", Role.UNIT_ADMIN, employer_unit=world.lj_hospital, region=world.luojiang)
    transfer = transfer_request(actor=lj_admin, id_number=person.id_number, name=person.name,
                                effective_on=dt.date(2025, 2, 1))
    transfer_release(actor=world.users["unit_tj_company"], transfer=transfer)
    html = client_for("hr_province").get(f"/records/people/{person.pk}/", {"year": 2024}).content.decode()
    table = html[html.index('id="judged-years"'):]
    assert "<td>2024</td><td>台江区</td><td>fuzhou-2009</td>" in table
    assert "<td>2025</td><td>洛江区</td><td>quanzhou-luojiang-2017</td>" in table
    html = client_for("hr_province").get(f"/records/people/{person.pk}/",
                                         {"year": 2024, "as_of": "2024-05-01"}).content.decode()
    assert "截至 2024-05-01" in html and "未达标" in html  # recognised only on 2 May
    html = client_for("hr_province").get(f"/records/people/{person.pk}/",
                                         {"year": 2024, "as_of": "2999-01-01"}).content.decode()
    assert "查询日期不能晚于今天" in html


def test_the_command_prints_the_verdict_of_that_day(world):
    person = world.people["tj_engineer"]
    recognised_on(person, dt.datetime(2025, 3, 10, 9, tzinfo=SH), 72, dt.date(2025, 3, 1))
    out = io.StringIO()
    call_command("standings", "as-of", "--as-of", "2025-03-10", "--year", "2025", "--professional", str(person.pk),
                 stdout=out)
    body = json.loads(out.getvalue())
    assert (body["compliant"], body["ruleset"], body["judged_region"]) == (True, "fuzhou-2009", "350103")
    with pytest.raises(SystemExit) as exit_:
        call_command("standings", "as-of", "--as-of", "2025-03-09", "--year", "2025", "--id-number", person.id_number,
                     stdout=io.StringIO())
    assert exit_.value.code == 1


def test_refresh_after_a_region_rule_set_change_is_what_the_page_shows(world):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 4, 1), hours=72)
    world.fuzhou.ruleset_id = "changzhou-2011"
    world.fuzhou.save()
    standings_refresh(professional_ids=[person.pk], reason="规则集变更")
    assert Standing.objects.get(professional=person, start_year=2025).ruleset_id == "changzhou-2011"
