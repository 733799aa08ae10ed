"""批量验证 and 批量发证 (issue 15 item 5): one submit, a result per row, each row through the single
service and audited; a refused row leaves the others done. Verification follows the person's stored
standing (泉洛政人社[2017]27号 二); certificates are numbered by the issuing authority (榕人专〔2009〕145号 三)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.utils import timezone

from jxjy.audit.models import AuditEvent
from jxjy.core.testing import World, make_professional
from jxjy.records.choices import VerificationOutcome
from jxjy.records.models import Certificate, VerificationEntry
from jxjy.records.services.standings import standings_refresh
from jxjy.records.services.verification import verification_batch_create, verification_batch_submit

pytestmark = pytest.mark.django_db
YEAR = timezone.localdate().year - 1


def _submitted_batch(world: World) -> Any:
    unit = world.users["unit_gl_hospital"]
    make_professional(world.gl_hospital, "王医生", title=world.titles["主治医师"])
    standings_refresh(professional_ids=list(world.gl_hospital.professionals.values_list("pk", flat=True)),
                      years=[YEAR], reason="测试")
    batch = verification_batch_create(actor=unit, year=YEAR, deadline=timezone.localdate() + dt.timedelta(days=30))
    return verification_batch_submit(actor=unit, batch=batch)


def test_bulk_verification_decides_each_person_as_their_standing_proposes(world: World, client_for: Any) -> None:
    batch = _submitted_batch(world)
    entries = list(batch.entries.select_related("professional", "reviewer_bureau"))
    officer = next(name for name, u in world.users.items() if u.hr_bureau_id == entries[0].reviewer_bureau_id)
    client = client_for(officer)
    page = client.get(f"/records/verification/{batch.pk}/bulk/").content.decode()
    assert all(e.professional.name in page for e in entries)
    response = client.post(f"/records/verification/{batch.pk}/bulk/", {"ids": [e.pk for e in entries]})
    result = response.content.decode()
    assert f"成功 {len(entries)} 行，失败 0 行" in result
    for entry in VerificationEntry.objects.filter(pk__in=[e.pk for e in entries]):
        # Nobody has hours: each is not verified, with the shortfall as the reason.
        assert entry.outcome == VerificationOutcome.NOT_VERIFIED and f"{YEAR}年度继续教育" in entry.reason
        assert AuditEvent.objects.filter(object_type="records.verificationentry", object_id=str(entry.pk),
                                         message__startswith="不予验证").count() == 1
    again = client.post(f"/records/verification/{batch.pk}/bulk/", {"ids": [entries[0].pk]}).content.decode()
    assert "成功 0 行，失败 1 行" in again  # decided already: the service refuses, nothing changes


def test_another_bureau_cannot_verify_through_the_bulk_page(world: World, client_for: Any) -> None:
    batch = _submitted_batch(world)
    entry = batch.entries.first()
    response = client_for("hr_quanzhou").post(f"/records/verification/{batch.pk}/bulk/", {"ids": [entry.pk]})
    assert response.status_code == 404  # the batch is outside its scope
    entry.refresh_from_db()
    assert entry.outcome == VerificationOutcome.PENDING


def test_bulk_issuing_numbers_each_certificate_and_reports_those_refused(world: World, client_for: Any) -> None:
    doctor, teacher = world.people["gl_doctor"], world.people["gl_teacher"]
    outside = world.people["lj_doctor"]  # 洛江: outside 福州
    client = client_for("hr_fuzhou")
    page = client.get("/records/certificates/bulk/").content.decode()
    assert doctor.name in page and teacher.name in page and outside.name not in page
    result = client.post("/records/certificates/bulk/", {"ids": [doctor.pk, teacher.pk, outside.pk]}).content.decode()
    assert "成功 2 行，失败 1 行" in result and "不存在或不在您的管辖范围内" in result
    numbers = sorted(Certificate.objects.filter(professional__in=[doctor, teacher]).values_list("certificate_no", flat=True))
    assert len(numbers) == 2 and numbers[0] != numbers[1] and all(n in result for n in numbers)
    assert not Certificate.objects.filter(professional=outside).exists()
    assert AuditEvent.objects.filter(object_type="records.certificate", message__startswith="发放继续教育证书").count() == 2
    again = client.post("/records/certificates/bulk/", {"ids": [doctor.pk]}).content.decode()
    assert "该人员已有继续教育证书" in again


def test_a_unit_may_see_the_list_but_issues_nothing(world: World, client_for: Any) -> None:
    doctor = world.people["gl_doctor"]
    result = client_for("unit_gl_hospital").post("/records/certificates/bulk/", {"ids": [doctor.pk]}).content.decode()
    assert "成功 0 行，失败 1 行" in result and "只有主管部门或人社局经办人员可以" in result
    assert not Certificate.objects.filter(professional=doctor).exists()


def _declared(world: World, course: str) -> Any:
    from jxjy.records.services import learning_record_declare

    return learning_record_declare(actor=world.users["pro_gl_doctor"], professional=world.people["gl_doctor"],
                                   date=dt.date(2026, 3, 2), subject="professional", form="conference",
                                   course=course, hours=12)


def test_bulk_record_review_decides_each_record_at_the_users_stage(world: World, client_for: Any) -> None:
    """A declared record is reviewed by the unit first (泉洛政人社[2017]27号 二（一）); each selected
    record gets its own decision and audit entry."""
    first, second = _declared(world, "全国学术年会"), _declared(world, "省医学会年会")
    stage = first.review_stage
    client = client_for("unit_gl_hospital")
    assert "全国学术年会" in client.get("/records/reviews/bulk/").content.decode()
    refused = client.post("/records/reviews/bulk/", {"ids": [first.pk], "decision": "reject", "reason": ""})
    assert "不通过时请填写原因" in refused.content.decode()
    result = client.post("/records/reviews/bulk/", {"ids": [first.pk, second.pk], "decision": "approve"}).content.decode()
    assert "成功 2 行，失败 0 行" in result
    for record in (first, second):
        record.refresh_from_db()
        assert record.review_stage != stage and record.reviews.count() == 1
    assert "成功 0 行，失败 1 行" in client_for("unit_tj_company").post(
        "/records/reviews/bulk/", {"ids": [first.pk], "decision": "approve"}).content.decode()
