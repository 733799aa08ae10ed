from __future__ import annotations

from typing import Any

from django.db.models import Count, Q, QuerySet

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope

from .models import EmployerUnit, HRBureau, IndustryAuthority, Provider


def hr_bureau_list(*, user: Any, q: str = "") -> QuerySet[HRBureau]:
    qs = restrict(HRBureau.objects.select_related("region"), user)
    return qs.filter(name__icontains=q) if q else qs


def hr_bureau_get(*, user: Any, pk: int) -> HRBureau:
    return get_in_scope(HRBureau.objects.select_related("region"), user, pk=pk)


def authority_list(*, user: Any, q: str = "", sector: str = "") -> QuerySet[IndustryAuthority]:
    qs = restrict(IndustryAuthority.objects.select_related("region"), user)
    if q:
        qs = qs.filter(name__icontains=q)
    if sector:
        qs = qs.filter(sector=sector)
    return qs


def authority_get(*, user: Any, pk: int) -> IndustryAuthority:
    return get_in_scope(IndustryAuthority.objects.select_related("region"), user, pk=pk)


def unit_list(
    *, user: Any, q: str = "", sector: str = "", ownership: str = "", region_id: int | None = None
) -> QuerySet[EmployerUnit]:
    qs = restrict(EmployerUnit.objects.select_related("region", "supervising_authority"), user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(credit_code__startswith=q.upper()))
    if sector:
        qs = qs.filter(sector=sector)
    if ownership:
        qs = qs.filter(ownership=ownership)
    if region_id:
        qs = qs.filter(region__path__contains=f"/{_region_code(region_id)}/")
    return qs


def unit_list_with_counts(**kwargs: Any) -> QuerySet[EmployerUnit]:
    return unit_list(**kwargs).annotate(professional_count=Count("professionals")).order_by("region__path", "name")


def unit_get(*, user: Any, pk: int) -> EmployerUnit:
    return get_in_scope(EmployerUnit.objects.select_related("region", "supervising_authority"), user, pk=pk)


def provider_list(*, user: Any, q: str = "") -> QuerySet[Provider]:
    qs = restrict(Provider.objects.select_related("region", "supervising_authority"), user)
    return qs.filter(name__icontains=q) if q else qs


def provider_get(*, user: Any, pk: int) -> Provider:
    return get_in_scope(Provider.objects.select_related("region", "supervising_authority"), user, pk=pk)


def _region_code(region_id: int) -> str:
    from jxjy.regions.models import Region

    return Region.objects.filter(pk=region_id).values_list("code", flat=True).first() or "-"
