from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.orgs.models import EmployerUnit
from jxjy.people.models import Professional
from jxjy.records.standing_lists import standing_summary, standing_year_choices, standing_year_from

from .forms import ProcedureOverrideForm
from .models import RegionLevel
from .policy import override_region
from .selectors import region_get, region_list, region_parameters
from .services import procedure_override_set


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


def _without_label(form: ProcedureOverrideForm, field: str | None, message: str) -> str:
    """The services' messages start with the field's label; the form's error box adds it again."""
    label = str(form.fields[field].label) if field in form.fields else ""
    return message.removeprefix(f"{label}：") if label else message


@login_required
def procedure_overrides_view(request: HttpRequest) -> HttpResponse:
    """地方程序参数调整: the HR officers of a region see every procedural parameter with its cited
    value and reference, and set, replace or end their bureau's override, with a reason (audited)."""
    region = override_region(request.user)
    if region is None:
        raise PermissionDenied("只有本地区人社部门工作人员可以调整本地区的程序参数")
    today = timezone.localdate()
    status = 200
    if request.method == "POST":
        form = ProcedureOverrideForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                procedure_override_set(actor=request.user, region=region, name=data["name"], value=data["value"],
                                       valid_from=data["valid_from"], reason=data["reason"],
                                       ends=data["action"] == "end")
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None,
                               _without_label(form, exc.field, exc.message))
            else:
                messages.success(request, "已保存调整，并记入审计日志")
                return redirect("regions:procedure_overrides")
        status = 422
    else:
        form = ProcedureOverrideForm(initial={"name": request.GET.get("name", ""), "valid_from": today})
    q = request.GET.get("q", "").strip()[:50]
    return render(request, "regions/procedure_overrides.html",
                  {"region": region, "rows": region_parameters(region, today, q), "form": form, "q": q,
                   "ruleset_id": region.effective_ruleset_id(), "today": today}, status=status)
