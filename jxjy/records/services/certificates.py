"""Issuing and revoking the CE certificate; numbers come from a gap-free series per issuer."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.numbering.services import Series, number_allocate, scope_of
from jxjy.orgs.models import HRBureau, IndustryAuthority
from jxjy.people.models import Professional

from ..models import Certificate, CertificateSeries


def _series_for(issuer: HRBureau | IndustryAuthority) -> CertificateSeries:
    if isinstance(issuer, HRBureau):
        series, _ = CertificateSeries.objects.get_or_create(
            hr_bureau=issuer, defaults={"prefix": f"{issuer.region.code}RS"}
        )
    else:
        series, _ = CertificateSeries.objects.get_or_create(
            authority=issuer, defaults={"prefix": f"{issuer.region.code}{issuer.sector[:2].upper()}{issuer.pk}"}
        )
    return series


def certificate_number_scope(series: CertificateSeries) -> str:
    """The issuer's scope in the one numbering service."""
    if series.hr_bureau_id is not None:
        return scope_of("bureau", series.hr_bureau_id)
    return scope_of("authority", series.authority_id or 0)


def _allocate(series: CertificateSeries) -> int:
    """The next number of the issuer's series, under a row lock, in the caller's transaction (no gaps)."""
    return number_allocate(series=Series.CE_CERTIFICATE, scope=certificate_number_scope(series))


@transaction.atomic
def certificate_issue(*, actor: User, professional: Professional) -> Certificate:
    """继续教育证书统一由主管部门编号 (榕人专〔2009〕145号 三): the issuing officer's authority or
    HR bureau numbers it in its own series."""
    issuer: HRBureau | IndustryAuthority | None
    if actor.role == Role.HR_OFFICER:
        issuer = actor.hr_bureau
    elif actor.role == Role.AUTHORITY_OFFICER:
        issuer = actor.industry_authority
    else:
        issuer = None
    if issuer is None or not can(actor, "view", professional):
        raise PermissionDenied("只有主管部门或人社局经办人员可以为管辖范围内的人员发放证书")
    if Certificate.objects.filter(professional=professional).exists():
        raise ConflictError("该人员已有继续教育证书")
    series = _series_for(issuer)
    number = _allocate(series)
    certificate = Certificate(
        professional=professional,
        series=series,
        number=number,
        certificate_no=f"{series.prefix}{number:07d}",
        issued_on=timezone.localdate(),
        issued_by=actor,
    )
    certificate.full_clean()
    certificate.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=certificate, after=snapshot(certificate),
        region_path=professional.region.path, message=f"发放继续教育证书 {certificate.certificate_no}",
    )
    return certificate


@transaction.atomic
def certificate_revoke(*, actor: User, certificate: Certificate, reason: str) -> Certificate:
    """Revocation keeps the number (the series stays gap-free); the verification page shows it revoked."""
    if not can(actor, "change", certificate):
        raise PermissionDenied("您无权撤销该证书")
    if certificate.revoked:
        raise ConflictError("该证书已撤销")
    if not reason.strip():
        raise ApplicationError("请填写撤销原因", field="reason")
    before = snapshot(certificate)
    certificate.revoked_at = timezone.now()
    certificate.revoke_reason = reason.strip()
    certificate.full_clean()
    certificate.save(update_fields=["revoked_at", "revoke_reason"])
    audit_record(
        actor=actor, action=AuditAction.TRANSITION, obj=certificate, before=before, after=snapshot(certificate),
        region_path=certificate.professional.region.path, message=f"撤销证书：{reason.strip()}",
    )
    return certificate
