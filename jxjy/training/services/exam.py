"""Exam scores (考试成绩): entered or imported; the class's pass mark decides who passed."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation
from typing import Any

from django.db import transaction

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError, ConflictError
from jxjy.core.spreadsheets import cell_text, read_table

from .. import clock
from ..choices import ClassStatus
from ..models import Enrolment, TrainingClass
from ..permissions import require_provider


def _score(value: Any, label: str) -> Decimal | None:
    text = cell_text(value) if not isinstance(value, Decimal) else str(value)
    if text == "":
        return None
    try:
        score = Decimal(text)
    except InvalidOperation:
        raise ApplicationError(f"{label}：成绩应为数字", field="scores") from None
    if not (0 <= score <= 100):
        raise ApplicationError(f"{label}：成绩应在0到100之间", field="scores")
    return score.quantize(Decimal("0.1"))


@transaction.atomic
def exam_scores_enter(*, actor: Any, training_class: TrainingClass, scores: dict[int, Any]) -> int:
    """Scores by enrolment id; blank clears. Only while the class is approved and has begun."""
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    require_provider(actor, training_class)
    if training_class.status != ClassStatus.APPROVED:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不能登记成绩")
    if clock.today() < training_class.start_date:
        raise ConflictError("培训班尚未开班，不能登记成绩")
    enrolments = {e.pk: e for e in training_class.enrolments.select_related("professional")}
    changed = 0
    for pk, raw in scores.items():
        enrolment = enrolments.get(int(pk))
        if enrolment is None:
            raise ApplicationError("学员不在本培训班花名册中", field="scores")
        score = _score(raw, enrolment.professional.name)
        if score != enrolment.exam_score:
            enrolment.exam_score = score
            enrolment.save(update_fields=["exam_score"])
            changed += 1
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=training_class, message=f"登记考试成绩：{changed}人")
    return changed


def exam_scores_import(*, actor: Any, training_class: TrainingClass, filename: str, data: bytes) -> int:
    """An .xlsx/.csv with columns 身份证号码 and 成绩."""
    rows = read_table(data, filename)
    header = [cell_text(c) for c in rows[0]] if rows else []
    if "身份证号码" not in header or "成绩" not in header:
        raise ApplicationError("缺少必需的列：身份证号码、成绩", field="file")
    id_col, score_col = header.index("身份证号码"), header.index("成绩")
    by_number = {e.professional.id_number: e.pk for e in
                 Enrolment.objects.filter(training_class=training_class).select_related("professional")}
    scores: dict[int, Any] = {}
    for n, row in enumerate(rows[1:], start=2):
        number = cell_text(row[id_col] if id_col < len(row) else "").upper()
        if not number:
            continue
        if number not in by_number:
            raise ApplicationError(f"第{n}行：该身份证号码不在本培训班花名册中", field="file")
        scores[by_number[number]] = row[score_col] if score_col < len(row) else ""
    return exam_scores_enter(actor=actor, training_class=training_class, scores=scores)


def passed(enrolment: Enrolment, training_class: TrainingClass) -> bool:
    return enrolment.exam_score is not None and enrolment.exam_score >= training_class.pass_mark
