"""The numbered 公共科目合格证: gap-free numbers per issuing region and year, a signed
verification code, and the PDF with a QR code pointing at the public verification page."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core import signing
from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.numbering.services import Series, number_allocate, scope_of
from jxjy.regions.models import Region
from jxjy.rules import UnknownRuleset, procedure

from ..models import Enrolment, PassCertificate
from ._common import audit

SIGNING_SALT = "jxjy.online.pass-certificate"


def pass_certificate_region(region: Region, on: dt.date | None = None) -> Region | None:
    """The region whose rules issue the certificate: the nearest one (itself or above) naming the
    rule set in force, where that rule set defines the certificate (``pass_certificate_issued``,
    常人社发〔2011〕11号 第九条); None where it does not."""
    ruleset_id = region.effective_ruleset_id()
    try:
        issued = bool(ruleset_id) and procedure(ruleset_id, "pass_certificate_issued", on or timezone.localdate()).value
    except UnknownRuleset:
        issued = False
    if not issued:
        return None
    for candidate in reversed(region.ancestors(include_self=True)):
        if candidate.ruleset_id == ruleset_id:
            return candidate
    return None


def _next_serial(region: Region, year: int) -> int:
    return number_allocate(series=Series.PASS_CERTIFICATE, scope=scope_of("region", region.pk), year=year)


@transaction.atomic
def pass_certificate_issue(*, actor: Any, enrolment: Enrolment) -> PassCertificate:
    """Issues the certificate once per enrolment; the number comes from a locked counter so
    concurrent passes never skip or repeat a number."""
    existing = PassCertificate.objects.filter(enrolment=enrolment).first()
    if existing is not None:
        return existing
    region = pass_certificate_region(enrolment.professional.region)
    if region is None:
        from jxjy.core.errors import ConflictError

        raise ConflictError("本地区不颁发公共科目合格证")
    now = timezone.now()
    year = timezone.localdate(now).year
    serial = _next_serial(region, year)
    certificate = PassCertificate(
        number=f"GG{region.code}{year}{serial:06d}", enrolment=enrolment, professional=enrolment.professional,
        region=region, year=year, serial=serial, issued_at=now,
    )
    certificate.full_clean()
    certificate.save()
    audit(actor=actor, obj=certificate, action=AuditAction.CREATE, message=f"颁发公共科目合格证 {certificate.number}",
          region_path=enrolment.professional.region.path)
    return certificate


def verification_code(certificate: PassCertificate) -> str:
    """The Django-signed code printed on certificates before the Ed25519 signatures
    (`jxjy.credentials`); the one verification page still accepts such codes."""
    return signing.Signer(salt=SIGNING_SALT).sign(certificate.number)


def certificate_from_code(code: str) -> PassCertificate | None:
    try:
        number = signing.Signer(salt=SIGNING_SALT).unsign(code)
    except signing.BadSignature:
        return None
    return (
        PassCertificate.objects.select_related("professional", "region", "enrolment__course__provider")
        .filter(number=number).first()
    )
