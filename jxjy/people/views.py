from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jxjy.accounts.models import Role
from jxjy.core.bounds import id_or_none
from jxjy.core.downloads import content_disposition
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE
from jxjy.orgs.selectors import unit_list
from jxjy.records.services.standing_exports import (
    standing_export_filename,
    standing_list_export,
)
from jxjy.records.standing_lists import (
    SORT_SHORTFALL,
    band_keys,
    professionals_with_standing,
    standing_year_choices,
    standing_year_from,
    verdict_choices,
)
from jxjy.records.standing_selectors import shortfall_bands
from jxjy.regions.selectors import region_list

from .choices import Level, Series
from .forms import RosterConfirmForm, RosterUploadForm, TransferRefuseForm, TransferRequestForm
from .models import Professional, TransferStatus
from .selectors import professional_get, professional_list, roster_import_get, transfer_get, transfer_list
from .services import professional_reveal_identity
from .services.placements import placements_of
from .services.roster_import import (
    errors_xlsx,
    import_list_for,
    roster_import_cancel,
    roster_import_confirm,
    roster_import_retry,
    roster_import_upload,
    template_xlsx,
)
from .services.transfers import (
    may_cancel,
    may_decide,
    transfer_cancel,
    transfer_refuse,
    transfer_release,
    transfer_request,
)

_IMPORT_ROLES = {"hr_officer", "unit_admin"}


def _listed_people(request: HttpRequest) -> tuple[QuerySet[Professional], dict[str, Any]]:
    """The people list's query (scoped, filtered, with the year's standing) and its filter values."""
    q = request.GET.get("q", "").strip()[:100]
    series = request.GET.get("series", "")
    level = request.GET.get("level", "")
    unit_id = id_or_none(request.GET.get("unit"))
    region_id = id_or_none(request.GET.get("region"))
    year, year_error = standing_year_from(request.GET.get("year"))
    verdict = request.GET.get("verdict", "")
    verdict = verdict if verdict in dict(verdict_choices()) else ""
    band = request.GET.get("band", "")
    band = band if band in band_keys() else ""
    sort = SORT_SHORTFALL if request.GET.get("sort") == SORT_SHORTFALL else ""
    people = professional_list(user=request.user, q=q, series=series, level=level, unit_id=unit_id,
                               region_id=region_id)
    people = professionals_with_standing(people=people, user=request.user, year=year, verdict=verdict, band=band,
                                         sort=sort)
    filters = {"q": q, "series": series, "level": level, "unit_id": unit_id, "region_id": region_id, "year": year,
               "year_error": year_error, "verdict": verdict, "band": band, "sort": sort}
    return people, filters


@login_required
def professional_list_view(request: HttpRequest) -> HttpResponse:
    people, filters = _listed_people(request)
    unit_id, region_id = filters["unit_id"], filters["region_id"]
    unit = unit_list(user=request.user).filter(pk=unit_id).first() if unit_id else None
    region = region_list(user=request.user).filter(pk=region_id).first() if region_id else None
    export_query = request.GET.copy()
    export_query.pop("page", None)
    return render(
        request,
        "people/list.html",
        {
            **paginate(request, people),
            **filters,
            "unit": unit,
            "region": region,
            "series_choices": Series.choices,
            "level_choices": Level.choices,
            "year_choices": standing_year_choices(),
            "verdict_choices": verdict_choices(),
            "band_choices": shortfall_bands(),
            "export_query": export_query.urlencode(),
        },
    )


@login_required
def professional_export_view(request: HttpRequest) -> HttpResponse:
    """The filtered list with the year's standing as .xlsx (identity numbers masked; audited)."""
    people, filters = _listed_people(request)
    year = filters["year"]
    try:
        data, _count = standing_list_export(actor=request.user, people=people, year=year,
                                            verdict=filters["verdict"], band=filters["band"])
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect(f"{reverse('people:list')}?{request.GET.urlencode()}")
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(
        standing_export_filename(year=year), f"people-standings-{year}.xlsx"
    )
    return response


@login_required
def professional_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = professional_get(user=request.user, pk=pk)
    from jxjy.accounts.policy import can

    return render(
        request,
        "people/detail.html",
        {"person": person, "may_reveal": can(request.user, "view_identity", person),
         "placements": placements_of(person),
         "transfers": transfer_list(user=request.user).filter(professional=person)[:20]},
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
    response["Content-Disposition"] = content_disposition("花名册导入模板.xlsx")
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
    running = record.running and not record.stalled
    template = "people/_import_status.html" if request.headers.get("HX-Request") else "people/import_detail.html"
    return render(request, template, {"record": record, "form": form, "running": running, "errors": record.errors[:500]})


@require_POST
@login_required
def import_retry_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = roster_import_get(user=request.user, pk=pk)
    try:
        roster_import_retry(actor=request.user, record=record)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已重新启动导入")
    return redirect("people:import_detail", pk=record.pk)


@require_POST
@login_required
def import_cancel_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = roster_import_get(user=request.user, pk=pk)
    try:
        roster_import_cancel(actor=request.user, record=record)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, "已取消导入")
    return redirect("people:import_detail", pk=record.pk)


@login_required
def import_errors_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = roster_import_get(user=request.user, pk=pk)
    response = HttpResponse(errors_xlsx(record, actor=request.user), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"花名册导入错误清单-{record.pk}.xlsx")
    return response


# --- Transfers (人员调动) ----------------------------------------------------------------------------
@login_required
def transfer_list_view(request: HttpRequest) -> HttpResponse:
    """Both sides' list; a unit administrator asks for a person here (by identity number and name)."""
    user: Any = request.user
    may_request = getattr(user, "role", "") == Role.UNIT_ADMIN and user.employer_unit_id is not None
    form = TransferRequestForm(request.POST or None)
    if request.method == "POST":
        if not may_request:
            return HttpResponse("只有调入单位的继续教育管理员可以申请调入", status=403)
        if form.is_valid():
            data = form.cleaned_data
            try:
                transfer = transfer_request(actor=user, id_number=data["id_number"], name=data["name"],
                                            effective_on=data["effective_on"], note=data["note"])
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "已提交调入申请，待调出单位放行")
                return redirect("people:transfer_detail", pk=transfer.pk)
    status = request.GET.get("status", "")
    status = status if status in TransferStatus.values else ""
    return render(request, "people/transfers.html", {
        **paginate(request, transfer_list(user=user, status=status)),
        "form": form, "may_request": may_request, "status": status, "status_choices": TransferStatus.choices,
    })


@login_required
def transfer_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    transfer = transfer_get(user=request.user, pk=pk)
    is_open = transfer.status == TransferStatus.REQUESTED
    return render(request, "people/transfer_detail.html", {
        "transfer": transfer, "refuse_form": TransferRefuseForm(),
        "may_decide": is_open and may_decide(request.user, transfer),
        "may_cancel": is_open and may_cancel(request.user, transfer),
    })


@login_required
@require_POST
def transfer_act_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    transfer = transfer_get(user=request.user, pk=pk)
    try:
        if action == "release":
            transfer_release(actor=request.user, transfer=transfer)
            messages.success(request, "已放行，人员已调入新单位")
        elif action == "refuse":
            form = TransferRefuseForm(request.POST)
            transfer_refuse(actor=request.user, transfer=transfer,
                            reason=form.cleaned_data["reason"] if form.is_valid() else "")
            messages.success(request, "已不予放行")
        elif action == "cancel":
            transfer_cancel(actor=request.user, transfer=transfer)
            messages.success(request, "已撤回调动申请")
        else:
            raise Http404("未找到该操作")
    except ApplicationError as exc:
        if exc.status == 403:
            return HttpResponse(exc.message, status=403)
        messages.error(request, exc.message)
    return redirect("people:transfer_detail", pk=transfer.pk)
