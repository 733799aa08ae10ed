"""Accreditation and inspection pages of officers and providers."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jxjy.accounts.policy import can
from jxjy.core.bounds import id_or_none, year_or_none
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate

from ..choices import ApplicationStatus, BaseStatus, Tier
from ..forms import ApplicationForm, DecisionForm, InspectionForm
from ..models import INSPECTION_ITEMS
from ..selectors import bases as sel
from ..selectors.facts import inspection_facts, labelled_facts
from ..services import accreditation, inspections
from ..services.accreditation import scope_text
from ._util import form_error, require_role, role_of


@login_required
def application_list_view(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status", "")
    qs = sel.application_list(user=request.user, status=status)
    return render(request, "providers/application_list.html",
                  {**paginate(request, qs), "status": status, "statuses": ApplicationStatus.choices})


@login_required
def application_create_view(request: HttpRequest) -> HttpResponse:
    require_role(request, "provider_admin")
    user: Any = request.user
    renewal_of = None
    if request.GET.get("renew"):
        renewal_of = sel.base_get(user=user, pk=id_or_none(request.GET["renew"]) or 0)
    initial: dict[str, Any] = {}
    if renewal_of is not None:
        initial = {k: getattr(renewal_of, k) for k in ("scope_series", "scope_subjects", "scope_forms", "facilities",
                                                        "places", "management_rules")} | {"tier": renewal_of.tier}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = accreditation.base_application_create(
                actor=user, provider=user.provider, renewal_of=renewal_of, submit="submit" in request.POST,
                **form.cleaned_data,
            )
        except ApplicationError as exc:
            form_error(request, form, exc)
        else:
            messages.success(request, "已提交认定申请" if application.submitted_at else "已保存草稿")
            return redirect("providers:application_detail", pk=application.pk)
    return render(request, "providers/application_form.html", {"form": form, "renewal_of": renewal_of})


@login_required
def application_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    application = sel.application_get(user=request.user, pk=pk)
    form = DecisionForm(request.POST or None)
    if request.method == "POST":
        try:
            if request.POST.get("action") == "submit":
                accreditation.base_application_submit(actor=request.user, application=application)
                messages.success(request, "已提交认定申请")
                return redirect("providers:application_detail", pk=pk)
            if form.is_valid():
                data = form.cleaned_data
                if data["decision"] == "accredit":
                    base = accreditation.base_accredit(actor=request.user, application=application,
                                                       valid_from=data["valid_from"], valid_to=data["valid_to"],
                                                       comment=data["comment"])
                    messages.success(request, f"已认定授牌：{base.number}")
                    return redirect("providers:base_detail", pk=base.pk)
                accreditation.base_application_decline(actor=request.user, application=application,
                                                       comment=data["comment"], reject=data["decision"] == "reject")
                messages.success(request, "已退回" if data["decision"] == "return" else "已不予认定")
                return redirect("providers:application_detail", pk=pk)
        except ApplicationError as exc:
            form_error(request, form, exc)
    may_decide = application.status == ApplicationStatus.SUBMITTED and can(request.user, "change", application) \
        and role_of(request.user) in ("hr_officer", "system_admin")
    return render(request, "providers/application_detail.html", {
        "a": application, "form": form, "scope": scope_text(application), "may_decide": may_decide,
        "may_submit": role_of(request.user) == "provider_admin"
        and application.status in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED),
    })


@login_required
def base_list_view(request: HttpRequest) -> HttpResponse:
    q, status, tier = (request.GET.get(k, "").strip() for k in ("q", "status", "tier"))
    qs = sel.base_list(user=request.user, q=q, status=status, tier=tier)
    return render(request, "providers/base_list.html", {
        **paginate(request, qs), "q": q, "status": status, "tier": tier,
        "statuses": BaseStatus.choices, "tiers": Tier.choices})


@login_required
def base_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    base = sel.base_get(user=request.user, pk=pk)
    officer = role_of(request.user) in ("hr_officer", "system_admin") and can(request.user, "change", base)
    rectifications = sel.rectification_list(user=request.user).filter(inspection__base=base)
    return render(request, "providers/base_detail.html", {
        "base": base, "scope": scope_text(base), "events": base.events.select_related("actor"),
        "inspections": sel.inspections_of(user=request.user, base=base), "rectifications": rectifications,
        "announcements": base.announcements.all(), "officer": officer and base.status != BaseStatus.REVOKED,
        "is_provider": role_of(request.user) == "provider_admin", "items": INSPECTION_ITEMS,
    })


@login_required
def inspection_create_view(request: HttpRequest, pk: int) -> HttpResponse:
    base = sel.base_get(user=request.user, pk=pk)
    if not can(request.user, "change", base):
        raise Http404("页面不存在")
    today = timezone.localdate()
    year = year_or_none(request.POST.get("year") or request.GET.get("year")) or today.year
    facts = inspection_facts(base=base, year=year)
    form = InspectionForm(request.POST or None, initial={"year": year, "inspected_on": today})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            inspections.inspection_record(
                actor=request.user, base=base, year=data["year"], scores=form.scores(), findings=data["findings"],
                outcome=data["outcome"], inspected_on=data["inspected_on"],
                rectification_deadline=data["rectification_deadline"],
                rectification_requirements=data["rectification_requirements"], facts=facts)
        except ApplicationError as exc:
            form_error(request, form, exc)
        else:
            messages.success(request, "已登记年检结论")
            return redirect("providers:base_detail", pk=base.pk)
    return render(request, "providers/inspection_form.html",
                  {"base": base, "form": form, "facts": labelled_facts(facts), "year": year})


@login_required
@require_POST
def base_revoke_view(request: HttpRequest, pk: int) -> HttpResponse:
    base = sel.base_get(user=request.user, pk=pk)
    try:
        inspections.base_revoke(actor=request.user, base=base, reason=request.POST.get("reason", ""))
        messages.success(request, "已摘牌并发布公告")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("providers:base_detail", pk=pk)


@login_required
@require_POST
def rectification_report_view(request: HttpRequest, pk: int) -> HttpResponse:
    rect = sel.rectification_get(user=request.user, pk=pk)
    try:
        inspections.rectification_report(actor=request.user, rectification=rect, report=request.POST.get("report", ""))
        messages.success(request, "已报送整改情况")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("providers:base_detail", pk=rect.inspection.base_id)


@login_required
@require_POST
def rectification_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    rect = sel.rectification_get(user=request.user, pk=pk)
    try:
        inspections.rectification_decide(actor=request.user, rectification=rect,
                                         accepted=request.POST.get("accepted") == "1",
                                         comment=request.POST.get("comment", ""))
        messages.success(request, "已登记整改验收结论")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("providers:base_detail", pk=rect.inspection.base_id)


@login_required
def reminder_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "providers/reminders.html", paginate(request, sel.reminders_for(user=request.user)))
