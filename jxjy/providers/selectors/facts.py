"""The facts the system already holds about a base's year, prefilled into its annual inspection.
Read defensively from the training-class app: a fact it cannot compute is reported as unavailable."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

from django.core.exceptions import FieldError
from django.db.models import Avg, Count, Sum
from django.utils import timezone

from jxjy.regions.models import Region
from jxjy.regions.procedures import region_procedure

from ..models import CEBase, CreditEvent, TraineeEvaluation

logger = logging.getLogger(__name__)

_RUN = ("under_notice", "approved", "recognition_submitted", "recognised", "unqualified")

FACT_LABELS = {
    "classes_run": "办班期数",
    "trainees": "参训人次",
    "attendance_rate": "签到签退完整率",
    "late_recognition": "逾期申报学时认定的班次",
    "upheld_objections": "成立的公示异议",
    "disqualifying_inspections": "监督检查发现弄虚作假/未按计划实施",
    "evaluation_count": "学员评价份数",
    "evaluation_average": "学员总体满意度（5分制）",
    "credit_events": "信用记录条数",
    "credit_points": "信用分值合计",
}


_UNAVAILABLE = object()


def _safe(fn: Callable[[], Any]) -> Any:
    try:
        return fn()
    except (ImportError, LookupError, FieldError, AttributeError, TypeError, ValueError) as exc:
        logger.warning("inspection fact unavailable: %s", exc)
        return _UNAVAILABLE


def inspection_facts(*, base: CEBase, year: int) -> dict[str, Any]:
    """A JSON-able snapshot: classes run, trainees, attendance rate, late recognitions, objections,
    spot-check findings, trainee evaluations and credit events of the base's provider in `year`."""
    provider = base.provider
    facts: dict[str, Any] = {}

    def classes() -> Any:
        from jxjy.training.models import TrainingClass

        return TrainingClass.objects.filter(provider=provider, start_date__year=year, status__in=_RUN)

    facts["classes_run"] = _safe(lambda: classes().count())

    def attendance() -> tuple[int, float | None]:
        from jxjy.training.models import Attendance, Enrolment, ScheduleItem

        ids = list(classes().values_list("pk", flat=True))
        trainees = Enrolment.objects.filter(training_class_id__in=ids).count()
        expected = sum(
            Enrolment.objects.filter(training_class_id=cid).count()
            * ScheduleItem.objects.filter(training_class_id=cid).count()
            for cid in ids
        )
        complete = Attendance.objects.filter(
            enrolment__training_class_id__in=ids, signed_in_at__isnull=False, signed_out_at__isnull=False
        ).count()
        return trainees, (round(complete / expected, 3) if expected else None)

    got = _safe(attendance)
    facts["trainees"], facts["attendance_rate"] = (_UNAVAILABLE, _UNAVAILABLE) if got is _UNAVAILABLE else got

    def late() -> int:
        # The recognition deadline of the class's region with jurisdiction (泉洛政人社[2017]27号 一（五）3: 30日内;
        # elsewhere the stated default), read from its rule set.
        rows = list(classes().values_list("end_date", "recognition_submitted_at", "target_region_id"))
        regions = Region.objects.in_bulk({r for _e, _s, r in rows if r} | {provider.region_id})
        days: dict[int, int] = {}
        n = 0
        for end, submitted, region_id in rows:
            rid = region_id or provider.region_id
            if rid not in days:
                days[rid] = int(region_procedure(regions[rid], "hours_recognition_days", end).value or 0)
            last = end + dt.timedelta(days=days[rid])
            if submitted is not None and timezone.localdate(submitted) > last:
                n += 1
        return n

    facts["late_recognition"] = _safe(late)

    def objections() -> int:
        from jxjy.training.models import Objection

        return Objection.objects.filter(
            notice__training_class__provider=provider, notice__training_class__start_date__year=year, status="upheld"
        ).count()

    facts["upheld_objections"] = _safe(objections)

    def findings() -> int:
        from jxjy.training.choices import DISQUALIFYING_FINDINGS
        from jxjy.training.models import Inspection

        return Inspection.objects.filter(
            training_class__provider=provider, inspected_on__year=year, finding__in=list(DISQUALIFYING_FINDINGS)
        ).count()

    facts["disqualifying_inspections"] = _safe(findings)
    ev = TraineeEvaluation.objects.filter(training_class__provider=provider, created_at__year=year).aggregate(
        n=Count("pk"), avg=Avg("overall_score"))
    facts["evaluation_count"] = ev["n"]
    facts["evaluation_average"] = round(float(ev["avg"]), 2) if ev["avg"] is not None else None
    credit = CreditEvent.objects.filter(provider=provider, occurred_on__year=year).aggregate(
        n=Count("pk"), pts=Sum("points"))
    facts["credit_events"] = credit["n"]
    facts["credit_points"] = str(credit["pts"]) if credit["pts"] is not None else "0"
    unavailable = [k for k, v in facts.items() if v is _UNAVAILABLE]
    facts = {k: (None if v is _UNAVAILABLE else v) for k, v in facts.items()}
    facts["unavailable"] = unavailable  # facts the training app could not give (None elsewhere: no data)
    return facts


def labelled_facts(facts: dict[str, Any]) -> list[tuple[str, Any]]:
    unavailable = set(facts.get("unavailable", []))
    rows: list[tuple[str, Any]] = []
    for key, value in facts.items():
        if key == "unavailable":
            continue
        if key in unavailable:
            shown: Any = "无法获取"
        elif value is None:
            shown = "—（无数据）"
        elif key == "attendance_rate":
            shown = f"{value:.1%}"
        else:
            shown = value
        rows.append((FACT_LABELS.get(key, key), shown))
    return rows
