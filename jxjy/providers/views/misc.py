"""Fee standards, credit records, the 办班范围自查 page and trainee evaluations."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.scoping import get_in_scope
from jxjy.orgs.models import Provider

from ..forms import CreditEventForm, EvaluationForm, FeeStandardForm, ScopeCheckForm
from ..models import CreditEvent, FeeStandard
from ..services import evaluations as ev
from ..services.checks import bases_valid_on, class_application_problems
from ..services.credit import provider_credit, provider_credit_event_record
from ..services.fees import fee_standard_create
from ._util import form_error, require_role, role_of


@login_required
def fee_list_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    qs = restrict(FeeStandard.objects.select_related("region").prefetch_related("caps"), user)
    form = FeeStandardForm(request.POST or None) if role_of(user) in ("hr_officer", "system_admin") else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            data = form.cleaned_data
            fee_standard_create(actor=user, region=user.region, document_no=data["document_no"], title=data["title"],
                                valid_from=data["valid_from"], valid_to=data["valid_to"], caps=form.caps())
        except ApplicationError as exc:
            form_error(request, form, exc)
        else:
            messages.success(request, "已登记收费标准")
            return redirect("providers:fee_list")
    return render(request, "providers/fee_list.html", {**paginate(request, qs), "form": form})


@login_required
def scope_check_view(request: HttpRequest) -> HttpResponse:
    """办班范围自查: a provider (or an officer, for a provider in scope) checks a planned class against the
    accredited scope and the fee standard, through the same check the class application uses."""
    user: Any = request.user
    providers = restrict(Provider.objects.all(), user)
    if role_of(user) == "provider_admin":
        provider = user.provider
    elif request.GET.get("provider") or request.POST.get("provider"):
        provider = get_in_scope(Provider.objects.all(), user, pk=request.GET.get("provider") or request.POST["provider"])
    else:
        provider = providers.first()
    if provider is None:
        raise Http404("没有可自查的施教机构")
    form = ScopeCheckForm(request.POST or None, initial={"on": timezone.localdate(), "class_type": "training"})
    problems: list[ApplicationError] | None = None
    if request.method == "POST" and form.is_valid():
        problems = class_application_problems(provider=provider, **form.cleaned_data)
    return render(request, "providers/scope_check.html", {
        "form": form, "provider": provider, "providers": providers if role_of(user) != "provider_admin" else None,
        "problems": problems, "bases": bases_valid_on(provider=provider, on=timezone.localdate())})


@login_required
def credit_record_view(request: HttpRequest, pk: int) -> HttpResponse:
    """A provider's credit record (officers in scope, the provider itself), with the form to add an entry."""
    provider = get_in_scope(Provider.objects.select_related("region"), request.user, pk=pk)
    user: Any = request.user
    events = restrict(CreditEvent.objects.filter(provider=provider).select_related("recorded_by"), user)
    form = CreditEventForm(request.POST or None) if role_of(user) in ("hr_officer", "system_admin") else None
    if request.method == "POST" and form is not None and form.is_valid():
        try:
            provider_credit_event_record(actor=user, provider=provider, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(request, form, exc)
        else:
            messages.success(request, "已记入信用档案")
            return redirect("providers:credit_record", pk=pk)
    return render(request, "providers/credit_record.html", {
        "provider": provider, "events": events, "form": form,
        "credit": provider_credit(provider=provider, on=timezone.localdate())})


@login_required
def evaluation_view(request: HttpRequest, class_pk: int) -> HttpResponse:
    """学员评价: a trainee's questionnaire for one class and its teachers."""
    require_role(request, "professional")
    from jxjy.training.models import Enrolment

    enrolment = Enrolment.objects.select_related("training_class__provider").filter(
        training_class_id=class_pk, professional_id=getattr(request.user, "professional_id", None) or 0).first()
    if enrolment is None:
        raise Http404("未找到该培训班，或您无权访问")
    training_class = enrolment.training_class
    teachers = ev.teachers_of_class(training_class=training_class)
    form = EvaluationForm(request.POST or None, teachers=teachers)
    if request.method == "POST" and form.is_valid():
        try:
            ev.evaluation_submit(actor=request.user, training_class=training_class,
                                 content_score=form.cleaned_data["content_score"],
                                 organisation_score=form.cleaned_data["organisation_score"],
                                 overall_score=form.cleaned_data["overall_score"],
                                 teacher_scores=form.teacher_scores(), comment=form.cleaned_data["comment"])
        except ApplicationError as exc:
            form_error(request, form, exc)
        else:
            messages.success(request, "感谢您的评价")
            return redirect("core:home")
    return render(request, "providers/form.html",
                  {"form": form, "title": f"学员评价：{training_class}", "back": "core:home"})
