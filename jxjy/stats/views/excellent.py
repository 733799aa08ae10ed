"""年度考核优秀 for a unit: its quota for the year (reduced after a failed spot check, 常人社发〔2011〕11号
第二十三条), the grades recorded, and the form that records one (refused past the quota or without the
year's CE completed)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jxjy.accounts.models import Role
from jxjy.core.bounds import id_or_none
from jxjy.core.errors import ApplicationError
from jxjy.people.models import Professional

from ..models import ExcellentGrade
from ..services.assessments import excellent_grade_record, excellent_quota
from .common import year_param


@login_required
def excellent_view(request: HttpRequest) -> HttpResponse:
    user = request.user
    unit = getattr(user, "employer_unit", None)
    if getattr(user, "role", "") != Role.UNIT_ADMIN or unit is None:
        raise Http404("页面不存在")
    try:
        year = year_param(request)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("stats:excellent")
    if request.method == "POST":
        pk = id_or_none(request.POST.get("professional", ""))
        person = Professional.objects.filter(unit=unit, pk=pk).first() if pk is not None else None
        if person is None:
            messages.error(request, "请选择本单位人员")
        else:
            try:
                excellent_grade_record(actor=user, professional=person, year=year)  # type: ignore[arg-type]
            except ApplicationError as exc:
                messages.error(request, exc.message)
            else:
                messages.success(request, f"已登记{person.name}{year}年度考核优秀")
        return redirect(f"{request.path}?year={year}")
    grades = ExcellentGrade.objects.filter(unit=unit, year=year).select_related("professional", "recorded_by")
    taken = {g.professional_id for g in grades}
    people = Professional.objects.filter(unit=unit).exclude(pk__in=taken).order_by("name")[:500]
    return render(request, "stats/excellent.html", {
        "year": year, "quota": excellent_quota(unit, year), "grades": grades, "people": people,
    })
