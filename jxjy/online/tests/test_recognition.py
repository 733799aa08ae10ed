"""Recognition (issue 7 §4): all units complete and the exam passed → a recognised learning
record (form distance) through the records service; passing the public-subject exam in a
Changzhou-rules region issues the numbered, verifiable 公共科目合格证 (常人社发〔2011〕11号 第九条)."""

from __future__ import annotations

import re

import pytest
from django.utils import timezone

from jxjy.numbering.services import Series, number_last
from jxjy.online.models import PassCertificate
from jxjy.online.pdf import certificate_html, certificate_pdf, qr_data_uri
from jxjy.online.services.certificates import certificate_from_code, verification_code
from jxjy.online.services.exams import exam_answer_save, exam_attempt_start, exam_attempt_submit
from jxjy.online.services.learning import enrolment_create
from jxjy.online.services.recognition import enrolment_mark_units_complete
from jxjy.records.models import LearningRecord

from .builders import add_changzhou, answers_for, build_course

pytestmark = pytest.mark.django_db


def pdf_objects(pdf: bytes) -> bytes:
    import zlib

    out = b""
    for m in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.S):
        try:
            out += zlib.decompress(m.group(1))
        except zlib.error:
            continue
    return out


def complete_and_pass(learner, course):  # type: ignore[no-untyped-def]
    enrolment = enrolment_create(actor=learner, course=course)
    from jxjy.online.models import UnitProgress

    for unit in course.units.all():
        UnitProgress.objects.create(enrolment=enrolment, unit=unit, credited_seconds=unit.duration_seconds,
                                    completed_at=timezone.now())
    enrolment_mark_units_complete(actor=learner, enrolment=enrolment)
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    for qid, choice in answers_for(attempt.question_ids, correct=True).items():
        exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=choice)
    exam_attempt_submit(actor=learner, attempt=attempt)
    enrolment.refresh_from_db()
    return enrolment


@pytest.fixture
def cz(world):  # type: ignore[no-untyped-def]
    return add_changzhou(world)


def test_completing_units_and_passing_the_exam_creates_a_recognised_distance_record(world):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"], hours="4.5")
    enrolment = complete_and_pass(world.users["pro_gl_doctor"], course)
    record = LearningRecord.objects.get(professional=world.people["gl_doctor"])
    assert enrolment.record_id == record.pk
    assert (record.form, record.subject, record.source, record.source_ref) == ("distance", "professional", "online_course", course.code)
    assert record.hours == course.hours and record.status == "recognised"
    assert record.provider == world.fz_provider
    assert not PassCertificate.objects.exists()  # not a Changzhou-rules region


def test_passing_alone_without_completing_the_units_recognises_nothing(world):  # type: ignore[no-untyped-def]
    from jxjy.online.services.recognition import enrolment_mark_passed

    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    enrolment_mark_passed(actor=world.users["pro_gl_doctor"], enrolment=enrolment, when=timezone.now())
    assert not LearningRecord.objects.exists()


def test_a_public_subject_pass_in_a_changzhou_rules_region_issues_the_pass_certificate(world, cz):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-1")
    enrolment = complete_and_pass(cz.learner, course)
    certificate = PassCertificate.objects.get(enrolment=enrolment)
    year = timezone.localdate().year
    assert certificate.number == f"GG320400{year}000001"
    assert certificate.region == cz.city
    assert LearningRecord.objects.get(professional=cz.professional).subject == "public"


def test_a_professional_subject_pass_in_changzhou_issues_no_pass_certificate(world, cz):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="professional", code="CZ-ZY-1")
    complete_and_pass(cz.learner, course)
    assert not PassCertificate.objects.exists()


def test_pass_certificate_numbers_are_gap_free_in_their_region_and_year(world, cz):  # type: ignore[no-untyped-def]
    from jxjy.core.testing import make_professional, make_user

    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-2")
    complete_and_pass(cz.learner, course)
    for n in range(2):
        person = make_professional(cz.professional.unit, f"学员{n}", title=world.titles["工程师"])
        complete_and_pass(make_user(f"cz_learner_{n}", "professional", professional=person, region=cz.district), course)
    serials = list(PassCertificate.objects.order_by("serial").values_list("serial", flat=True))
    assert serials == [1, 2, 3]
    certificate_year = PassCertificate.objects.values_list("year", flat=True).get(serial=1)
    assert number_last(series=Series.PASS_CERTIFICATE, scope=f"region:{cz.city.pk}", year=certificate_year) == 3


def test_the_certificate_verifies_by_its_signed_code_and_forged_codes_do_not(world, cz, client):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-3")
    certificate = complete_and_pass(cz.learner, course).certificate
    code = verification_code(certificate)
    assert certificate_from_code(code) == certificate
    old_address = client.get(f"/online/verify/{code}")  # codes printed before: the one page checks them
    assert old_address.status_code == 301 and old_address["Location"] == f"/verify/{code}"
    page = client.get(f"/online/verify/{code}", follow=True)  # public: no login
    assert page.status_code == 200
    body = page.content.decode()
    assert certificate.number in body and 'data-state="valid"' in body and "公共科目合格证" in body
    assert cz.professional.id_number not in body  # masked
    forged = code.replace(certificate.number, certificate.number[:-1] + "2")
    assert client.get(f"/verify/{forged}").status_code == 404
    assert client.get(f"/online/verify/{certificate.number}", follow=True).status_code == 404


def test_the_certificate_pdf_carries_the_number_and_a_qr_code_to_the_verification_page(world, cz, client):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-4")
    certificate = complete_and_pass(cz.learner, course).certificate
    client.force_login(cz.learner)
    response = client.get(f"/online/certificates/{certificate.pk}.pdf")
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    url = f"https://example.test/online/verify/{verification_code(certificate)}"
    html = certificate_html(certificate, verify_url=url)
    assert qr_data_uri(url) in html and certificate.number in html  # the QR encodes the verification page
    pdf = certificate_pdf(certificate, verify_url=url)
    assert b"Noto-Serif-CJK-SC" in pdf_objects(pdf)  # Chinese set in Debian's Noto CJK
    # someone else's certificate is not found
    client.force_login(world.users["pro_gl_doctor"])
    assert client.get(f"/online/certificates/{certificate.pk}.pdf").status_code == 404


def test_the_learner_sees_record_and_certificate_on_the_course_page(world, cz, client):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-5")
    certificate = complete_and_pass(cz.learner, course).certificate
    client.force_login(cz.learner)
    body = client.get(f"/online/courses/{course.pk}/").content.decode()
    assert "学习记录已认定" in body and certificate.number in body
    mine = client.get("/online/mine/").content.decode()
    assert re.search(rf"{certificate.number}", mine)
