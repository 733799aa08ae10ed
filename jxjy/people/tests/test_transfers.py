"""Transfers (人员调动) and the dated history of unit and region they leave behind. The documents
say nothing about moves between regions; the workflow and the year-end rule are policy choices
(records/README.md "Which region judges a year")."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.core.testing import make_user
from jxjy.people.identity import make_identity_number
from jxjy.people.models import Placement, Transfer, TransferStatus
from jxjy.people.services import professional_create, professional_update
from jxjy.people.services.transfers import (
    transfer_cancel,
    transfer_refuse,
    transfer_release,
    transfer_request,
)
from jxjy.records.models import Standing, StandingVerdict
from jxjy.records.tests.helpers import recognised

pytestmark = pytest.mark.django_db


@pytest.fixture
def lj_admin(world):
    return make_user("unit_lj_hospital", Role.UNIT_ADMIN, employer_unit=world.lj_hospital, region=world.luojiang)


def standing(person, year):
    return Standing.objects.get(professional=person, kind="annual", start_year=year, end_year=year)


def request_engineer(world, lj_admin, **kw):
    person = world.people["tj_engineer"]
    return transfer_request(actor=lj_admin, id_number=person.id_number, name=person.name, **kw)


def test_a_person_registered_through_the_service_has_an_open_placement_from_the_start_of_history(world):
    person = professional_create(actor=world.users["unit_tj_company"], name="新人", id_number=make_identity_number("350103", dt.date(1990, 1, 1), 7, "M"),
                                 unit=world.tj_company, series="general")
    [placement] = Placement.objects.filter(professional=person)
    assert (placement.unit_id, placement.region_id, placement.valid_from, placement.valid_to) == (
        world.tj_company.pk, world.taijiang.pk, dt.date(1990, 1, 1), None)


def test_a_unit_change_by_update_closes_the_old_placement_today_and_opens_the_new_one(world):
    person = world.people["tj_engineer"]  # built without history: the old placement is filled in
    professional_update(actor=None, professional=person, unit=world.lj_hospital)
    today = timezone.localdate()
    assert list(Placement.objects.filter(professional=person).values_list("region_id", "valid_from", "valid_to")) == [
        (world.taijiang.pk, dt.date(1990, 1, 1), today), (world.luojiang.pk, today, None)]


def test_the_new_units_administrator_requests_and_the_old_unit_releases(world, lj_admin):
    person = world.people["tj_engineer"]
    transfer = request_engineer(world, lj_admin, effective_on=dt.date(2025, 3, 1), note="引进")
    assert (transfer.status, transfer.from_unit_id, transfer.to_region_id) == (
        TransferStatus.REQUESTED, world.tj_company.pk, world.luojiang.pk)
    person.refresh_from_db()
    assert person.unit_id == world.tj_company.pk  # nothing moves before the release
    transfer_release(actor=world.users["unit_tj_company"], transfer=transfer)
    transfer.refresh_from_db()
    person.refresh_from_db()
    assert transfer.status == TransferStatus.RELEASED and transfer.decided_by == world.users["unit_tj_company"]
    assert (person.unit_id, person.region_id) == (world.lj_hospital.pk, world.luojiang.pk)
    assert list(Placement.objects.filter(professional=person).values_list("unit_id", "valid_from", "valid_to")) == [
        (world.tj_company.pk, dt.date(1990, 1, 1), dt.date(2025, 3, 1)), (world.lj_hospital.pk, dt.date(2025, 3, 1), None)]
    messages = list(AuditEvent.objects.filter(object_type="people.transfer").values_list("message", flat=True))
    assert any("申请调入" in m for m in messages) and "放行" in messages
    assert AuditEvent.objects.filter(object_type="people.professional", object_id=str(person.pk),
                                     message__contains="调动放行").exists()


def test_the_old_regions_hr_bureau_may_release_too(world, lj_admin):
    transfer = request_engineer(world, lj_admin)
    transfer_release(actor=world.users["hr_fuzhou"], transfer=transfer)
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.RELEASED


@pytest.mark.parametrize("who", ["unit_gl_hospital", "hr_quanzhou", "auth_fz_health"])
def test_nobody_but_the_old_side_may_release(world, lj_admin, who):
    transfer = request_engineer(world, lj_admin)
    for actor in (world.users[who], lj_admin):
        with pytest.raises(PermissionDenied):
            transfer_release(actor=actor, transfer=transfer)
    assert Transfer.objects.get(pk=transfer.pk).status == TransferStatus.REQUESTED


def test_only_a_unit_administrator_requests_and_only_for_their_own_unit(world):
    person = world.people["tj_engineer"]
    with pytest.raises(PermissionDenied):
        transfer_request(actor=world.users["hr_quanzhou"], id_number=person.id_number, name=person.name)
    with pytest.raises(PermissionDenied):
        transfer_request(actor=world.users["unit_gl_hospital"], id_number=person.id_number, name=person.name,
                         to_unit=world.lj_hospital)


def test_a_wrong_name_and_an_unknown_number_get_the_same_answer(world, lj_admin):
    person = world.people["tj_engineer"]
    answers = []
    for number, name in ((person.id_number, "别人"), (make_identity_number("350103", dt.date(1990, 1, 1), 7, "M"), person.name)):
        with pytest.raises(ApplicationError) as exc:
            transfer_request(actor=lj_admin, id_number=number, name=name)
        answers.append((exc.value.message, exc.value.field))
    assert answers[0] == answers[1] == ("未找到身份证号码与姓名相符的人员", "id_number")


def test_each_step_checks_the_state_it_starts_from(world, lj_admin):
    transfer = request_engineer(world, lj_admin)
    with pytest.raises(ConflictError):
        request_engineer(world, lj_admin)  # one open transfer per person
    with pytest.raises(ApplicationError) as exc:
        transfer_refuse(actor=world.users["unit_tj_company"], transfer=transfer, reason=" ")
    assert exc.value.field == "reason"
    transfer_refuse(actor=world.users["unit_tj_company"], transfer=transfer, reason="服务期未满")
    for step in (lambda: transfer_release(actor=world.users["unit_tj_company"], transfer=transfer),
                 lambda: transfer_cancel(actor=lj_admin, transfer=transfer)):
        with pytest.raises(ConflictError):
            step()
    again = request_engineer(world, lj_admin)
    with pytest.raises(PermissionDenied):
        transfer_cancel(actor=world.users["unit_tj_company"], transfer=again)  # only the requester withdraws
    transfer_cancel(actor=lj_admin, transfer=again)
    assert Transfer.objects.get(pk=again.pk).status == TransferStatus.CANCELLED
    assert world.people["tj_engineer"].unit_id == world.tj_company.pk


def test_the_move_date_may_not_lie_in_the_future_nor_before_the_current_placement(world, lj_admin):
    tomorrow = timezone.localdate() + dt.timedelta(days=1)
    with pytest.raises(ApplicationError) as exc:
        request_engineer(world, lj_admin, effective_on=tomorrow)
    assert exc.value.field == "effective_on"
    professional_update(actor=None, professional=world.people["tj_engineer"], unit=world.gl_hospital)
    with pytest.raises(ApplicationError) as exc:
        request_engineer(world, lj_admin, effective_on=dt.date(2025, 1, 1))  # placed at 鼓楼 only today
    assert exc.value.field == "effective_on"


def test_each_year_is_judged_by_the_rules_of_the_region_the_person_was_in_on_31_december(world, lj_admin):
    # policy choice; 福州: 72 学时 a year (榕人专〔2009〕145号 一), 洛江: 90 学时 (泉洛政人社[2017]27号 一（三）1)
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2024, 5, 1), hours=72)
    recognised(person, dt.date(2025, 5, 1), hours=72)
    assert standing(person, 2025).ruleset_id == "fuzhou-2009"
    transfer = request_engineer(world, lj_admin, effective_on=dt.date(2025, 3, 1))
    transfer_release(actor=world.users["unit_tj_company"], transfer=transfer)
    y2024, y2025 = standing(person, 2024), standing(person, 2025)
    assert (y2024.ruleset_id, y2024.judged_region_id, y2024.verdict) == ("fuzhou-2009", world.taijiang.pk,
                                                                         StandingVerdict.MET)
    assert (y2025.ruleset_id, y2025.judged_region_id, y2025.verdict) == (
        "quanzhou-luojiang-2017", world.luojiang.pk, StandingVerdict.SHORT)
    assert y2025.shortfall == 18  # 90 − 72
    assert {s.region_path for s in (y2024, y2025)} == {world.luojiang.path}  # listed where the person is now


def test_a_year_split_between_regions_goes_to_the_region_at_year_end_even_for_a_late_move(world, lj_admin):
    person = world.people["tj_engineer"]
    recognised(person, dt.date(2025, 5, 1), hours=72)
    transfer = request_engineer(world, lj_admin, effective_on=dt.date(2025, 12, 31))
    transfer_release(actor=world.users["unit_tj_company"], transfer=transfer)
    assert standing(person, 2025).ruleset_id == "quanzhou-luojiang-2017"  # there on 31 December
    assert standing(person, 2024).ruleset_id == "fuzhou-2009"


def test_a_roster_import_opens_placements_and_a_row_naming_another_unit_is_a_move_dated_today(world):
    from jxjy.people.models import Professional
    from jxjy.people.services.roster_import import roster_import_confirm, roster_import_upload
    from jxjy.people.tests.test_roster_import import ids, xlsx

    hr = world.users["hr_fuzhou"]
    number = ids(1)[0]

    def run(unit_name: str) -> None:
        record = roster_import_upload(actor=hr, filename="roster.xlsx",
                                      data=xlsx([["导入人员", number, "", unit_name, "其他系列", "", "", ""]]))
        record.refresh_from_db()
        roster_import_confirm(actor=hr, record=record, valid_only=False)

    run(world.gl_hospital.name)
    person = Professional.objects.get(id_number=number)
    assert list(Placement.objects.filter(professional=person).values_list("unit_id", "valid_from", "valid_to")) == [
        (world.gl_hospital.pk, dt.date(1990, 1, 1), None)]
    run(world.tj_company.name)
    today = timezone.localdate()
    assert list(Placement.objects.filter(professional=person).values_list("unit_id", "valid_from", "valid_to")) == [
        (world.gl_hospital.pk, dt.date(1990, 1, 1), today), (world.tj_company.pk, today, None)]
