"""Reads of this app, always through `restrict` (jurisdiction in one place)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from typing import Any

from django.apps import apps
from django.core.exceptions import FieldDoesNotExist, FieldError
from django.db import DatabaseError
from django.db.models import QuerySet
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope
from jxjy.people.models import Professional
from jxjy.regions.procedures import region_procedure

from .choices import RecordStatus, ReviewStage, VerificationKind, VerificationOutcome
from .models import (
    Certificate,
    LearningRecord,
    MakeUpObligation,
    VerificationBatch,
    VerificationEntry,
    VerificationExemption,
    VerificationSlot,
    Violation,
)
from .services.verification import default_deadline


def record_list(*, user: Any, year: int | None = None, status: str = "") -> QuerySet[LearningRecord]:
    qs = restrict(LearningRecord.objects.select_related("professional", "provider"), user)
    if year:
        qs = qs.filter(year=year)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-date", "-id")


def record_get(*, user: Any, pk: int) -> LearningRecord:
    return get_in_scope(LearningRecord.objects.select_related("professional__unit", "professional__region"), user, pk=pk)


def review_queue(*, user: Any) -> QuerySet[LearningRecord]:
    """Records waiting at a stage this user acts on."""
    return (
        restrict(LearningRecord.objects.select_related("professional__unit"), user, "change")
        .filter(status=RecordStatus.PENDING)
        .exclude(review_stage=ReviewStage.DONE)
        .prefetch_related("evidence")
        .order_by("created_at", "id")
    )


def professional_get(*, user: Any, pk: int) -> Professional:
    return get_in_scope(Professional.objects.select_related("unit", "region", "title"), user, pk=pk)


def certificate_get(*, user: Any, pk: int) -> Certificate:
    return get_in_scope(Certificate.objects.select_related("professional", "series__hr_bureau", "series__authority"), user, pk=pk)


def certificate_list(*, user: Any) -> QuerySet[Certificate]:
    return restrict(Certificate.objects.select_related("professional", "series"), user)


def entries_by_year(professional: Professional) -> list[tuple[int, list[LearningRecord]]]:
    """The certificate's entries: the person's recognised records grouped by (counted) year, newest first."""
    grouped: dict[int, list[LearningRecord]] = defaultdict(list)
    for r in LearningRecord.objects.filter(professional=professional, status=RecordStatus.RECOGNISED).select_related("provider").order_by("date", "id"):
        grouped[r.counted_year].append(r)
    return sorted(grouped.items(), reverse=True)


def stamps(professional: Professional) -> QuerySet[VerificationEntry]:
    return VerificationEntry.objects.filter(professional=professional).select_related("stamped_by").order_by("-year", "-id")


def outstanding_make_up(professional: Professional) -> QuerySet[MakeUpObligation]:
    return MakeUpObligation.objects.filter(professional=professional, met_at__isnull=True).order_by("year")


def violations(professional: Professional) -> QuerySet[Violation]:
    return Violation.objects.filter(professional=professional)


def verification_status(professional: Professional, year: int, *, today: dt.date | None = None) -> str:
    """verified / not_verified / forfeited / pending / exempt / open (the deadline has not passed)."""
    today = today or timezone.localdate()
    entry = VerificationEntry.objects.filter(professional=professional, year=year, kind=VerificationKind.BATCH).first()
    if entry is not None:
        return str(entry.outcome)
    if VerificationExemption.objects.filter(professional=professional, first_year__lte=year, last_year__gte=year).exists():
        return "exempt"
    region = professional.unit.region
    if today <= default_deadline(year, region):  # the rule set of the unit's region (or the stated default)
        return "open"
    forfeits = region_procedure(region, "verification_late_forfeits", dt.date(year, 12, 31))
    return VerificationOutcome.FORFEITED if forfeits.value else "open"


def batch_list(*, user: Any) -> QuerySet[VerificationBatch]:
    return restrict(VerificationBatch.objects.select_related("unit", "slot"), user).order_by("-year", "unit__name")


def batch_get(*, user: Any, pk: int) -> VerificationBatch:
    return get_in_scope(VerificationBatch.objects.select_related("unit__region", "slot__hr_bureau"), user, pk=pk)


def batch_entries(*, user: Any, batch: VerificationBatch) -> QuerySet[VerificationEntry]:
    return restrict(
        batch.entries.select_related("professional__title", "professional__ce_certificate", "reviewer_bureau",
                                     "reviewer_authority", "stamped_by"),
        user,
    ).order_by("professional__name", "id")


def entry_get(*, user: Any, pk: int, action: str = "view") -> VerificationEntry:
    return get_in_scope(VerificationEntry.objects.select_related("batch", "professional"), user, action=action, pk=pk)  # type: ignore[arg-type]


def slot_list(*, user: Any, year: int | None = None) -> QuerySet[VerificationSlot]:
    qs = restrict(VerificationSlot.objects.select_related("hr_bureau"), user)
    return qs.filter(year=year) if year else qs


def open_offerings(professional: Professional, subjects: set[str], *, today: dt.date | None = None,
                   limit: int = 10) -> list[dict[str, Any]]:
    """Approved classes (not yet over) and listed online courses (still valid) of the person's
    region or the regions above it, in the subjects that fall short, for the person's series/level.

    The catalogues belong to the training and online apps and are read defensively, so this page
    keeps working while those apps change."""
    today = today or timezone.localdate()
    codes = professional.region.ancestor_codes()
    found: list[dict[str, Any]] = []
    sources = (
        ("training.TrainingClass", "培训班",
         {"status": "approved", "end_date__gte": today, "approving_bureau__region__code__in": codes}, "name", "total_hours"),
        ("online.Course", "网络课程",
         {"status": "approved", "valid_from__lte": today, "region__code__in": codes}, "title", "hours"),
    )
    for label, kind, filters, name_field, hours_field in sources:
        try:
            model = apps.get_model(label)
            qs = model._default_manager.filter(**filters)
            if subjects:
                qs = qs.filter(subject__in=subjects)
            if label == "online.Course":
                qs = qs.exclude(valid_to__lt=today)
            for obj in qs[: limit * 3]:
                series, levels = getattr(obj, "target_series", []) or [], getattr(obj, "target_levels", []) or []
                if (series and professional.series not in series) or (levels and professional.level not in levels):
                    continue
                found.append({"kind": kind, "name": getattr(obj, name_field), "hours": getattr(obj, hours_field, None),
                              "subject": obj.subject})
        except (LookupError, FieldDoesNotExist, FieldError, ValueError, TypeError, DatabaseError):  # noqa: S112
            continue  # a catalogue mid-construction must not break the certificate page
    return found[:limit]
