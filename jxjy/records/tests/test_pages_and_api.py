"""Pages, API and jurisdiction: lists never show, details 404 outside scope; the e-certificate PDF
(A4, fonts embedded) carries a QR code to /verify/<code>; tampered codes fail, revoked show revoked."""

from __future__ import annotations

import datetime as dt
import json
import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from jxjy.core.testing import make_professional
from jxjy.records.codes import make_code
from jxjy.records.services import certificate_issue, certificate_revoke
from jxjy.records.services.standings import standings_refresh

from .helpers import full_year, recognised

pytestmark = pytest.mark.django_db


def test_certificate_page_shows_progress_shortfall_and_make_up(world, client_for):
    person = world.people["gl_doctor"]
    person.region.ruleset_id = "changzhou-2011"  # a rule set with public and professional parts
    person.region.save()
    year = timezone.localdate().year
    standings_refresh(professional_ids=[person.pk], reason="规则集变更")  # what the queued rebuild does
    recognised(person, dt.date(year, 1, 10), hours=30, subject="public", course="公需课")
    response = client_for("pro_gl_doctor").get("/records/")
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('class="progress"') == 3 and "差 42" in html and "差 48" in html
    html = client_for("pro_gl_doctor").get("/records/", {"explain": "1"}).content.decode()  # the engine's, on demand
    assert "常人社发〔2011〕11号 第十条" in html


def test_record_list_and_details_are_scoped(world, client_for):
    mine = recognised(world.people["gl_doctor"], dt.date(2025, 1, 1), hours=6)
    other = recognised(world.people["tj_engineer"], dt.date(2025, 1, 1), hours=6)
    body = client_for("unit_gl_hospital").get("/api/v1/records").json()
    assert [r["id"] for r in body["items"]] == [mine.pk]
    assert client_for("unit_gl_hospital").get(f"/records/people/{world.people['tj_engineer'].pk}/").status_code == 404
    assert client_for("pro_gl_doctor").get(f"/records/records/{other.pk}/completion.pdf").status_code == 404
    assert client_for("hr_quanzhou").get(f"/records/people/{world.people['gl_doctor'].pk}/").status_code == 404
    assert client_for("hr_fuzhou").get(f"/records/people/{world.people['gl_doctor'].pk}/").status_code == 200


def test_certificate_api_404_outside_scope(world, client_for):
    cert = certificate_issue(actor=world.users["hr_gulou"], professional=world.people["gl_doctor"])
    assert client_for("pro_gl_doctor").get(f"/api/v1/certificates/{cert.pk}").json()["certificate_no"] == cert.certificate_no
    assert client_for("unit_tj_company").get(f"/api/v1/certificates/{cert.pk}").status_code == 404


def test_gate_api_answers_a_batch_and_refuses_more_than_ten_thousand(world, client_for):
    full_year(world.people["tj_engineer"], 2025)
    client = client_for("hr_fuzhou")
    ok = client.post("/api/v1/gates", json.dumps({"purpose": "award", "year": 2026,
                                                  "id_numbers": [world.people["tj_engineer"].id_number]}),
                     content_type="application/json")
    assert ok.status_code == 200 and ok.json()["results"][0]["allowed"] is True
    too_many = client.post("/api/v1/gates", json.dumps({"purpose": "award", "year": 2026, "id_numbers": ["1"] * 10_001}),
                           content_type="application/json")
    assert too_many.status_code == 422 and too_many.json()["errors"][0]["field"] == "id_numbers"


def test_gates_page_lists_each_answer_with_reasons(world, client_for):
    html = client_for("hr_fuzhou").post("/records/gates/", {
        "purpose": "title_application", "year": 2026, "id_numbers": world.people["tj_engineer"].id_number,
    }).content.decode()
    assert "不符合" in html and "榕人专〔2009〕145号" in html


def test_verify_page_valid_tampered_and_revoked(world, client):
    cert = certificate_issue(actor=world.users["hr_gulou"], professional=world.people["gl_doctor"])
    code = make_code("certificate", cert.pk)
    page = client.get(f"/verify/{code}")
    html = page.content.decode()
    assert page.status_code == 200 and 'data-state="valid"' in html
    assert world.people["gl_doctor"].masked_id_number in html and world.people["gl_doctor"].id_number not in html
    tampered = code[:-2] + ("xy" if not code.endswith("xy") else "zz")
    assert client.get(f"/verify/{tampered}").status_code == 404
    invented = make_code("certificate", cert.pk).replace(str(cert.pk), "9")  # changing the payload breaks the signature
    assert 'data-state="invalid"' in client.get(f"/verify/{invented}x").content.decode()
    certificate_revoke(actor=world.users["hr_gulou"], certificate=cert, reason="弄虚作假")
    assert 'data-state="revoked"' in client.get(f"/verify/{code}").content.decode()


def _qr_of(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "c.pdf"
    path.write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(path), str(tmp_path / "p")], check=True)  # noqa: S603,S607
    png = next(tmp_path.glob("p*.png"))
    out = subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True)  # noqa: S603,S607
    return out.stdout.strip()


def test_certificate_pdf_is_a4_with_embedded_fonts_and_a_qr_that_verifies(world, client_for, client, tmp_path):
    person = world.people["gl_doctor"]
    recognised(person, dt.date(2025, 3, 1), hours=12, course="急诊医学新进展")
    certificate_issue(actor=world.users["hr_gulou"], professional=person)
    response = client_for("pro_gl_doctor").get(f"/records/people/{person.pk}/certificate.pdf")
    assert response["Content-Type"] == "application/pdf"
    pdf = response.content
    (tmp_path / "c.pdf").write_bytes(pdf)
    info = subprocess.run(["pdfinfo", str(tmp_path / "c.pdf")], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    assert "595.276 x 841.89" in info or "595.28 x 841.89" in info  # A4 in points
    fonts = subprocess.run(["pdffonts", str(tmp_path / "c.pdf")], capture_output=True, text=True, check=True).stdout  # noqa: S603,S607
    assert "CJK" in fonts and all(line.split()[-5] == "yes" for line in fonts.splitlines()[2:])  # emb column
    url = _qr_of(pdf, tmp_path)
    assert "/verify/" in url
    path = url[url.index("/verify/"):]
    assert 'data-state="valid"' in client.get(path).content.decode()


def test_class_completion_pdf_has_its_own_verifiable_qr(world, client_for, client, tmp_path):
    record = recognised(world.people["gl_doctor"], dt.date(2025, 3, 1), hours=12, course="院感防控培训班")
    pdf = client_for("pro_gl_doctor").get(f"/records/records/{record.pk}/completion.pdf").content
    url = _qr_of(pdf, tmp_path)
    html = client.get(url[url.index("/verify/"):]).content.decode()
    assert 'data-state="valid"' in html and "院感防控培训班" in html


def test_declare_page_creates_a_pending_record_with_evidence(world, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client_for("pro_gl_doctor").post("/records/declare/", {
        "date": "2026-01-05", "subject": "professional", "form": "conference", "course": "省医学会年会",
        "credits": "3", "credit_class": "II", "evidence": SimpleUploadedFile("通知.pdf", b"%PDF-1.4"),
    })
    assert response.status_code == 302
    record = world.people["gl_doctor"].learning_records.get()
    assert record.status == "pending" and record.review_stage == "unit" and record.evidence.count() == 1
    queue = client_for("unit_gl_hospital").get("/records/reviews/").content.decode()
    assert "省医学会年会" in queue
    assert "省医学会年会" not in client_for("unit_tj_company").get("/records/reviews/").content.decode()


def test_roster_xlsx_in_the_attachment_4_layout(world, client_for):
    from io import BytesIO

    from openpyxl import load_workbook

    from jxjy.records.services import verification_batch_create

    make_professional(world.gl_hospital, "张护士")
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=2025)
    data = client_for("unit_gl_hospital").get(f"/records/verification/{batch.pk}/roster.xlsx").content
    sheet = load_workbook(BytesIO(data)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:4] == ("序号", "姓名", "性别", "身份证号码") and len(rows) == 3
    assert client_for("unit_tj_company").get(f"/records/verification/{batch.pk}/roster.xlsx").status_code == 404


def test_certificate_page_offers_open_online_courses_that_close_the_shortfall(world, client_for):
    try:
        from jxjy.online.models import Course
    except ImportError:  # pragma: no cover - the online catalogue is another app's work
        pytest.skip("online catalogue not present")
    today = timezone.localdate()
    common = dict(provider=world.fz_provider, valid_from=today - dt.timedelta(days=30), status="approved", hours=6)
    Course.objects.create(code="C-OPEN", title="临床合理用药", subject="professional", region=world.fuzhou, **common)
    Course.objects.create(code="C-OLD", title="已过期课程", subject="professional", region=world.fuzhou,
                          **{**common, "valid_to": today - dt.timedelta(days=1)})
    Course.objects.create(code="C-FAR", title="泉州课程", subject="professional", region=world.quanzhou, **common)
    html = client_for("pro_gl_doctor").get("/records/").content.decode()
    assert "临床合理用药" in html and "已过期课程" not in html and "泉州课程" not in html


def test_make_up_obligations_show_on_the_persons_page_until_met(world, client_for):
    """未完成继续教育学习任务的，应及时进行补课 (常人社发〔2011〕11号 第十三条)."""
    person = world.people["gl_doctor"]
    recognised(person, dt.date(2024, 5, 1), hours=50)
    client_for("unit_gl_hospital").post(f"/records/people/{person.pk}/make-up/", {"year": 2024})
    html = client_for("pro_gl_doctor").get("/records/").content.decode()
    assert 'id="make-up"' in html and "差 22.0 学时" in html
    recognised(person, dt.date(2025, 2, 1), hours=22, make_up_for_year=2024)
    client_for("unit_gl_hospital").post(f"/records/people/{person.pk}/make-up/", {"year": 2024})
    assert 'id="make-up"' not in client_for("pro_gl_doctor").get("/records/").content.decode()


def test_violations_are_recorded_with_their_consequence_and_shown(world, client_for):
    person = world.people["gl_doctor"]
    client_for("unit_gl_hospital").post(f"/records/people/{person.pk}/violation/", {
        "kind": "work_time_without_consent", "consequence": "no_reimbursement", "occurred_on": "2026-03-01"})
    html = client_for("pro_gl_doctor").get("/records/").content.decode()
    assert "擅自占用工作时间参加非本单位安排的继续教育" in html and "不予报销学习费用" in html
    client_for("unit_tj_company").post(f"/records/people/{person.pk}/violation/", {
        "kind": "failed", "consequence": "criticism", "occurred_on": "2026-03-01"})
    assert person.ce_violations.count() == 1  # another unit's administrator gets a 404, nothing recorded


def test_verification_batches_are_scoped(world, client_for):
    from jxjy.records.services import verification_batch_create

    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=2025)
    assert client_for("unit_tj_company").get(f"/records/verification/{batch.pk}/").status_code == 404
    assert client_for("hr_quanzhou").get(f"/records/verification/{batch.pk}/").status_code == 404
    assert "鼓楼区人民医院" not in client_for("hr_quanzhou").get("/records/verification/").content.decode()
    assert "鼓楼区人民医院" in client_for("hr_fuzhou").get("/records/verification/").content.decode()
    assert client_for("unit_tj_company").get(f"/api/v1/verifications/batches/{batch.pk}/entries").status_code == 404


def test_decide_api_verifies_with_the_stamp_or_refuses_without_a_reason(world, client_for):
    from jxjy.records.services import verification_batch_create, verification_batch_submit

    full_year(world.people["tj_engineer"], timezone.localdate().year)  # compliant: 验证通过 needs no override
    batch = verification_batch_create(actor=world.users["unit_tj_company"], year=timezone.localdate().year)
    verification_batch_submit(actor=world.users["unit_tj_company"], batch=batch)
    entry = batch.entries.get()
    client = client_for("hr_fuzhou")
    refused = client.post(f"/api/v1/verifications/entries/{entry.pk}/decide", json.dumps({"verified": False}),
                          content_type="application/json")
    assert refused.status_code == 400 and refused.json()["field"] == "reason"
    assert client_for("hr_gulou").post(f"/api/v1/verifications/entries/{entry.pk}/decide", json.dumps({"verified": True}),
                                       content_type="application/json").status_code == 404
    ok = client.post(f"/api/v1/verifications/entries/{entry.pk}/decide", json.dumps({"verified": True}),
                     content_type="application/json")
    assert ok.status_code == 200 and ok.json()["stamp_name"] == "福州市人社局继续教育专用章"


@pytest.mark.parametrize("url", ["/records/", "/records/reviews/", "/records/verification/", "/records/gates/",
                                 "/records/declare/", "/records/verification/slots/"])
def test_pages_need_a_login_but_the_verification_page_does_not(world, client, url):
    assert client.get(url).status_code == 302
    assert client.get("/api/v1/records").status_code == 401


def test_providers_cannot_query_gates(world, client_for):
    response = client_for("provider_fz").post("/api/v1/gates", json.dumps({
        "purpose": "award", "year": 2026, "id_numbers": [world.people["gl_doctor"].id_number]}), content_type="application/json")
    assert response.status_code == 403


def test_direct_verification_api_stamps_those_who_completed_the_bureaus_class(world, client_for):
    """调训验证 (泉洛政人社[2017]27号 二（二）)."""
    person = world.people["gl_doctor"]
    recognised(person, dt.date(2026, 1, 5), hours=12, subject="public", source_ref="GL-DX-01")
    client = client_for("hr_gulou")
    ok = client.post("/api/v1/verifications/direct", json.dumps({"source_ref": "GL-DX-01", "id_numbers": [person.id_number]}),
                     content_type="application/json")
    assert ok.status_code == 200 and ok.json()[0]["kind"] == "direct" and ok.json()[0]["stamp_name"] == "鼓楼区人社局继续教育专用章"
    outside = client.post("/api/v1/verifications/direct", json.dumps({
        "source_ref": "GL-DX-01", "id_numbers": [world.people["lj_doctor"].id_number]}), content_type="application/json")
    assert outside.status_code == 400 and outside.json()["field"] == "id_numbers"


def test_a_bad_year_on_the_certificate_page_falls_back_to_this_year(world, client_for):
    response = client_for("pro_gl_doctor").get("/records/?year=abc")
    assert response.status_code == 200 and f"{timezone.localdate().year}年度完成情况" in response.content.decode()


def test_direct_verification_page_for_the_hr_bureau(world, client_for):
    person = world.people["gl_doctor"]
    recognised(person, dt.date(2026, 1, 5), hours=12, subject="public", source_ref="GL-DX-02")
    client = client_for("hr_gulou")
    client.post("/records/verification/special/", {"action": "direct", "d-source_ref": "GL-DX-02",
                                                   "d-id_numbers": person.id_number})
    assert person.verifications.get(kind="direct").stamp_name == "鼓楼区人社局继续教育专用章"
    page = client_for("unit_gl_hospital").get("/records/verification/special/").content.decode()
    assert "本页由人社局或教育行政部门办理" in page
