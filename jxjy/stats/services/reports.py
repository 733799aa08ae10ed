"""Requesting the annual report and computing it in the background (django.tasks)."""

from __future__ import annotations

import logging

from django.db import transaction
from django.tasks import task
from django.utils import timezone

from jxjy.accounts.models import User
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError

from ..choices import ReportStatus
from ..models import AnnualReport
from ..scope import Scope, scope_from_key
from ..selectors.report import annual_report_figures
from .compliance import compliance_refresh

log = logging.getLogger(__name__)


def annual_report_request(*, actor: User, scope: Scope, year: int) -> AnnualReport:
    """Queues the computation of the annual report of `scope` for `year` and returns the job."""
    this_year = timezone.localdate().year
    if not 2000 <= year <= this_year:
        raise ApplicationError(f"统计年度应在2000至{this_year}年之间", field="year")
    if scope.unit_id is not None and not scope.key.startswith("unit:"):
        raise ApplicationError("年度统计报表按区划生成，请回到区划后再生成", field="region")
    with transaction.atomic():
        report = AnnualReport(region=scope.region, year=year, scope_key=scope.key, requested_by=actor,
                              requested_at=timezone.now(), stage="排队等待计算")
        report.full_clean()
        report.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=report, region_path=scope.region.path,
                     message=f"申请生成{report}")
    annual_report_task.enqueue(report.pk)  # runs inline under ImmediateBackend (tests), in the worker otherwise
    report.refresh_from_db()
    return report


def _set(report_id: int, **fields: object) -> None:
    AnnualReport.objects.filter(pk=report_id).update(**fields)


@task()
def annual_report_task(report_id: int) -> None:
    """Refreshes compliance of the year and the year before, then aggregates every table."""
    report = AnnualReport.objects.select_related("region").get(pk=report_id)
    _set(report_id, status=ReportStatus.RUNNING, started_at=timezone.now(), progress=1, stage="计算达标情况")
    try:
        scope = scope_from_key(report.region, report.scope_key)
        for i, year in enumerate((report.year, report.year - 1)):
            def progress(done: int, total: int, i: int = i, year: int = year) -> None:
                share = int(35 * done / total) if total else 35
                _set(report_id, progress=1 + 35 * i + share, stage=f"计算{year}年度达标情况（{done}/{total}人）")

            compliance_refresh(region=report.region, year=year, on_progress=progress)
        result = annual_report_figures(scope, report.year,
                                       on_progress=lambda p, s: _set(report_id, progress=p, stage=s))
    except Exception as exc:  # the job must record its failure for the page that polls it
        log.exception("annual report %s failed", report_id)
        _set(report_id, status=ReportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now(), stage="失败")
        return
    _set(report_id, status=ReportStatus.DONE, progress=100, stage="完成", result=result, finished_at=timezone.now())
