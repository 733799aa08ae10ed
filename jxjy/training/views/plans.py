"""Annual plan pages: file, submit, review and the public list of approved projects."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jxjy.core.bounds import year_or_none
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate

from .. import clock
from ..choices import PlanStatus
from ..forms import PlanItemFormSet
from ..selectors import plan_get, plan_list, published_plan_items
from ..services.config import settings_for
from ..services.plans import (
    plan_deadline,
    plan_deadline_of,
    training_plan_approve,
    training_plan_create,
    training_plan_return,
    training_plan_submit,
)
from .common import run

_FILERS = {"provider_admin", "authority_officer", "unit_admin"}


@login_required
def plan_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "training/plan_list.html", {
        **paginate(request, plan_list(user=request.user)),
        "may_file": getattr(request.user, "role", "") in _FILERS,
    })


@login_required
def plan_create_view(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", "") not in _FILERS:
        return HttpResponse("只有施教机构、行业主管部门和单位可以填报年度培训计划", status=403)
    year = clock.today().year
    formset = PlanItemFormSet(request.POST or None, prefix="items")
    if request.method == "POST" and formset.is_valid():
        try:
            year = int(request.POST.get("year", year))
            items = [f.cleaned_data for f in formset.forms if f.cleaned_data]
            plan = training_plan_create(actor=request.user, year=year, items=items)
        except (ApplicationError, ValueError) as exc:
            messages.error(request, getattr(exc, "message", "年度无效"))
        else:
            messages.success(request, "年度培训计划已保存，请核对后报送。")
            return redirect("training:plan_detail", plan.pk)
    return render(request, "training/plan_form.html", {"formset": formset, "year": year,
                                                       "deadline": plan_deadline_of(request.user, year)})


@login_required
def plan_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    plan = plan_get(user=request.user, pk=pk)
    user = request.user
    return render(request, "training/plan_detail.html", {
        "plan": plan, "items": plan.items.all(),
        "deadline": plan_deadline(plan.year, settings_for(plan.hr_bureau)),
        "may_submit": plan.created_by_id == user.pk and plan.status in (PlanStatus.DRAFT, PlanStatus.RETURNED),
        "may_review": plan.status == PlanStatus.SUBMITTED and getattr(user, "hr_bureau_id", None) == plan.hr_bureau_id,
    })


@login_required
@require_POST
def plan_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    plan = plan_get(user=request.user, pk=pk)
    comment = request.POST.get("comment", "").strip()
    calls = {
        "submit": (lambda: training_plan_submit(actor=request.user, plan=plan), "计划已报送"),
        "approve": (lambda: training_plan_approve(actor=request.user, plan=plan, comment=comment), "计划已审核通过并公布"),
        "return": (lambda: training_plan_return(actor=request.user, plan=plan, comment=comment), "计划已退回修改"),
    }
    if action not in calls:
        return HttpResponse(status=404)
    call, success = calls[action]
    return run(request, call, success, "training:plan_detail", pk)


def published_plans_view(request: HttpRequest) -> HttpResponse:
    """Public: the approved projects of a year."""
    year = year_or_none(request.GET.get("year")) or clock.today().year
    return render(request, "training/plans_published.html",
                  {**paginate(request, published_plan_items(year=year)), "year": year})
