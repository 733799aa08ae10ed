"""Annual report pages: request, progress (htmx polling), tables, .xlsx and PDF."""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record
from jxjy.core.downloads import content_disposition
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE

from ..choices import ReportStatus
from ..exports import report_filename, report_pdf, report_xlsx
from ..models import AnnualReport
from ..scope import may_use_statistics, scope_for
from ..services.reports import annual_report_request
from .common import year_param


def _report(request: HttpRequest, pk: int) -> AnnualReport:
    report = restrict(AnnualReport.objects.select_related("region", "requested_by"), request.user).filter(pk=pk).first()
    if report is None:
        raise Http404("页面不存在")
    return report


@login_required
def report_list_view(request: HttpRequest) -> HttpResponse:
    if not may_use_statistics(request.user):
        raise Http404("页面不存在")
    scope = scope_for(request.user, region_code=request.GET.get("region", ""))
    reports = restrict(AnnualReport.objects.select_related("region", "requested_by"), request.user).defer("result")
    return render(request, "stats/report_list.html", {
        "scope": scope, "year": year_param(request, default=None) if request.GET.get("year") else None,
        **paginate(request, reports),
    })


@login_required
@require_POST
def report_request_view(request: HttpRequest) -> HttpResponse:
    scope = scope_for(request.user, region_code=request.POST.get("region", ""))
    try:
        report = annual_report_request(actor=request.user, scope=scope, year=year_param(request))  # type: ignore[arg-type]
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("stats:report_list")
    return redirect("stats:report_detail", pk=report.pk)


@login_required
def report_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    return render(request, "stats/report_detail.html", {"report": report, "result": report.result})


@login_required
def report_progress_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    response = render(request, "stats/_report_progress.html", {"report": report})
    if report.status in (ReportStatus.DONE, ReportStatus.FAILED) and request.headers.get("HX-Request"):
        response["HX-Refresh"] = "true"
    return response


def _export(request: HttpRequest, report: AnnualReport, kind: str) -> None:
    if report.status != ReportStatus.DONE:
        raise Http404("报表尚未生成完成")
    audit_record(actor=request.user, action=AuditAction.EXPORT, obj=report, region_path=report.region.path,
                 message=f"导出{report}（{kind}）")


@login_required
def report_xlsx_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _export(request, report, "xlsx")
    response = HttpResponse(report_xlsx(report), content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(report_filename(report, "xlsx"))
    return response


@login_required
def report_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    report = _report(request, pk)
    _export(request, report, "pdf")
    response = HttpResponse(report_pdf(report), content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(report_filename(report, "pdf"))
    return response
