"""The statistics API under /api/v1/stats/: dashboard figures, annual report jobs and their progress.
Regions and reports outside the caller's jurisdiction answer 404, like the pages."""

import datetime as dt
from typing import Any

from django.http import Http404, HttpRequest
from ninja import Field, Router, Schema, Status

from jxjy.accounts.policy import restrict
from jxjy.core.bounds import ObjectId, ShortStr, Year

from .models import AnnualReport
from .scope import scope_for
from .selectors import dashboard
from .services.reports import annual_report_request

router = Router(tags=["统计"])


class DashboardOut(Schema):
    region: str
    year: int
    compliance: list[dict[str, Any]]
    compliance_total: dict[str, Any] = Field(description="本区划合计（实时，来自达标情况）")
    hours: dict[str, Any]
    months: list[dict[str, Any]]
    providers: list[dict[str, Any]]


class ReportIn(Schema):
    region: str = Field("", max_length=12, description="区划代码；为空时为本人管辖区划")
    year: int = Field(..., ge=2000, le=2100)


class ReportOut(Schema):
    id: int
    region: str
    year: int
    status: str
    progress: int
    stage: str
    error: str
    requested_at: dt.datetime
    finished_at: dt.datetime | None
    result: dict[str, Any] | None


def _out(report: AnnualReport) -> dict[str, Any]:
    return {"id": report.pk, "region": report.region.code, "year": report.year, "status": report.status,
            "progress": report.progress, "stage": report.stage, "error": report.error,
            "requested_at": report.requested_at, "finished_at": report.finished_at, "result": report.result}


@router.get("/dashboard", response=DashboardOut, summary="统计分析图表数据")
def dashboard_data(request: HttpRequest, year: Year, region: ShortStr = "", unit: ObjectId | None = None) -> dict[str, Any]:
    scope = scope_for(request.user, region_code=region, unit_id=unit)
    compliance = dashboard.compliance_by_area(scope, year)
    return {
        "region": scope.region.code, "year": year,
        "compliance": compliance, "compliance_total": dashboard.compliance_total(compliance),
        "hours": dashboard.hours_over_time(scope, year),
        "months": dashboard.classes_by_month(scope, year), "providers": dashboard.provider_ranking(scope, year),
    }


@router.post("/reports", response={201: ReportOut}, summary="申请生成年度统计报表（后台计算）")
def report_create(request: HttpRequest, payload: ReportIn) -> Status:
    scope = scope_for(request.user, region_code=payload.region)
    report = annual_report_request(actor=request.user, scope=scope, year=payload.year)  # type: ignore[arg-type]
    return Status(201, _out(report))


@router.get("/reports/{report_id}", response=ReportOut, summary="年度统计报表的进度与结果")
def report_get(request: HttpRequest, report_id: ObjectId) -> dict[str, Any]:
    report = restrict(AnnualReport.objects.select_related("region"), request.user).filter(pk=report_id).first()
    if report is None:
        raise Http404("页面不存在")
    return _out(report)
