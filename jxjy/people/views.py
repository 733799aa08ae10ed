from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE
from jxjy.orgs.selectors import unit_list

from .choices import Level, Series
from .forms import RosterConfirmForm, RosterUploadForm
from .models import ImportStatus
from .selectors import professional_get, professional_list, roster_import_get
from .services import professional_reveal_identity
from .services.roster_import import (
    errors_xlsx,
    import_list_for,
    roster_import_confirm,
    roster_import_upload,
    template_xlsx,
)

_IMPORT_ROLES = {"hr_officer", "unit_admin"}


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() else None


@login_required
def professional_list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    series = request.GET.get("series", "")
    level = request.GET.get("level", "")
    unit_id = _int(request.GET.get("unit"))
    people = professional_list(user=request.user, q=q, series=series, level=level, unit_id=unit_id)
    unit = unit_list(user=request.user).filter(pk=unit_id).first() if unit_id else None
    return render(
        request,
        "people/list.html",
        {
            **paginate(request, people),
            "q": q,
            "series": series,
            "level": level,
            "unit": unit,
            "series_choices": Series.choices,
            "level_choices": Level.choices,
        },
    )


@login_required
def professional_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = professional_get(user=request.user, pk=pk)
    from jxjy.accounts.policy import can

    return render(
        request,
        "people/detail.html",
        {"person": person, "may_reveal": can(request.user, "view_identity", person)},
    )


@login_required
@require_POST
def professional_reveal_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = professional_get(user=request.user, pk=pk)
    try:
        number = professional_reveal_identity(actor=request.user, professional=person)
    except ApplicationError as exc:
        return HttpResponse(exc.message, status=exc.status)
    return render(request, "people/_identity.html", {"number": number})


def _may_import(request: HttpRequest) -> bool:
    user = request.user
    return bool(user.is_authenticated and (user.is_superuser or user.role in _IMPORT_ROLES))


@login_required
def import_start_view(request: HttpRequest) -> HttpResponse:
    if not _may_import(request):
        return HttpResponse("只有单位管理员和人社局经办人员可以导入花名册", status=403)
    form = RosterUploadForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        upload = form.cleaned_data["file"]
        try:
            record = roster_import_upload(actor=request.user, filename=upload.name, data=upload.read())
        except ApplicationError as exc:
            form.add_error("file", exc.message)
        else:
            return redirect("people:import_detail", pk=record.pk)
    return render(request, "people/import_start.html", {"form": form, "recent": import_list_for(request.user)})


@login_required
def import_template_view(request: HttpRequest) -> HttpResponse:
    response = HttpResponse(template_xlsx(), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = "attachment; filename*=UTF-8''%E8%8A%B1%E5%90%8D%E5%86%8C%E5%AF%BC%E5%85%A5%E6%A8%A1%E6%9D%BF.xlsx"
    return response


@login_required
def import_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = roster_import_get(user=request.user, pk=pk)
    form = RosterConfirmForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            roster_import_confirm(actor=request.user, record=record, valid_only=form.cleaned_data["valid_only"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        return redirect("people:import_detail", pk=record.pk)
    running = record.status in (ImportStatus.VALIDATING, ImportStatus.IMPORTING)
    template = "people/_import_status.html" if request.headers.get("HX-Request") else "people/import_detail.html"
    return render(request, template, {"record": record, "form": form, "running": running, "errors": record.errors[:500]})


@login_required
def import_errors_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = roster_import_get(user=request.user, pk=pk)
    response = HttpResponse(errors_xlsx(record), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="import-{record.pk}-errors.xlsx"'
    return response
