"""What the public sees without logging in (河南 2012 六(二): 如实向社会公告其培训科目、培训教师、培训地点、
收费项目和标准及设施等情况; 榕人专〔2009〕145号 五: 信用档案定期向社会公开). Only published facts."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Avg, Count, Prefetch, QuerySet
from django.http import Http404

from jxjy.orgs.models import Provider

from ..choices import TeacherStatus
from ..models import Announcement, CEBase, Engagement, Teacher, TeacherRating, TraineeEvaluation
from ..services.credit import CreditResult, provider_credit
from ..services.fees import fee_standard_in_force


def public_providers() -> QuerySet[Provider]:
    """Providers that are or were CE bases (revoked ones stay listed, with their revocation)."""
    return (
        Provider.objects.filter(ce_bases__isnull=False).distinct().select_related("region")
        .prefetch_related(Prefetch("ce_bases", queryset=CEBase.objects.order_by("tier", "-valid_from")))
        .order_by("region__path", "name")
    )


@dataclass
class CreditRow:
    provider: Provider
    bases: list[CEBase]
    credit: CreditResult


def public_credit_list(*, on: dt.date, grade: str = "") -> list[CreditRow]:
    rows = [CreditRow(p, list(p.ce_bases.all()), provider_credit(provider=p, on=on)) for p in public_providers()]
    if grade:
        rows = [r for r in rows if r.credit.grade.grade == grade]
    return rows


@dataclass
class PublicProvider:
    provider: Provider
    bases: list[CEBase]
    announcements: list[Announcement]
    teachers: list[tuple[Teacher, Any]]
    courses: list[Any]
    fee_standard: Any
    credit: CreditResult
    evaluation_average: float | None
    evaluation_count: int


def public_provider_get(*, pk: int, on: dt.date) -> PublicProvider:
    provider = public_providers().filter(pk=pk).first()
    if provider is None:
        raise Http404("未找到该继续教育基地")
    teachers = [
        e.teacher for e in Engagement.objects.filter(provider=provider, teacher__status=TeacherStatus.ACTIVE)
        .select_related("teacher").order_by("teacher__name")
    ]
    scores = dict(
        TeacherRating.objects.filter(teacher__in=teachers).values("teacher").annotate(a=Avg("score"))
        .values_list("teacher", "a")
    )
    evaluations = TraineeEvaluation.objects.filter(training_class__provider=provider).aggregate(
        a=Avg("overall_score"), n=Count("pk"))
    return PublicProvider(
        provider=provider,
        bases=list(provider.ce_bases.all()),
        announcements=list(Announcement.objects.filter(base__provider=provider)),
        teachers=[(t, scores.get(t.pk)) for t in teachers],
        courses=_courses(provider, on),
        fee_standard=fee_standard_in_force(region=provider.region, on=on),
        credit=provider_credit(provider=provider, on=on),
        evaluation_average=evaluations["a"],
        evaluation_count=evaluations["n"],
    )


def _courses(provider: Provider, on: dt.date) -> list[Any]:
    """The provider's approved classes of the last year and ahead (name, dates, place, hours, fee)."""
    try:
        from jxjy.training.models import TrainingClass

        return list(
            TrainingClass.objects.filter(
                provider=provider, status__in=("approved", "recognition_submitted", "recognised"),
                end_date__gte=on - dt.timedelta(days=365),
            ).order_by("start_date")[:50]
        )
    except (ImportError, LookupError):
        return []


def recent_announcements(limit: int = 20) -> list[Announcement]:
    return list(Announcement.objects.select_related("base")[:limit])
