from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jxjy.accounts.policy import restrict
from jxjy.core.listing import paginate
from jxjy.people.models import Professional
from jxjy.people.selectors import level_counts
from jxjy.records.standing_lists import standing_summary, standing_year_choices, standing_year_from

from . import selectors
from .models import Ownership, Sector

TABS = [
    ("orgs:unit_list", "用人单位"),
    ("orgs:authority_list", "行业主管部门"),
    ("orgs:bureau_list", "人社局"),
    ("orgs:provider_list", "施教机构"),
]


def _list(request: HttpRequest, kind: str, queryset: Any, **extra: Any) -> HttpResponse:
    return render(
        request,
        f"orgs/{kind}_list.html",
        {**paginate(request, queryset), "tabs": TABS, "q": request.GET.get("q", ""), **extra},
    )


@login_required
def unit_list_view(request: HttpRequest) -> HttpResponse:
    sector = request.GET.get("sector", "")
    ownership = request.GET.get("ownership", "")
    units = selectors.unit_list_with_counts(
        user=request.user, q=request.GET.get("q", "").strip(), sector=sector, ownership=ownership
    )
    return _list(
        request, "unit", units, sector=sector, ownership=ownership, sectors=Sector.choices, ownerships=Ownership.choices
    )


@login_required
def unit_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, pk=pk)
    people = restrict(Professional.objects.filter(unit=unit), request.user)
    year, year_error = standing_year_from(request.GET.get("year"))
    return render(
        request,
        "orgs/unit_detail.html",
        {
            "unit": unit,
            "professional_count": people.count(),
            "level_counts": level_counts(people),
            "summary": standing_summary(user=request.user, year=year, unit_id=unit.pk),
            "year_error": year_error,
            "year_choices": standing_year_choices(),
            "list_query": f"unit={unit.pk}",
        },
    )


@login_required
def authority_list_view(request: HttpRequest) -> HttpResponse:
    sector = request.GET.get("sector", "")
    items = selectors.authority_list(user=request.user, q=request.GET.get("q", "").strip(), sector=sector)
    return _list(request, "authority", items, sector=sector, sectors=Sector.choices)


@login_required
def authority_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    authority = selectors.authority_get(user=request.user, pk=pk)
    units = selectors.unit_list(user=request.user).filter(supervising_authority=authority)
    return render(request, "orgs/authority_detail.html", {"authority": authority, "units": units[:50], "unit_count": units.count()})


@login_required
def bureau_list_view(request: HttpRequest) -> HttpResponse:
    return _list(request, "bureau", selectors.hr_bureau_list(user=request.user, q=request.GET.get("q", "").strip()))


@login_required
def bureau_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    bureau = selectors.hr_bureau_get(user=request.user, pk=pk)
    direct = selectors.unit_list(user=request.user).filter(region=bureau.region, supervising_authority__isnull=True)
    return render(request, "orgs/bureau_detail.html", {"bureau": bureau, "direct_units": direct[:50], "direct_count": direct.count()})


@login_required
def provider_list_view(request: HttpRequest) -> HttpResponse:
    return _list(request, "provider", selectors.provider_list(user=request.user, q=request.GET.get("q", "").strip()))


@login_required
def provider_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    provider = selectors.provider_get(user=request.user, pk=pk)
    return render(request, "orgs/provider_detail.html", {"provider": provider})
