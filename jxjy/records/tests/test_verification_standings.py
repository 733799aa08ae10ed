"""Annual verification reads the stored standing (达标情况) of the batch year: the proposed outcome
follows it, and a person short of the year's requirement is marked 验证通过 only with a recorded
exemption or the officer's reason, stored and audited (泉洛政人社[2017]27号 二). The world's 福州
people are under 榕人专〔2009〕145号: 72 学时 a year; 陈工 (intermediate) is decided by the city bureau."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal

import pytest
from django.db import IntegrityError, connection, transaction
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError
from jxjy.core.testing import make_professional
from jxjy.records.models import Standing, StandingVerdict, VerificationEntry
from jxjy.records.services import (
    verification_batch_create,
    verification_batch_submit,
    verification_direct,
    verification_entry_decide,
    verification_exemption_record,
)
from jxjy.records.services.verification import OverrideRequired

from .helpers import full_year, recognised

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def submitted_entry(world, person):
    unit = world.users["unit_tj_company"]
    batch = verification_batch_create(actor=unit, year=YEAR, deadline=timezone.localdate())
    verification_batch_submit(actor=unit, batch=batch)
    return batch, batch.entries.get(professional=person)


@pytest.fixture
def short_engineer(world):
    """陈工 has 60 of the year's 72 学时: short by 12 (榕人专〔2009〕145号 一)."""
    person = world.people["tj_engineer"]
    recognised(person, dt.date(YEAR, 5, 10), hours=60)
    return person


def test_a_short_person_is_not_verified_without_an_exemption_or_a_reason(world, short_engineer):
    """泉洛政人社[2017]27号 二: verification records whether the year's hours were completed."""
    _batch, entry = submitted_entry(world, short_engineer)
    with pytest.raises(OverrideRequired, match="未达标（差 12 学时）") as refused:
        verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entry, verified=True)
    assert refused.value.field == "override_reason" and refused.value.status == 422
    entry.refresh_from_db()
    assert entry.outcome == "pending" and entry.stamp_name == ""


def test_a_short_person_is_verified_with_the_officers_reason_stored_and_audited(world, short_engineer):
    _batch, entry = submitted_entry(world, short_engineer)
    done = verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entry, verified=True,
                                     override_reason="因抗洪抢险脱产三个月，经局务会研究同意")
    done.refresh_from_db()
    assert done.outcome == "verified" and done.stamp_name == "福州市人社局继续教育专用章"
    assert (done.standing_verdict, done.standing_shortfall) == ("short", Decimal("12.0"))
    assert done.override_reason == "因抗洪抢险脱产三个月，经局务会研究同意"
    event = AuditEvent.objects.get(object_type__endswith="verificationentry", object_id=str(done.pk), action="transition")
    assert "未达标（差 12 学时）" in event.message and "因抗洪抢险脱产三个月" in event.message
    assert event.after["override_reason"] == "因抗洪抢险脱产三个月，经局务会研究同意"


def test_a_short_person_is_verified_on_an_exemption_covering_the_year_only(world, short_engineer):
    """长期外出培训、病假等特殊情况（且不超2年） (泉洛政人社[2017]27号 二（三）2)."""
    _batch, entry = submitted_entry(world, short_engineer)
    hr = world.users["hr_fuzhou"]
    earlier = verification_exemption_record(actor=hr, professional=short_engineer, reason="sick_leave",
                                            first_year=YEAR - 2, last_year=YEAR - 2)
    with pytest.raises(ApplicationError, match="不涵盖") as wrong:
        verification_entry_decide(actor=hr, entry=entry, verified=True, exemption=earlier)
    assert wrong.value.field == "exemption"
    covering = verification_exemption_record(actor=hr, professional=short_engineer, reason="long_training_away",
                                             first_year=YEAR, last_year=YEAR)
    done = verification_entry_decide(actor=hr, entry=entry, verified=True, exemption=covering)
    assert done.outcome == "verified" and done.exemption == covering and done.override_reason == ""


def test_the_proposed_outcome_follows_the_standing(world, short_engineer):
    met = make_professional(world.tj_company, "达标者", title=world.titles["工程师"])
    full_year(met, YEAR)
    batch, short_entry = submitted_entry(world, short_engineer)
    hr = world.users["hr_fuzhou"]
    verified = verification_entry_decide(actor=hr, entry=batch.entries.get(professional=met))
    assert verified.outcome == "verified" and verified.standing_verdict == "met"
    refused = verification_entry_decide(actor=hr, entry=short_entry)
    assert refused.outcome == "not_verified" and refused.reason == f"{YEAR}年度继续教育未达标（差 12 学时）"
    [owed] = short_engineer.make_up_obligations.all()  # the shortfall carries over (常人社发〔2011〕11号 第十三条)
    assert owed.year == YEAR and owed.shortfall == 12


def test_the_decision_reads_the_stored_standing(world, short_engineer):
    """Changing only the stored standing changes what the decision allows, which proves it reads it."""
    _batch, entry = submitted_entry(world, short_engineer)
    Standing.objects.filter(professional=short_engineer, kind="annual", start_year=YEAR).update(
        verdict=StandingVerdict.MET, shortfall=0)
    done = verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entry, verified=True)
    assert done.outcome == "verified" and done.standing_verdict == "met" and done.override_reason == ""


def test_a_record_recognised_after_submission_counts_at_the_decision(world, short_engineer):
    _batch, entry = submitted_entry(world, short_engineer)
    assert entry.summary["verdict"] == "short"
    recognised(short_engineer, dt.date(YEAR, 9, 1), hours=12)
    done = verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entry, verified=True)
    assert done.standing_verdict == "met" and done.summary["verdict"] == "met"


def test_the_database_refuses_a_verified_short_entry_without_exemption_or_reason(world, short_engineer):
    _batch, entry = submitted_entry(world, short_engineer)
    with pytest.raises(IntegrityError), transaction.atomic():
        VerificationEntry.objects.filter(pk=entry.pk).update(
            outcome="verified", stamp_name="章", stamped_by=world.users["hr_fuzhou"], stamped_on=timezone.localdate(),
            standing_verdict="short")


def test_direct_verification_records_the_standing_and_its_basis(world):
    """调训验证 (泉洛政人社[2017]27号 二（二）): the bureau's class is the basis, whatever the year's standing."""
    person = world.people["tj_engineer"]
    record = recognised(person, dt.date(YEAR, 6, 1), hours=24, subject="public", course="初任班")
    [entry] = verification_direct(actor=world.users["hr_fuzhou"], source_ref=record.source_ref, people=[person])
    assert entry.standing_verdict == "short" and entry.standing_shortfall == Decimal("48.0")
    assert "调训验证" in entry.override_reason and entry.summary["record_ids"] == [record.pk]


# --- Page and API ---------------------------------------------------------------------------------
def _roster_with(world, n: int):
    people = [make_professional(world.tj_company, f"员工{i}", title=world.titles["工程师"]) for i in range(n)]
    for p in people[::2]:
        full_year(p, YEAR)
    unit = world.users["unit_tj_company"]
    batch = verification_batch_create(actor=unit, year=YEAR, deadline=timezone.localdate())
    verification_batch_submit(actor=unit, batch=batch)
    return batch


def _page_queries(client, batch) -> tuple[int, str]:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(f"/records/verification/{batch.pk}/")
    assert response.status_code == 200
    return len(ctx.captured_queries), response.content.decode()


def test_the_batch_page_shows_each_standing_and_warns_before_approving_a_short_person(world, client_for, short_engineer):
    batch, _entry = submitted_entry(world, short_engineer)
    _n, html = _page_queries(client_for("hr_fuzhou"), batch)
    assert "未达标（差 12 学时）" in html
    assert "验证通过须选择延期情形或填写理由" in html and 'name="override_reason"' in html
    assert 'data-short="陈工' in html and "records/decide.js" in html
    assert '<option value="reject" selected>' in html  # proposed: not verified


def test_the_batch_page_costs_the_same_queries_for_3_or_12_people(world, client_for):
    from jxjy.records.models import VerificationBatch

    small = _roster_with(world, 3)
    client = client_for("hr_fuzhou")
    few, _ = _page_queries(client, small)
    VerificationEntry.objects.filter(batch=small).delete()
    VerificationBatch.objects.filter(pk=small.pk).delete()
    big = _roster_with(world, 12)
    many, html = _page_queries(client, big)
    assert few == many
    # the unit's 16 staff: the first 3, the next 12 (every other one with 72 学时) and 陈工 without records
    assert html.count('<span class="badge bad">未达标（差 72 学时）</span>') == 1 + 6 + 1
    assert html.count('<span class="badge ok">达标</span>') == 2 + 6


def test_the_decide_api_refuses_a_short_person_with_422_naming_the_field_then_accepts_a_reason(
        world, client_for, short_engineer):
    _batch, entry = submitted_entry(world, short_engineer)
    client = client_for("hr_fuzhou")
    url = f"/api/v1/verifications/entries/{entry.pk}/decide"
    refused = client.post(url, json.dumps({"verified": True}), content_type="application/json")
    assert refused.status_code == 422 and refused.json()["field"] == "override_reason"
    assert "未达标（差 12 学时）" in refused.json()["detail"] and refused.json()["extra"]["shortfall"] == 12.0
    ok = client.post(url, json.dumps({"verified": True, "override_reason": "经核实另有外省学时证明"}),
                     content_type="application/json")
    assert ok.status_code == 200, ok.json()
    assert ok.json()["standing_verdict"] == "short" and ok.json()["override_reason"] == "经核实另有外省学时证明"
    again = client.post(url, json.dumps({"verified": False, "reason": "x"}), content_type="application/json")
    assert again.status_code == 409


def test_the_roster_api_lists_each_standing_and_the_proposed_outcome(world, client_for, short_engineer):
    batch, entry = submitted_entry(world, short_engineer)
    [row] = client_for("hr_fuzhou").get(f"/api/v1/verifications/batches/{batch.pk}/entries").json()
    assert (row["id"], row["current_verdict"], row["current_shortfall"], row["standing_label"]) == (
        entry.pk, "short", 12.0, "未达标（差 12 学时）")
    assert row["proposed_verified"] is False and row["proposed_reason"].endswith("差 12 学时）")
