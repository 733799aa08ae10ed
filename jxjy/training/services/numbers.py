"""Approval numbers (批准号) and certificate-number blocks (证书号): unique and gap-free per bureau and year.

Both series take their numbers from the one numbering service (`jxjy.numbering`), which locks the
series row with SELECT … FOR UPDATE inside the caller's transaction, so two officers approving at the
same instant queue on the row and get consecutive numbers."""

from __future__ import annotations

from jxjy.numbering.services import Series, number_allocate, scope_of
from jxjy.orgs.models import HRBureau

from ..models import TrainingClass
from .config import settings_for

_SERIES = {"approval": Series.APPROVAL, "certificate": Series.CLASS_CERTIFICATE}


def issue_block(*, bureau: HRBureau, series: str, year: int, count: int) -> int:
    """Reserves `count` consecutive numbers of the bureau's approval ("approval") or class
    certificate ("certificate") series of `year` and answers the first."""
    return number_allocate(series=_SERIES[series], scope=scope_of("bureau", bureau.pk), year=year, count=count)


def format_approval_no(bureau: HRBureau, year: int, seq: int) -> str:
    return settings_for(bureau).approval_no_format.format(year=year, seq=seq)


def format_certificate_no(training_class: TrainingClass, seq: int | None) -> str:
    if seq is None:
        return ""
    return settings_for(training_class.approving_bureau).certificate_no_format.format(
        year=training_class.certificate_year, seq=seq)
