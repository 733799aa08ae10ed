"""Officers' page for recomputing standings: the rebuild jobs of their jurisdiction with live
progress (htmx), stale rule-set versions, and a request to recompute a region."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.scoping import get_in_scope
from jxjy.regions.models import Region

from .models import Standing, StandingRebuild
from .services.standings import standing_rebuild_request, standings_stale


def _officer(request: HttpRequest) -> Any:
    user: Any = request.user
    if user.role != Role.HR_OFFICER and not user.is_superuser:
        raise Http404("未找到该页面，或您无权访问")
    return user


@login_required
def rebuild_list_view(request: HttpRequest) -> HttpResponse:
    user = _officer(request)
    jobs = restrict(StandingRebuild.objects.select_related("region", "requested_by"), user)
    if request.method == "POST":
        reason = request.POST.get("reason", "").strip()
        try:
            if not reason or len(reason) > 200:
                raise ApplicationError("请填写重新计算的原因（200字以内）", field="reason")
            region = get_in_scope(Region.objects.all(), user, pk=request.POST.get("region") or 0)
            job = standing_rebuild_request(actor=user, region=region, reason=reason, from_totals=False)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, f"已排队重新计算{region.name}的达标情况（{job.total}人）")
        return redirect("records:standing_rebuilds")
    regions = restrict(Region.objects.order_by("path"), user)[:500]
    context = {"regions": regions, "stale": standings_stale(restrict(Standing.objects.all(), user)), **paginate(request, jobs)}
    if request.headers.get("HX-Request"):
        return render(request, "records/_rebuild_rows.html", context)
    return render(request, "records/standing_rebuilds.html", context)
