"""Requesting the annual report and computing it in the background (django.tasks).

A generated report is a dated snapshot: its tables — compliance included, read from the stored
standings (达标情况) — are computed once and stored in `AnnualReport.result` with the moment they were
read (`data_as_of`), so later records, reviews or rule changes never alter a published report."""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager

from django.db import connection, transaction
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


@contextmanager
def read_snapshot() -> Iterator[bool]:
    """Every read inside sees the database as of one moment where the database can do that without
    holding writers back: on PostgreSQL one REPEATABLE READ, READ ONLY transaction (its snapshot is
    taken at the first query). On SQLite the reads run one after another outside a transaction (a
    transaction there takes the write lock and would stop every change for the job's duration).
    Yields whether progress may be written meanwhile (not from inside the snapshot)."""
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        with transaction.atomic():
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield False
        return
    yield True


@task()
def annual_report_task(report_id: int) -> None:
    """Aggregates every table of the report from the live data (standings for compliance) as of now,
    and stores them with that moment."""
    report = AnnualReport.objects.select_related("region").get(pk=report_id)
    _set(report_id, status=ReportStatus.RUNNING, started_at=timezone.now(), progress=5, stage="汇总人员、学时与达标情况")
    try:
        scope = scope_from_key(report.region, report.scope_key)
        with read_snapshot() as may_report_progress:
            as_of = timezone.now()
            result = annual_report_figures(
                scope, report.year, as_of=as_of,
                on_progress=(lambda p, s: _set(report_id, progress=p, stage=s)) if may_report_progress else None)
    except Exception as exc:  # the job must record its failure for the page that polls it
        log.exception("annual report %s failed", report_id)
        _set(report_id, status=ReportStatus.FAILED, error=str(exc)[:500], finished_at=timezone.now(), stage="失败")
        return
    _set(report_id, status=ReportStatus.DONE, progress=100, stage="完成", result=result, data_as_of=as_of,
         finished_at=timezone.now())
