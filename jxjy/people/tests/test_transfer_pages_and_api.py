"""Transfers through pages and the API: both sides see a transfer, others get 404; the new unit
requests, the old unit (or the old region's HR bureau) releases; a side that may not act gets 403.
Policy choice: the documents do not describe transfers."""

from __future__ import annotations

import pytest
from django.test import Client

from jxjy.accounts.models import Role
from jxjy.core.testing import make_user
from jxjy.people.models import Placement, Transfer, TransferStatus
from jxjy.records.models import Standing

pytestmark = pytest.mark.django_db


@pytest.fixture
def lj_admin(world):
    return make_user("unit_lj_hospital", Role.UNIT_ADMIN, employer_unit=world.lj_hospital, region=world.luojiang)


def login(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def api_request(client: Client, person, **extra):
    return client.post("/api/v1/transfers", {"id_number": person.id_number, "name": person.name, **extra},
                       content_type="application/json")


def test_the_api_request_then_release_moves_the_person_and_is_seen_by_both_sides(world, client_for, lj_admin):
    person = world.people["tj_engineer"]
    response = api_request(login(lj_admin), person, effective_on="2025-06-01")
    assert response.status_code == 201, response.json()
    body = response.json()
    assert (body["status"], body["name"], body["to_region_id"]) == ("requested", "陈工", world.luojiang.pk)
    for who in ("unit_tj_company", "hr_fuzhou", "hr_quanzhou", "hr_province"):
        assert client_for(who).get(f"/api/v1/transfers/{body['id']}").status_code == 200
        assert [t["id"] for t in client_for(who).get("/api/v1/transfers").json()["items"]] == [body["id"]]
    for who in ("unit_gl_hospital", "hr_gulou", "auth_fz_health", "pro_gl_doctor"):
        assert client_for(who).get(f"/api/v1/transfers/{body['id']}").status_code == 404
        assert client_for(who).post(f"/api/v1/transfers/{body['id']}/release").status_code == 404
    assert login(lj_admin).post(f"/api/v1/transfers/{body['id']}/release").status_code == 403  # not the old side
    assert client_for("hr_quanzhou").post(f"/api/v1/transfers/{body['id']}/release").status_code == 403
    released = client_for("unit_tj_company").post(f"/api/v1/transfers/{body['id']}/release")
    assert released.status_code == 200 and released.json()["status"] == "released"
    assert client_for("unit_tj_company").post(f"/api/v1/transfers/{body['id']}/release").status_code == 409
    person.refresh_from_db()
    assert person.unit_id == world.lj_hospital.pk
    placements = login(lj_admin).get(f"/api/v1/transfers/people/{person.pk}/placements").json()
    assert [(p["region_id"], p["valid_from"], p["valid_to"]) for p in placements] == [
        (world.taijiang.pk, "1990-01-01", "2025-06-01"), (world.luojiang.pk, "2025-06-01", None)]
    assert Standing.objects.get(professional=person, start_year=2025).ruleset_id == "quanzhou-luojiang-2017"


def test_the_api_refuses_requests_from_anyone_but_a_unit_administrator(world, client_for):
    person = world.people["tj_engineer"]
    response = api_request(client_for("hr_quanzhou"), person)
    assert response.status_code == 403 and Transfer.objects.count() == 0


def test_the_api_names_the_field_of_a_bad_request(world, lj_admin):
    person = world.people["tj_engineer"]
    response = api_request(login(lj_admin), person, effective_on="2999-01-01")
    assert response.status_code == 422 and response.json()["errors"][0]["field"] == "effective_on"
    response = login(lj_admin).post("/api/v1/transfers", {"id_number": person.id_number, "name": "别人"},
                                    content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "id_number"


def test_refusal_needs_a_reason_and_only_the_requester_cancels(world, client_for, lj_admin):
    tid = api_request(login(lj_admin), world.people["tj_engineer"]).json()["id"]
    assert client_for("unit_tj_company").post(f"/api/v1/transfers/{tid}/cancel").status_code == 403
    response = client_for("hr_fuzhou").post(f"/api/v1/transfers/{tid}/refuse", {"reason": ""},
                                            content_type="application/json")
    assert response.status_code == 400 and response.json()["field"] == "reason"
    response = client_for("hr_fuzhou").post(f"/api/v1/transfers/{tid}/refuse", {"reason": "服务期未满"},
                                            content_type="application/json")
    assert response.json()["status"] == "refused" and response.json()["refusal_reason"] == "服务期未满"
    tid = api_request(login(lj_admin), world.people["tj_engineer"]).json()["id"]
    assert login(lj_admin).post(f"/api/v1/transfers/{tid}/cancel").json()["status"] == "cancelled"


def test_the_pages_let_the_new_unit_request_and_the_old_unit_release(world, client_for, lj_admin):
    person = world.people["tj_engineer"]
    new_side = login(lj_admin)
    assert 'id="transfer-request"' in new_side.get("/people/transfers/").content.decode()
    response = new_side.post("/people/transfers/", {"id_number": person.id_number, "name": person.name,
                                                    "effective_on": "2025-06-01", "note": ""})
    transfer = Transfer.objects.get()
    assert response.status_code == 302 and response["Location"] == f"/people/transfers/{transfer.pk}/"
    html = new_side.get(f"/people/transfers/{transfer.pk}/").content.decode()
    assert 'id="cancel"' in html and 'id="release"' not in html
    old_side = client_for("unit_tj_company")
    html = old_side.get(f"/people/transfers/{transfer.pk}/").content.decode()
    assert 'id="release"' in html and 'id="cancel"' not in html
    assert new_side.post(f"/people/transfers/{transfer.pk}/release/").status_code == 403
    assert client_for("unit_gl_hospital").get(f"/people/transfers/{transfer.pk}/").status_code == 404
    assert client_for("unit_gl_hospital").post(f"/people/transfers/{transfer.pk}/release/").status_code == 404
    old_side.post(f"/people/transfers/{transfer.pk}/release/")
    assert Transfer.objects.get().status == TransferStatus.RELEASED
    html = new_side.get(f"/people/{person.pk}/").content.decode()
    assert "2025-06-01" in html and "洛江区医院" in html and Placement.objects.filter(professional=person).count() == 2


def test_only_unit_administrators_may_post_a_request_page(world, client_for):
    person = world.people["tj_engineer"]
    response = client_for("hr_fuzhou").post("/people/transfers/", {"id_number": person.id_number, "name": person.name})
    assert response.status_code == 403 and not Transfer.objects.exists()
