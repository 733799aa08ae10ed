"""The dashboard: charts (ECharts, from our own static files) with their tables one click away."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from ..scope import home_region, scope_for
from ..selectors import dashboard
from .common import int_param, year_param


@login_required
def dashboard_view(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user, region_code=request.GET.get("region", ""), unit_id=int_param(request, "unit"))
    year = year_param(request)
    data: dict[str, Any] = {
        "compliance": dashboard.compliance_by_area(scope, year),
        "hours": dashboard.hours_over_time(scope, year),
        "months": dashboard.classes_by_month(scope, year),
        "providers": dashboard.provider_ranking(scope, year),
    }
    data["compliance_total"] = dashboard.compliance_total(data["compliance"])
    for row in data["compliance"]:
        if "region" in row:
            row["url"] = f"?region={row['region']}&year={year}"
        elif "unit" in row:
            row["url"] = f"?region={scope.region.code}&unit={row['unit']}&year={year}"
    assert request.user.is_authenticated
    crumbs = dashboard.breadcrumbs(scope, home_region(request.user))  # type: ignore[arg-type]
    return render(request, "stats/dashboard.html", {
        "scope": scope, "year": year, "data": data, "crumbs": crumbs, "total": data["compliance_total"],
        "years": list(range(year - 4, year + 2)),
        "drill_units": bool(data["compliance"]) and "unit" in data["compliance"][0],
    })
