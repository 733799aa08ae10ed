"""The certificate: one per person, numbered by the issuing authority in a gap-free series
(继续教育证书统一由主管部门编号, 榕人专〔2009〕145号 三; issue 5 item 2)."""

from __future__ import annotations

import pytest
from django.db import IntegrityError

from jxjy.core.errors import ConflictError, PermissionDenied
from jxjy.core.testing import make_professional
from jxjy.numbering.services import Series, number_last
from jxjy.records import codes
from jxjy.records.models import Certificate
from jxjy.records.services import certificate_issue, certificate_revoke

pytestmark = pytest.mark.django_db


def test_numbers_run_gap_free_per_issuer(world):
    hr = world.users["hr_gulou"]
    people = [make_professional(world.gl_hospital, f"人员{i}") for i in range(3)]
    numbers = [certificate_issue(actor=hr, professional=p).number for p in people]
    assert numbers == [1, 2, 3]
    other = certificate_issue(actor=world.users["auth_fz_health"], professional=world.people["gl_doctor"])
    assert other.number == 1 and other.series != people[0].ce_certificate.series  # its own series
    assert Certificate.objects.get(professional=people[2]).certificate_no == "350102RS0000003"


def test_a_failed_issue_does_not_consume_a_number(world, monkeypatch):
    hr = world.users["hr_gulou"]
    a, b = make_professional(world.gl_hospital, "甲"), make_professional(world.gl_hospital, "乙")
    certificate_issue(actor=hr, professional=a)
    with pytest.raises(ConflictError):
        certificate_issue(actor=hr, professional=a)  # second certificate for the same person

    def boom(**_kw):
        raise RuntimeError("audit down")

    monkeypatch.setattr("jxjy.records.services.certificates.audit_record", boom)
    with pytest.raises(RuntimeError):
        certificate_issue(actor=hr, professional=b)  # fails after the number was allocated
    monkeypatch.undo()
    assert certificate_issue(actor=hr, professional=b).number == 2
    assert number_last(series=Series.CE_CERTIFICATE, scope=f"bureau:{world.bureaus['350102'].pk}") == 2


def test_database_refuses_a_duplicate_number_in_a_series(world):
    hr = world.users["hr_gulou"]
    first = certificate_issue(actor=hr, professional=make_professional(world.gl_hospital, "甲"))
    with pytest.raises(IntegrityError):
        Certificate.objects.create(professional=make_professional(world.gl_hospital, "乙"), series=first.series,
                                   number=1, certificate_no="X1", issued_on=first.issued_on, issued_by=hr)


def test_only_officers_over_the_person_issue(world):
    with pytest.raises(PermissionDenied):
        certificate_issue(actor=world.users["unit_gl_hospital"], professional=world.people["gl_doctor"])
    with pytest.raises(PermissionDenied):  # 泉州's bureau has no jurisdiction over 鼓楼
        certificate_issue(actor=world.users["hr_quanzhou"], professional=world.people["gl_doctor"])


def test_revocation_keeps_the_number_and_needs_a_reason(world):
    hr = world.users["hr_gulou"]
    cert = certificate_issue(actor=hr, professional=world.people["gl_doctor"])
    with pytest.raises(Exception, match="原因"):
        certificate_revoke(actor=hr, certificate=cert, reason=" ")
    certificate_revoke(actor=hr, certificate=cert, reason="弄虚作假")
    cert.refresh_from_db()
    assert cert.revoked and cert.number == 1


def test_signed_code_round_trips_and_a_tampered_or_invented_code_is_invalid():
    code = codes.make_code("certificate", 42)
    assert codes.read_code(code) == codes.CodeTarget("certificate", 42)
    tampered = code[:-1] + ("A" if code[-1] != "A" else "B")
    assert codes.read_code(tampered) is None
    assert codes.read_code("eyJrIjoiYyIsImkiOjF9:abc:def") is None
    assert codes.read_code(codes.make_code("record", 7)) == codes.CodeTarget("record", 7)
