"""Approval numbers (批准号) and certificate-number blocks (证书号): unique and gap-free per bureau and year.

Each series has one counter row; issuing locks it with SELECT … FOR UPDATE inside the caller's
transaction, so two officers approving at the same instant queue on the row and get consecutive numbers."""

from __future__ import annotations

from django.db import transaction

from jxjy.orgs.models import HRBureau

from ..models import NumberCounter, TrainingClass
from .config import settings_for


def issue_block(*, bureau: HRBureau, series: str, year: int, count: int) -> int:
    """Reserves `count` consecutive numbers and answers the first."""
    assert transaction.get_connection().in_atomic_block, "numbers are issued inside the approving transaction"
    if count < 1:
        raise ValueError("count must be positive")
    NumberCounter.objects.get_or_create(hr_bureau=bureau, series=series, year=year)
    counter = NumberCounter.objects.select_for_update().get(hr_bureau=bureau, series=series, year=year)
    first = counter.last + 1
    counter.last += count
    counter.save(update_fields=["last"])
    return first


def format_approval_no(bureau: HRBureau, year: int, seq: int) -> str:
    return settings_for(bureau).approval_no_format.format(year=year, seq=seq)


def format_certificate_no(training_class: TrainingClass, seq: int | None) -> str:
    if seq is None:
        return ""
    return settings_for(training_class.approving_bureau).certificate_no_format.format(
        year=training_class.certificate_year, seq=seq)
