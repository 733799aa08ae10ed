"""After the class: evidence and hours recognition within the days of the region's rule set (泉洛政人社[2017]27号 一(五)3: 30),
extensions, inspections (一(五)4) with credit entries, and the class summary (榕人专〔2009〕145号 附件2)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files.base import ContentFile
from django.db import transaction
from django.urls import reverse

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.notifications.choices import Category
from jxjy.notifications.services import notify, users_of
from jxjy.providers.services.credit import provider_credit_event_record
from jxjy.records.choices import RecordSource
from jxjy.records.services import learning_records_recognise_class

from .. import clock
from ..choices import DISQUALIFYING_FINDINGS, ClassStatus, EvidenceKind, InspectionFinding
from ..models import (
    Attendance,
    ClassSummary,
    EvidenceFile,
    Inspection,
    RecognitionExtension,
    TrainingClass,
)
from ..permissions import is_officer_over, may_recognise, require_approving_officer, require_provider
from .attendance import attended_hours
from .config import class_settings, recognition_evidence, setting_basis
from .exam import passed
from .revocation import training_classes_recognition_revoke
from .uploads import COURSEWARE, IMAGES, SPREADSHEETS_AND_SCANS, check_upload

EVIDENCE_TYPES = {
    EvidenceKind.ROSTER: SPREADSHEETS_AND_SCANS,
    EvidenceKind.SIGN_IN: SPREADSHEETS_AND_SCANS,
    EvidenceKind.HANDOUT: COURSEWARE,
    EvidenceKind.PHOTO: IMAGES,
}


def _url(training_class: TrainingClass) -> str:
    return reverse("training:class_detail", args=[training_class.pk])


def recognition_deadline(training_class: TrainingClass) -> dt.date:
    """The last day to submit: N days after the class ends (the rule set of the region with
    jurisdiction over its target professionals: 泉洛政人社[2017]27号 一（五）3 30 days for 洛江;
    elsewhere the document's or the default), or a granted extension."""
    days = class_settings(training_class, training_class.end_date).recognition_days
    assert days is not None  # filled by class_settings
    deadline = training_class.end_date + dt.timedelta(days=days)
    extension = training_class.extensions.order_by("-until").first()
    return max(deadline, extension.until) if extension else deadline


def _require_recognition_stage(training_class: TrainingClass) -> None:
    if training_class.status == ClassStatus.UNQUALIFIED:
        raise ConflictError("培训班经检查认定不合格，学时不予认定")
    if training_class.status != ClassStatus.APPROVED:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不能申报学时认定")
    if clock.today() <= training_class.end_date:
        raise ConflictError(f"培训班{training_class.end_date:%Y年%-m月%-d日}结束，结束后方可申报学时认定")


@transaction.atomic
def evidence_upload(*, actor: Any, training_class: TrainingClass, kind: str, filename: str, data: bytes) -> EvidenceFile:
    """One piece of evidence, its type and size checked by kind."""
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    require_provider(actor, training_class)
    if kind not in EVIDENCE_TYPES:
        raise ApplicationError("未知的材料类别", field="kind")
    _require_recognition_stage(training_class)
    upload = check_upload(name=filename, data=data, allowed=EVIDENCE_TYPES[EvidenceKind(kind)])
    evidence = EvidenceFile(training_class=training_class, kind=kind, original_name=upload.name, size=len(data),
                            uploaded_by=actor)
    evidence.file.save(upload.name, ContentFile(data), save=False)
    evidence.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training_class,
                 message=f"上传学时认定材料（{evidence.get_kind_display()}）：{upload.name}")
    return evidence


@transaction.atomic
def recognition_extension_grant(*, actor: Any, training_class: TrainingClass, until: dt.date, reason: str) -> RecognitionExtension:
    """An officer lets the provider submit after the recognition deadline (``recognition_deadline``), with a reason."""
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    require_approving_officer(actor, training_class)
    if training_class.status != ClassStatus.APPROVED:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不需要延期")
    if not reason.strip():
        raise ApplicationError("延期须填写理由", field="reason")
    if until < clock.today():
        raise ApplicationError("延期日期不能早于今天", field="until")
    extension = RecognitionExtension(training_class=training_class, until=until, reason=reason.strip()[:500],
                                     granted_by=actor)
    extension.full_clean()
    extension.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training_class,
                 message=f"准予延期申报学时认定至{until:%Y-%m-%d}：{reason}")
    notify(category=Category.RECOGNITION, users=users_of(training_class.provider), message=f"{training_class} 学时认定申报期限延至{until:%Y-%m-%d}",
           url=_url(training_class))
    return extension


@transaction.atomic
def recognition_submit(*, actor: Any, training_class: TrainingClass) -> TrainingClass:
    """Submits for recognition within the deadline, with the evidence the rule set of the class's
    target region names (泉洛政人社[2017]27号 一（五）3: roster, sign-in records, handouts, photos)."""
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related("approving_bureau").get(
        pk=training_class.pk)
    require_provider(actor, training_class)
    _require_recognition_stage(training_class)
    deadline = recognition_deadline(training_class)
    cfg = class_settings(training_class, training_class.end_date)
    if clock.today() > deadline:
        raise ApplicationError(
            f"学时认定应在培训结束后{cfg.recognition_days}日内申报（{setting_basis(cfg, 'recognition_days')}）"
            f"（截止{deadline:%Y年%-m月%-d日}），已逾期；如有正当理由请向批准机关申请延期",
            field="deadline", extra={"deadline": deadline.isoformat()})
    present = set(training_class.evidence.values_list("kind", flat=True))
    required = recognition_evidence(training_class)
    missing = [str(EvidenceKind(k).label) for k in required.items if k not in present]
    if missing:
        raise ApplicationError(f"缺少学时认定材料：{'、'.join(missing)}（{required.reference}）", field="evidence")
    if not training_class.enrolments.exists():
        raise ApplicationError("花名册中没有学员", field="enrolments")
    before = snapshot(training_class)
    training_class.status = ClassStatus.RECOGNITION_SUBMITTED
    training_class.recognition_submitted_at = clock.now()
    training_class.save(update_fields=["status", "recognition_submitted_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class), message="申报学时认定")
    on_time_until = training_class.end_date + dt.timedelta(days=cfg.recognition_days or 0)
    if clock.today() > on_time_until:  # submitted under an extension: late recognition is a credit entry
        provider_credit_event_record(
            actor=actor, provider=training_class.provider, kind="late_recognition", occurred_on=clock.today(),
            source=f"培训班 {training_class.source_ref} 学时认定", description=f"{training_class.name}：经延期后逾期申报学时认定")
    recognisers = users_of(training_class.approving_bureau)
    if training_class.provider.supervising_authority and training_class.subject == "professional":
        recognisers += users_of(training_class.provider.supervising_authority)
    notify(category=Category.RECOGNITION, users=recognisers, message=f"学时认定待审核：{training_class}", url=_url(training_class))
    return training_class


@transaction.atomic
def training_class_recognise(*, actor: Any, training_class: TrainingClass) -> list[Any]:
    """Recognises the hours: one learning record per passing trainee with hours earned in complete sessions."""
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related("provider", "approving_bureau").get(
        pk=training_class.pk)
    if training_class.status != ClassStatus.RECOGNITION_SUBMITTED:
        if training_class.status == ClassStatus.UNQUALIFIED:
            raise ConflictError("培训班经检查认定不合格，学时不予认定")
        raise ConflictError(f"培训班尚未申报学时认定（当前状态：{training_class.get_status_display()}），不能认定学时")
    if not may_recognise(actor, training_class):
        raise PermissionDenied("只有批准机关（专业科目也可由主管部门）可以认定学时")
    hours = attended_hours(training_class)
    earned = [
        (enrolment.professional, hours.get(enrolment.pk, Decimal(0)))
        for enrolment in training_class.enrolments.select_related("professional__region")
        if passed(enrolment, training_class) and hours.get(enrolment.pk, Decimal(0)) > 0
    ]
    records = learning_records_recognise_class(  # one insert, one audit entry, one standings refresh
        actor=actor, earned=earned, date=training_class.end_date, subject=training_class.subject,
        form=training_class.form, course=training_class.name, source=RecordSource.TRAINING_CLASS,
        source_ref=training_class.source_ref, provider=training_class.provider)
    before = snapshot(training_class)
    training_class.status = ClassStatus.RECOGNISED
    training_class.recognised_at, training_class.recognised_by = clock.now(), actor
    training_class.save(update_fields=["status", "recognised_at", "recognised_by"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class), message=f"认定学时：{len(records)}人")
    notify(category=Category.RECOGNITION, users=users_of(training_class.provider), message=f"{training_class} 学时已认定（{len(records)}人）",
           url=_url(training_class))
    return records


@transaction.atomic
def inspection_record(*, actor: Any, training_class: TrainingClass, finding: str, notes: str,
                      inspected_on: dt.date | None = None) -> Inspection:
    """A spot check — while the class runs, or after its hours were recognised. Fraud or not following
    the plan marks the class unqualified and adds a credit entry (泉洛政人社[2017]27号 一(五)4); after
    recognition it also revokes the class's learning records with the finding as the reason, which
    recomputes the standings and tells the people and the units where somebody became non-compliant."""
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related("provider__region").get(
        pk=training_class.pk)
    if not is_officer_over(actor, training_class):
        raise PermissionDenied("只有管辖范围内的人社部门或主管部门可以登记检查")
    recognised = training_class.status == ClassStatus.RECOGNISED
    if training_class.status not in (ClassStatus.APPROVED, ClassStatus.RECOGNITION_SUBMITTED, ClassStatus.RECOGNISED):
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不能登记检查")
    if finding not in InspectionFinding.values:
        raise ApplicationError("未知的检查结论", field="finding")
    if not notes.strip():
        raise ApplicationError("请填写检查情况", field="notes")
    inspection = Inspection(training_class=training_class, inspected_on=inspected_on or clock.today(),
                            finding=finding, notes=notes.strip(), inspector=actor)
    inspection.full_clean()
    inspection.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training_class,
                 message=f"监督检查：{inspection.get_finding_display()}")
    if finding in DISQUALIFYING_FINDINGS:
        if recognised:
            training_classes_recognition_revoke(
                actor=actor, classes=[training_class],
                reason=f"经{inspection.inspected_on:%Y年%-m月%-d日}检查发现{inspection.get_finding_display()}：{notes.strip()}"[:300])
        else:
            before = snapshot(training_class)
            training_class.status = ClassStatus.UNQUALIFIED
            training_class.save(update_fields=["status"])
            audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                         after=snapshot(training_class), message=f"检查发现{inspection.get_finding_display()}，培训项目认定不合格")
        provider_credit_event_record(  # 泉洛政人社[2017]27号 一(五)4: the finding enters the provider's credit record
            actor=actor, provider=training_class.provider,
            kind="fraud" if finding == InspectionFinding.FRAUD else "violation",
            occurred_on=inspection.inspected_on, source=f"培训班 {training_class.source_ref} 监督检查",
            description=f"{training_class.name}：{inspection.get_finding_display()}。{notes.strip()}"[:500])
        notify(category=Category.RECOGNITION, users=users_of(training_class.provider),
               message=f"{training_class} 经检查认定不合格：{inspection.get_finding_display()}", url=_url(training_class))
    return inspection


def class_statistics(training_class: TrainingClass) -> dict[str, Any]:
    """Attendance and results, for the summary and the detail page."""
    enrolments = list(training_class.enrolments.all())
    hours = attended_hours(training_class)
    sessions = training_class.schedule.count()
    complete = Attendance.objects.filter(enrolment__training_class=training_class, signed_in_at__isnull=False,
                                         signed_out_at__isnull=False).count()
    scores = [e.exam_score for e in enrolments if e.exam_score is not None]
    passing = [e for e in enrolments if passed(e, training_class)]
    full = sum(1 for e in enrolments if hours.get(e.pk, 0) >= training_class.total_hours)
    return {
        "enrolled": len(enrolments),
        "capacity": training_class.capacity,
        "sessions": sessions,
        "complete_attendances": complete,
        "attendance_rate": round(100 * complete / (sessions * len(enrolments)), 1) if sessions and enrolments else 0,
        "full_attendance": full,
        "examined": len(scores),
        "passed": len(passing),
        "pass_rate": round(100 * len(passing) / len(enrolments), 1) if enrolments else 0,
        "average_score": float(round(sum(scores, Decimal(0)) / len(scores), 1)) if scores else None,
        "recognised": sum(1 for e in passing if hours.get(e.pk, 0) > 0),
    }


@transaction.atomic
def class_summary_file(*, actor: Any, training_class: TrainingClass, text: str) -> ClassSummary:
    """The provider's summary after the class, with its statistics frozen at filing."""
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    require_provider(actor, training_class)
    if training_class.status not in (ClassStatus.APPROVED, ClassStatus.RECOGNITION_SUBMITTED, ClassStatus.RECOGNISED):
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不能填报办班总结")
    if clock.today() <= training_class.end_date:
        raise ConflictError("培训班结束后方可填报办班总结")
    if ClassSummary.objects.filter(training_class=training_class).exists():
        raise ConflictError("办班总结已填报")
    if not text.strip():
        raise ApplicationError("请填写总结内容", field="text")
    summary = ClassSummary(training_class=training_class, text=text.strip(), statistics=class_statistics(training_class),
                           filed_by=actor)
    summary.full_clean()
    summary.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training_class, message="填报办班总结")
    notify(category=Category.RECOGNITION, users=users_of(training_class.approving_bureau), message=f"{training_class} 已提交办班总结", url=_url(training_class))
    return summary
