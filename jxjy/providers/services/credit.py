"""Credit records and the credit grade (信用档案, 信用等级), computed by the scheme in credit_scheme.toml."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.db import transaction

from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import Provider

from ..choices import CreditEventKind
from ..models import CEBase, CreditEvent, Teacher
from ..scheme import CreditScheme, Grade, scheme
from ._common import add_years, today


@transaction.atomic
def provider_credit_event_record(
    *,
    actor: Any,
    provider: Provider | None = None,
    teacher: Teacher | None = None,
    kind: str,
    occurred_on: dt.date,
    source: str,
    description: str,
    points: Decimal | int | None = None,
) -> CreditEvent:
    """Adds a dated entry to a provider's or a teacher's credit record. Other apps call this for their
    findings (training inspections, upheld objections, late recognition); `actor` may be None for a task.
    Without `points` the scheme's default for `kind` is stored, so later scheme changes don't rewrite history."""
    if (provider is None) == (teacher is None):
        raise ApplicationError("信用记录必须且只能对应一个施教机构或一名教师")
    if kind not in CreditEventKind.values:
        raise ApplicationError(f"未知的信用记录类别：{kind}", field="kind")
    if not source.strip():
        raise ApplicationError("请注明信用记录的来源", field="source")
    event = CreditEvent(
        provider=provider, teacher=teacher, kind=kind, occurred_on=occurred_on, source=source.strip(),
        description=description.strip() or CreditEventKind(kind).label,
        points=Decimal(points) if points is not None else scheme().default_points(kind),
        recorded_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    event.full_clean()
    event.save()
    audit_record(actor=actor, action="create", obj=event, after=snapshot(event), message=f"信用记录：{event}")
    return event


@dataclass(frozen=True)
class CreditResult:
    score: Decimal
    grade: Grade
    counted: int


def credit_score(
    *, events: Iterable[tuple[dt.date, Decimal]], on: dt.date, revoked_on: Iterable[dt.date] = (),
    config: CreditScheme | None = None,
) -> CreditResult:
    """Pure computation of the scheme: base + points of events in the window, clamped; graded; capped
    when a base was revoked within the window. `events` are (occurred_on, points) pairs."""
    cfg = config or scheme()
    window_start = add_years(on, -cfg.window_years)
    counted = [(day, pts) for day, pts in events if window_start < day <= on]
    raw = cfg.base_score + sum((pts for _, pts in counted), Decimal(0))
    score = min(max(raw, cfg.min_score), cfg.max_score)
    grade = cfg.grade_for(score)
    if any(window_start < day <= on for day in revoked_on):
        cap = cfg.grade_named(cfg.revoked_cap)
        if grade.min > cap.min:
            grade = cap
    return CreditResult(score=score, grade=grade, counted=len(counted))


def provider_credit(*, provider: Provider, on: dt.date | None = None) -> CreditResult:
    day = on or today()
    events = CreditEvent.objects.filter(provider=provider).values_list("occurred_on", "points")
    revoked = [d for d in CEBase.objects.filter(provider=provider, revoked_on__isnull=False).values_list(
        "revoked_on", flat=True) if d is not None]
    return credit_score(events=list(events), on=day, revoked_on=revoked)


def teacher_credit(*, teacher: Teacher, on: dt.date | None = None) -> CreditResult:
    events = CreditEvent.objects.filter(teacher=teacher).values_list("occurred_on", "points")
    return credit_score(events=list(events), on=on or today())
