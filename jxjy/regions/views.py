from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jxjy.accounts.policy import restrict
from jxjy.core.listing import paginate
from jxjy.orgs.models import EmployerUnit
from jxjy.people.models import Professional
from jxjy.records.standing_lists import standing_summary, standing_year_choices, standing_year_from

from .models import RegionLevel
from .selectors import region_get, region_list


@login_required
def region_list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    level = request.GET.get("level", "")
    regions = region_list(user=request.user, q=q, level=level)
    return render(
        request,
        "regions/list.html",
        {**paginate(request, regions), "q": q, "level": level, "levels": RegionLevel.choices},
    )


@login_required
def region_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    region = region_get(user=request.user, pk=pk)
    children = region_list(user=request.user, parent_id=region.pk)
    units = restrict(EmployerUnit.objects.filter(region__path__startswith=region.path), request.user)
    people = restrict(Professional.objects.filter(region__path__startswith=region.path), request.user)
    year, year_error = standing_year_from(request.GET.get("year"))
    return render(
        request,
        "regions/detail.html",
        {
            "region": region,
            "ancestors": region.ancestors(),
            "children": children,
            "unit_count": units.count(),
            "professional_count": people.count(),
            "ruleset_id": region.effective_ruleset_id(),
            "bureau": getattr(region, "hr_bureau", None),
            "summary": standing_summary(user=request.user, year=year, region_path=region.path),
            "year_error": year_error,
            "year_choices": standing_year_choices(),
            "list_query": f"region={region.pk}",
        },
    )
