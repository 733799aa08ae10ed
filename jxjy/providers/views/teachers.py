"""The teacher pool pages: search by specialty, entry, status, sharing, engagement, own training."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Avg
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jxjy.accounts.policy import can
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate

from ..choices import Employment, TeacherStatus
from ..forms import TeacherForm, TeacherStatusForm, TeacherTrainingForm
from ..models import Engagement
from ..selectors import teachers as sel
from ..services import teachers as svc
from ..services.credit import teacher_credit
from ._util import form_error, require_role, role_of


@login_required
def teacher_list_view(request: HttpRequest) -> HttpResponse:
    specialty, status, employment = (request.GET.get(k, "").strip() for k in ("specialty", "status", "employment"))
    qs = sel.teacher_list(user=request.user, specialty=specialty, status=status, employment=employment)
    ctx = paginate(request, qs)
    ctx["warnings"] = sel.training_warnings(teachers=list(ctx["object_list"]), year=sel.current_year())
    return render(request, "providers/teacher_list.html", {
        **ctx, "specialty": specialty, "status": status, "employment": employment,
        "statuses": TeacherStatus.choices, "employments": Employment.choices,
        "is_provider": role_of(request.user) == "provider_admin"})


@login_required
def teacher_create_view(request: HttpRequest) -> HttpResponse:
    require_role(request, "provider_admin")
    user: Any = request.user
    form = TeacherForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            teacher = svc.teacher_create(actor=user, provider=user.provider, **form.cleaned_data)
        except ApplicationError as exc:
            form_error(request, form, exc)
        else:
            messages.success(request, "教师已入库")
            return redirect("providers:teacher_detail", pk=teacher.pk)
    return render(request, "providers/form.html", {"form": form, "title": "教师入库", "back": "providers:teacher_list"})


@login_required
def teacher_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    teacher = sel.teacher_get(user=request.user, pk=pk)
    user: Any = request.user
    owner = can(user, "change", teacher)
    status_form = TeacherStatusForm(initial={"status": teacher.status, "shared": teacher.shared})
    training_form = TeacherTrainingForm()
    if request.method == "POST":
        try:
            action = request.POST.get("action")
            if action == "status":
                status_form = TeacherStatusForm(request.POST)
                if status_form.is_valid():
                    svc.teacher_update(actor=user, teacher=teacher, **status_form.cleaned_data)
                    messages.success(request, "已更新")
                    return redirect("providers:teacher_detail", pk=pk)
            elif action == "training":
                training_form = TeacherTrainingForm(request.POST)
                if training_form.is_valid():
                    svc.teacher_training_record(actor=user, teacher=teacher, **training_form.cleaned_data)
                    messages.success(request, "已登记培训")
                    return redirect("providers:teacher_detail", pk=pk)
            elif action == "engage":
                svc.teacher_engage(actor=user, provider=user.provider, teacher=teacher)
                messages.success(request, "已聘请")
                return redirect("providers:teacher_detail", pk=pk)
        except ApplicationError as exc:
            messages.error(request, exc.message)
    year = sel.current_year()
    engaged = role_of(user) == "provider_admin" and Engagement.objects.filter(
        provider_id=user.provider_id, teacher=teacher).exists()
    return render(request, "providers/teacher_detail.html", {
        "t": teacher, "owner": owner, "status_form": status_form, "training_form": training_form,
        "training": svc.teacher_training_status(teacher=teacher, year=year), "trainings": teacher.trainings.all(),
        "engagements": teacher.engagements.select_related("provider"),
        "may_engage": role_of(user) == "provider_admin" and not owner and not engaged,
        "ratings": teacher.ratings.count(),
        "avg": teacher.ratings.aggregate(a=Avg("score"))["a"],
        "credit": teacher_credit(teacher=teacher), "credit_events": teacher.credit_events.all()[:20],
    })


__all__ = ["paginate"]
