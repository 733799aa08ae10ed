"""The JSON API: no state can be skipped (409 with the reason), and jurisdiction (404 outside the scope)."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from django.test import Client

from jxjy.core.testing import make_user
from jxjy.orgs.models import Provider
from jxjy.training.models import TrainingClass

from .conftest import PDF, application, approved_class, noticed_class, submitted_class

pytestmark = pytest.mark.django_db
BASE = "/api/v1/training"


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


def _post(client: Client, url: str, body: dict | None = None):  # type: ignore[no-untyped-def]
    return client.post(BASE + url, data=json.dumps(body or {}), content_type="application/json")


def test_recognising_hours_of_a_class_still_under_notice_answers_409_with_the_reason(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    response = _post(_client(scene.hr), f"/classes/{training_class.pk}/recognition/recognise")
    assert response.status_code == 409
    assert response.json()["detail"] == "培训班尚未申报学时认定（当前状态：公示中），不能认定学时"
    response = _post(_client(scene.provider), f"/classes/{training_class.pk}/recognition/submit")
    assert response.status_code == 409
    assert "公示中" in response.json()["detail"]


def test_approval_cannot_skip_review_or_notice(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    response = _post(_client(scene.hr), f"/classes/{training_class.pk}/notice/conclude")
    assert response.status_code == 409
    assert response.json()["detail"] == "培训班当前状态为“审核中”，不在公示中"


def test_enrolment_and_signing_cannot_skip_approval(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    trainee = _client(scene.world.users["pro_gl_doctor"])
    assert _post(trainee, f"/classes/{training_class.pk}/enrolments/self").status_code == 404  # not yet published
    provider = _client(scene.provider)
    item = training_class.schedule.first()
    token = provider.get(f"{BASE}/classes/{training_class.pk}/sessions/{item.pk}/token?kind=in").json()["token"]
    response = _post(trainee, f"/sessions/{item.pk}/sign", {"token": token})
    assert response.status_code == 409
    assert response.json()["detail"] == "培训班当前状态为“公示中”，不能签到"
    response = _post(provider, f"/classes/{training_class.pk}/scores", {"scores": {}})
    assert response.status_code == 409 and "不能登记成绩" in response.json()["detail"]


def test_a_review_decision_on_an_approved_class_answers_409(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = approved_class(scene)
    response = _post(_client(scene.hr), f"/classes/{training_class.pk}/review/approve", {"comment": "again"})
    assert response.status_code == 409


def test_the_whole_application_goes_through_the_api(scene) -> None:  # type: ignore[no-untyped-def]
    scene.clock.set(dt.date(2026, 3, 2))
    data, schedule = application(dt.date(2026, 3, 18))
    body = {k: (str(v) if not isinstance(v, (list, bool, type(None), int)) else v) for k, v in data.items()}
    body["schedule"] = [{k: str(v) for k, v in row.items()} for row in schedule]
    provider = _client(scene.provider)
    response = _post(provider, "/classes", body)
    assert response.status_code == 201, response.content
    pk = response.json()["id"]
    late = _post(provider, f"/classes/{pk}/submit")
    assert late.status_code == 400 and late.json()["field"] == "resumes"
    for teacher in ("李教授", "张主任"):
        from django.core.files.uploadedfile import SimpleUploadedFile

        r = provider.post(f"{BASE}/classes/{pk}/resumes",
                          {"teacher_name": teacher, "file": SimpleUploadedFile("cv.pdf", PDF, "application/pdf")})
        assert r.status_code == 201, r.content
    assert _post(provider, f"/classes/{pk}/submit").json()["status"] == "under_review"
    assert _post(_client(scene.authority), f"/classes/{pk}/review/approve").json()["status"] == "under_review"
    assert _post(_client(scene.hr), f"/classes/{pk}/review/approve").json()["status"] == "under_notice"
    notices = Client().get(f"{BASE}/notices").json()
    assert [n["training_class_id"] for n in notices] == [pk]
    objection = Client().post(f"{BASE}/notices/{notices[0]['id']}/objections",
                              data=json.dumps({"name": "市民", "contact": "138", "reason": "请核实"}),
                              content_type="application/json")
    assert objection.status_code == 201
    scene.clock.advance(days=5)
    blocked = _post(_client(scene.hr), f"/classes/{pk}/notice/conclude")
    assert blocked.status_code == 409 and "异议尚未处理" in blocked.json()["detail"]
    _post(_client(scene.hr), f"/objections/{objection.json()['id']}/resolve", {"upheld": False, "resolution": "已核实"})
    approved = _post(_client(scene.hr), f"/classes/{pk}/notice/conclude").json()
    assert approved["status"] == "approved" and approved["approval_no"] == "继教〔2026〕001号"


def test_lists_never_show_and_details_answer_404_for_classes_outside_the_users_scope(scene) -> None:  # type: ignore[no-untyped-def]
    fuzhou_class = approved_class(scene)
    qz_admin = make_user("provider_qz", "provider_admin", provider=scene.world.qz_provider, region=scene.world.quanzhou)
    outsiders = [scene.world.users["hr_quanzhou"], qz_admin]
    for user in outsiders:
        client = _client(user)
        assert client.get(f"{BASE}/classes").json()["items"] == []
        assert client.get(f"{BASE}/classes/{fuzhou_class.pk}").status_code == 404
        assert client.get(f"/training/classes/{fuzhou_class.pk}/").status_code == 404
        assert fuzhou_class.name not in client.get("/training/").content.decode()
    insiders = [scene.hr, scene.provider, scene.authority, scene.world.users["hr_province"],
                scene.world.users["pro_gl_doctor"], scene.world.users["unit_gl_hospital"]]
    for user in insiders:
        client = _client(user)
        assert [c["id"] for c in client.get(f"{BASE}/classes").json()["items"]] == [fuzhou_class.pk]
        assert client.get(f"{BASE}/classes/{fuzhou_class.pk}").status_code == 200


def test_drafts_are_seen_only_by_their_provider_and_reviewers(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    other = Provider.objects.create(name="福州另一机构", credit_code="12350100900000777X", region=scene.world.fuzhou)
    other_admin = make_user("provider_other", "provider_admin", provider=other, region=scene.world.fuzhou)
    assert _client(other_admin).get(f"{BASE}/classes/{training_class.pk}").status_code == 404
    assert _client(scene.world.users["pro_gl_doctor"]).get(f"{BASE}/classes/{training_class.pk}").status_code == 404
    assert TrainingClass.objects.count() == 1


def test_the_api_needs_a_login_except_for_public_notices(scene) -> None:  # type: ignore[no-untyped-def]
    assert Client().get(f"{BASE}/classes").status_code == 401
    assert Client().get(f"{BASE}/notices").status_code == 200
