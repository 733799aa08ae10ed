"""Reads of the teacher pool, scoped; search by specialty; training warnings."""

from __future__ import annotations

from typing import Any

from django.db.models import Avg, Q, QuerySet
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope

from ..models import Teacher
from ..services.teachers import TrainingStatus, teacher_training_status


def teacher_list(*, user: Any, specialty: str = "", status: str = "", employment: str = "") -> QuerySet[Teacher]:
    qs = restrict(Teacher.objects.select_related("home_provider"), user).annotate(
        evaluation=Avg("ratings__score")).distinct()
    if specialty:
        qs = qs.filter(Q(specialties__icontains=specialty) | Q(courses_taught__icontains=specialty))
    if status:
        qs = qs.filter(status=status)
    if employment:
        qs = qs.filter(employment=employment)
    return qs.order_by("name", "id")


def teacher_get(*, user: Any, pk: int) -> Teacher:
    return get_in_scope(Teacher.objects.select_related("home_provider__region"), user, pk=pk)


def training_warnings(*, teachers: list[Teacher], year: int) -> dict[int, TrainingStatus]:
    out: dict[int, TrainingStatus] = {}
    for t in teachers:
        status = teacher_training_status(teacher=t, year=year)
        if status is not None:
            out[t.pk] = status
    return out


def current_year() -> int:
    return timezone.localdate().year
