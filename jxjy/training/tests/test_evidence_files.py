"""Evidence you can open: recognition evidence, sign-in sheets, résumés and declared records' evidence are
served only through the access-checked evidence view (jxjy/core/evidence.py), with the owning object's
scope; anything else answers 404 (泉洛政人社[2017]27号 一（五）3: 学时认定时提交花名册、签到表、讲义和照片)."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse

from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.records.models import EvidenceFile as RecordEvidence
from jxjy.records.services.learning import learning_record_declare
from jxjy.training.services.attendance import attendance_record_sheet
from jxjy.training.services.recognition import evidence_upload

from .conftest import PDF, PNG, enrolled_class

pytestmark = pytest.mark.django_db
CLASS_DAY = dt.date(2026, 3, 18)
XLSX = b"PK\x03\x04" + b"\0" * 20
OUTSIDERS = ("hr_quanzhou", "pro_gl_doctor", "unit_tj_company")


def _url(kind: str, pk: int) -> str:
    return reverse("core:evidence", args=[kind, pk])


@pytest.fixture
def held(scene):  # type: ignore[no-untyped-def]
    """A held class with a sign-in sheet, the four kinds of recognition evidence and two résumés."""
    training_class, users = enrolled_class(scene)
    scene.clock.set(CLASS_DAY, 18)
    item = training_class.schedule.all()[0]
    enrolments = [e.pk for e in training_class.enrolments.all()]
    sheet = attendance_record_sheet(actor=scene.provider, item=item, filename="上午签到.pdf", data=PDF,
                                    signed_in=enrolments, signed_out=enrolments)
    scene.clock.set(CLASS_DAY + dt.timedelta(days=1))
    files = {kind: evidence_upload(actor=scene.provider, training_class=training_class, kind=kind,
                                   filename=name, data=data)
             for kind, name, data in (("roster", "花名册.xlsx", XLSX), ("sign_in", "签到表.pdf", PDF),
                                      ("handout", "讲义.pdf", PDF), ("photo", "现场.png", PNG))}
    return training_class, users, sheet, files


def test_an_officer_in_scope_opens_a_sign_in_sheet_inline_and_the_read_names_the_trainees(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """泉洛政人社[2017]27号 一（五）3: the approving bureau checks the sign-in sheets before recognising hours."""
    training_class, users, sheet, _ = held
    response = client_for("hr_fuzhou").get(_url("sign-in-sheet", sheet.pk))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response["Content-Disposition"].startswith("inline;")
    assert quote("签到表", safe="") in response["Content-Disposition"]
    assert response["X-Content-Type-Options"] == "nosniff"
    assert "no-store" in response["Cache-Control"]
    assert b"".join(response.streaming_content) == PDF  # type: ignore[attr-defined]
    event = AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE, object_type="training.attendancesheet",
                                      object_id=str(sheet.pk)).get()
    trainees = sorted(u.professional_id for u in users)
    assert event.after is not None and event.after["professional_ids"] == trainees
    assert event.actor is not None and event.actor.username == "hr_fuzhou"
    assert "签到表" in event.message


def test_the_provider_opens_its_own_classs_evidence_photos_inline_and_rosters_as_a_download(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """泉洛政人社[2017]27号 一（五）3."""
    _, _, _, files = held
    client = client_for("provider_fz")
    photo = client.get(_url("class-evidence", files["photo"].pk))
    assert (photo.status_code, photo["Content-Type"]) == (200, "image/png")
    assert photo["Content-Disposition"].startswith("inline;")
    roster = client.get(_url("class-evidence", files["roster"].pk))
    assert roster.status_code == 200
    assert roster["Content-Type"].startswith("application/vnd.openxmlformats-officedocument.spreadsheetml")
    assert roster["Content-Disposition"].startswith("attachment;")
    assert roster["X-Content-Type-Options"] == "nosniff"


def test_the_supervising_authority_opens_a_resume(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """The reviewing authority reads the teachers' résumés of the application (泉洛政人社[2017]27号 一（五）1)."""
    training_class = held[0]
    resume = training_class.resumes.first()
    response = client_for("auth_fz_health").get(_url("resume", resume.pk))
    assert (response.status_code, response["Content-Type"]) == (200, "application/pdf")
    assert AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE, object_type="training.teacherresume",
                                     object_id=str(resume.pk)).exists()


@pytest.mark.parametrize("outsider", OUTSIDERS)
def test_evidence_views_answer_404_outside_scope_for_every_kind_of_class_file(held, client_for, outsider) -> None:  # type: ignore[no-untyped-def]
    """Another region's officer, a trainee of the class and an unrelated unit see the class but not its files
    (泉洛政人社[2017]27号 一（五）3); the answer is 404, never 403, so the file's existence does not leak."""
    training_class, _, sheet, files = held
    client = client_for(outsider)
    urls = [_url("sign-in-sheet", sheet.pk), _url("resume", training_class.resumes.first().pk),
            *(_url("class-evidence", f.pk) for f in files.values())]
    for url in urls:
        assert client.get(url).status_code == 404, url
    assert not AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE).exists()


def test_anonymous_visitors_are_sent_to_the_login_page_and_get_no_file(held) -> None:  # type: ignore[no-untyped-def]
    """泉洛政人社[2017]27号 一（五）3."""
    _, _, sheet, files = held
    for url in (_url("sign-in-sheet", sheet.pk), _url("class-evidence", files["photo"].pk)):
        response = Client().get(url)
        assert response.status_code == 302
        assert reverse("accounts:login") in response["Location"]


def test_a_missing_file_id_or_kind_answers_404(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """泉洛政人社[2017]27号 一（五）3."""
    client = client_for("hr_fuzhou")
    assert client.get(_url("sign-in-sheet", 999999)).status_code == 404
    assert client.get(_url("class-evidence", 999999)).status_code == 404
    assert client.get(_url("passwords", held[2].pk)).status_code == 404


def test_a_file_whose_stored_copy_is_gone_answers_404(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """泉洛政人社[2017]27号 一（五）3."""
    photo = held[3]["photo"]
    photo.file.storage.delete(photo.file.name)
    assert client_for("hr_fuzhou").get(_url("class-evidence", photo.pk)).status_code == 404


def test_the_class_page_links_each_file_to_the_evidence_view(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """泉洛政人社[2017]27号 一（五）3."""
    training_class, _, sheet, files = held
    page = client_for("hr_fuzhou").get(reverse("training:class_detail", args=[training_class.pk])).content.decode()
    assert _url("sign-in-sheet", sheet.pk) in page
    assert _url("resume", training_class.resumes.first().pk) in page
    for evidence in files.values():
        assert _url("class-evidence", evidence.pk) in page
    assert "/media/" not in page
    trainee_page = client_for("pro_gl_doctor").get(
        reverse("training:class_detail", args=[training_class.pk])).content.decode()
    assert _url("sign-in-sheet", sheet.pk) not in trainee_page
    assert _url("resume", training_class.resumes.first().pk) not in trainee_page


def test_media_files_have_no_url_of_their_own(held, client_for) -> None:  # type: ignore[no-untyped-def]
    """Evidence is reachable only through the checked view (泉洛政人社[2017]27号 一（五）3)."""
    sheet = held[2]
    assert client_for("hr_fuzhou").get("/media/" + sheet.file.name).status_code == 404


def test_a_declared_records_evidence_follows_the_records_scope(world, client_for) -> None:  # type: ignore[no-untyped-def]
    """The person, the unit and the officers over the person open it; others get 404
    (佐证材料 of a declared record, 泉洛政人社[2017]27号 二（一）)."""
    person = world.people["gl_doctor"]
    record = learning_record_declare(
        actor=world.users["pro_gl_doctor"], professional=person, date=dt.date(2026, 1, 10), subject="professional",
        form="self_study", course="有指导的专业自学", hours=10,
        evidence=[("结业证书.pdf", ContentFile(PDF))])
    evidence = RecordEvidence.objects.get(record=record)
    url = _url("record-evidence", evidence.pk)
    for name in ("pro_gl_doctor", "unit_gl_hospital", "hr_fuzhou"):
        response = client_for(name).get(url)
        assert (response.status_code, response["Content-Type"]) == (200, "application/pdf"), name
        assert response["Content-Disposition"].startswith("inline;")
    for name in ("hr_quanzhou", "unit_tj_company", "provider_fz"):
        assert client_for(name).get(url).status_code == 404, name
    event = AuditEvent.objects.filter(action=AuditAction.READ_SENSITIVE, object_type="records.evidencefile").first()
    assert event is not None and event.after is not None and event.after["professional_ids"] == [person.pk]
