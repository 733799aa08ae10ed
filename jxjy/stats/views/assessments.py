"""Assessment pages: record a check (第十八条 / 第二十二条), publish its notice, commend (第二十条, 第二十四条)."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jxjy.accounts.policy import restrict
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.orgs.models import EmployerUnit, IndustryAuthority

from ..choices import AssessmentKind
from ..forms import AssessmentForm, CommendationForm
from ..models import Assessment, Commendation
from ..scope import may_use_statistics, scope_for
from ..services.assessments import (
    assessment_authority_record,
    assessment_notice_publish,
    assessment_unit_record,
    commendation_award,
)
from .common import year_param


def _assessment(request: HttpRequest, pk: int) -> Assessment:
    found = restrict(Assessment.objects.select_related("authority", "unit", "region", "assessed_by"), request.user)
    assessment = found.filter(pk=pk).first()
    if assessment is None:
        raise Http404("页面不存在")
    return assessment


@login_required
def assessment_list_view(request: HttpRequest) -> HttpResponse:
    if not may_use_statistics(request.user):
        raise Http404("页面不存在")
    qs = restrict(Assessment.objects.select_related("authority", "unit", "region"), request.user)
    if request.GET.get("year"):
        qs = qs.filter(year=year_param(request))
    return render(request, "stats/assessment_list.html", paginate(request, qs))


def _targets(request: HttpRequest, kind: str) -> list[tuple[int, str]]:
    scope = scope_for(request.user)
    if kind == AssessmentKind.AUTHORITY:
        auth = restrict(IndustryAuthority.objects.all(), request.user, "change").filter(
            region__path__startswith=scope.region.path)
        return list(auth.values_list("pk", "name"))
    units = restrict(EmployerUnit.objects.all(), request.user, "change").filter(region__path__startswith=scope.region.path)
    return list(units.values_list("pk", "name")[:2000])


@login_required
def assessment_create_view(request: HttpRequest, kind: str) -> HttpResponse:
    if kind not in AssessmentKind.values:
        raise Http404("页面不存在")
    targets = _targets(request, kind)
    form = AssessmentForm(request.POST or None, kind=kind, targets=targets,
                          initial={"year": year_param(request) - 1 if not request.GET.get("year") else year_param(request)})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            if kind == AssessmentKind.AUTHORITY:
                authority = restrict(IndustryAuthority.objects.all(), request.user, "change").filter(pk=data["target"]).first()
                if authority is None:
                    raise Http404("页面不存在")
                assessment = assessment_authority_record(actor=request.user, authority=authority, year=data["year"],  # type: ignore[arg-type]
                                                         items=form.items())
            else:
                unit = restrict(EmployerUnit.objects.all(), request.user, "change").filter(pk=data["target"]).first()
                if unit is None:
                    raise Http404("页面不存在")
                assessment = assessment_unit_record(actor=request.user, unit=unit, year=data["year"], items=form.items(),  # type: ignore[arg-type]
                                                    quota_cut_percent=data.get("quota_cut_percent"))
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("stats:assessment_detail", pk=assessment.pk)
    return render(request, "stats/assessment_form.html", {"form": form, "kind": AssessmentKind(kind)})


@login_required
def assessment_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    return render(request, "stats/assessment_detail.html", {
        "assessment": assessment, "commendations": assessment.commendations.all(), "form": CommendationForm(),
    })


@login_required
@require_POST
def assessment_publish_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    try:
        assessment_notice_publish(actor=request.user, assessment=assessment)  # type: ignore[arg-type]
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("stats:assessment_detail", pk=pk)


@login_required
@require_POST
def commendation_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    assessment = _assessment(request, pk)
    form = CommendationForm(request.POST)
    if form.is_valid():
        try:
            commendation_award(actor=request.user, assessment=assessment, **form.cleaned_data)  # type: ignore[arg-type]
        except ApplicationError as exc:
            messages.error(request, exc.message)
    else:
        messages.error(request, "请填写表彰依据和事由")
    return redirect("stats:assessment_detail", pk=pk)


@login_required
def notice_list_view(request: HttpRequest) -> HttpResponse:
    """Published notices (第十九条, 第二十三条) and commendations of a year in the user's jurisdiction."""
    year = year_param(request)
    notices = restrict(Assessment.objects.select_related("authority", "unit"), request.user).filter(
        year=year, published_at__isnull=False)
    commendations = restrict(Commendation.objects.select_related("assessment__authority", "assessment__unit"),
                             request.user).filter(year=year)
    return render(request, "stats/notice_list.html", {"year": year, "notices": notices, "commendations": commendations})
