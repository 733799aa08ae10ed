"""Writes of learning records. Other workflows (class recognition, online courses) call
`learning_record_recognise_from_source` — never the ORM directly."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.core.files import File
from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.orgs.models import Provider
from jxjy.people.models import Professional
from jxjy.regions.procedures import CitedValue, region_procedure

from ..choices import LearningForm, RecordSource, RecordStatus, ReviewDecision, ReviewStage, Subject
from ..models import EvidenceFile, LearningRecord, RecordReview
from .standings import standings_refresh


@transaction.atomic
def learning_record_recognise_from_source(
    *,
    actor: Any,
    professional: Professional,
    date: dt.date,
    subject: str,
    form: str,
    course: str,
    source: RecordSource | str,
    source_ref: str,
    hours: Decimal | float | None = None,
    days: Decimal | float | None = None,
    credits: Decimal | float | None = None,
    credit_class: str = "",
    general_practice: bool = False,
    required_course: bool = False,
    provider: Provider | None = None,
) -> LearningRecord:
    """A recognised record from a class or course; one per person and source (idempotent)."""
    if hours is None and days is None and credits is None:
        raise ApplicationError("学习记录必须有学时、天数或学分之一", field="hours")
    existing = LearningRecord.objects.filter(
        professional=professional, source=source, source_ref=source_ref
    ).exclude(status=RecordStatus.REVOKED).first()
    if existing is not None:
        return existing
    record = LearningRecord(
        professional=professional,
        date=date,
        year=date.year,
        subject=subject,
        form=form,
        course=course,
        source=source,
        source_ref=source_ref,
        hours=Decimal(str(hours)) if hours is not None else None,
        days=Decimal(str(days)) if days is not None else None,
        credits=Decimal(str(credits)) if credits is not None else None,
        credit_class=credit_class,
        general_practice=general_practice,
        required_course=required_course,
        provider=provider,
        status=RecordStatus.RECOGNISED,
        recognised_at=timezone.now(),
        recognised_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record.full_clean()
    record.save()
    audit_record(
        actor=actor,
        action=AuditAction.CREATE,
        obj=record,
        after=snapshot(record),
        region_path=professional.region.path,
        message=f"认定学习记录：{course}",
    )
    standings_refresh(professional_ids=[professional.pk], years=[record.counted_year], reason=f"认定学习记录：{course}"[:200])
    return record


@transaction.atomic
def learning_records_recognise_class(
    *,
    actor: Any,
    earned: list[tuple[Professional, Decimal]],
    date: dt.date,
    subject: str,
    form: str,
    course: str,
    source: RecordSource | str,
    source_ref: str,
    provider: Provider | None = None,
) -> list[LearningRecord]:
    """Recognised records for a whole class at once (hours per trainee): one insert, one audit entry
    naming every record, one standings refresh — a class of 200 costs a few queries, not a few per
    trainee. Trainees who already hold a record of this source keep it (idempotent)."""
    for person, hours in earned:
        if hours is None or hours < 0 or hours > Decimal("9999.9"):
            raise ApplicationError(f"{person.name}的学时无效：{hours}", field="hours")
    people = [p for p, _h in earned]
    held = set(
        LearningRecord.objects.filter(professional__in=people, source=source, source_ref=source_ref)
        .exclude(status=RecordStatus.REVOKED).values_list("professional_id", flat=True)
    )
    now = timezone.now()
    recogniser = actor if getattr(actor, "is_authenticated", False) else None
    new = [
        LearningRecord(
            professional=person, date=date, year=date.year, subject=subject, form=form, course=course,
            source=source, source_ref=source_ref, hours=Decimal(str(hours)), provider=provider,
            status=RecordStatus.RECOGNISED, recognised_at=now, recognised_by=recogniser,
        )
        for person, hours in earned if person.pk not in held and hours > 0
    ]
    for record in new:  # field checks in Python; the invariants are database constraints too
        record.full_clean(exclude=["professional", "provider", "recognised_by"], validate_unique=False,
                          validate_constraints=False)
    LearningRecord.objects.bulk_create(new, batch_size=500)
    if new:
        audit_record(
            actor=actor, action=AuditAction.CREATE, obj=new[0], region_path=new[0].professional.region.path,
            after={"source": str(source), "source_ref": source_ref, "course": course, "date": date.isoformat(),
                   "records": [{"record_id": r.pk, "professional_id": r.professional_id, "hours": str(r.hours)}
                               for r in new]},
            message=f"认定学习记录：{course}（{len(new)}人）",
        )
        standings_refresh(professional_ids=[r.professional_id for r in new], years=[date.year],
                        reason=f"认定学习记录：{course}"[:200])
    return new


# --- Declared and unit-registered records, and their review chain ---------------------------------
DECLARABLE_FORMS = {
    LearningForm.ADVANCED_STUDY, LearningForm.CONFERENCE, LearningForm.DEGREE, LearningForm.PAPER,
    LearningForm.RESEARCH, LearningForm.OVERSEAS, LearningForm.SELF_STUDY,
}


def review_chain(*, professional: Professional, source: str, subject: str, form: str = "") -> list[ReviewStage]:
    """The stages a declared/unit-registered record passes: the unit (for a personal declaration),
    then — health series — the health authority's first review (卫计局初审) and HR, otherwise the
    competent authority: HR for public subjects, the industry authority for professional ones
    (a unit without one is managed by HR directly). A professional self-study record ends at HR
    where the person's region's rule set says so (自学活动……经政府人社部门核准备案, 泉洛政人社[2017]27号
    一（四）; ``self_study_final_reviewer``)."""
    chain: list[ReviewStage] = []
    if source == RecordSource.DECLARED:
        chain.append(ReviewStage.UNIT)
    if professional.series == "health":
        chain += [ReviewStage.HEALTH_AUTHORITY, ReviewStage.HR_BUREAU]
    elif subject == Subject.PUBLIC or professional.unit.supervising_authority_id is None:
        chain.append(ReviewStage.HR_BUREAU)
    else:
        chain.append(ReviewStage.INDUSTRY_AUTHORITY)
        if form == LearningForm.SELF_STUDY and self_study_final_reviewer(professional).value == "hr_bureau":
            chain.append(ReviewStage.HR_BUREAU)
    return chain


def self_study_final_reviewer(professional: Professional) -> CitedValue:
    """Who approves a self-study record last, per the rule set of the person's region (or the default)."""
    return region_procedure(professional.region, "self_study_final_reviewer", timezone.localdate())


def _next_stage(record: LearningRecord) -> ReviewStage:
    chain = review_chain(professional=record.professional, source=record.source, subject=record.subject,
                         form=record.form)
    index = chain.index(ReviewStage(record.review_stage))
    return chain[index + 1] if index + 1 < len(chain) else ReviewStage.DONE


@transaction.atomic
def learning_record_declare(
    *,
    actor: User,
    professional: Professional,
    date: dt.date,
    subject: str,
    form: str,
    course: str,
    hours: Decimal | float | None = None,
    credits: Decimal | float | None = None,
    credit_class: str = "",
    description: str = "",
    paper_confirmation_no: str = "",
    paper_confirmed_on: dt.date | None = None,
    make_up_for_year: int | None = None,
    evidence: list[tuple[str, File]] | None = None,
) -> LearningRecord:
    """A record of another form (进修, 学术会议, 学历学位教育, 论文, 课题研究, 出国(境)研修, approved
    self-study) declared by the professional (个人申报) or registered by the unit (单位登记)."""
    if actor.role == Role.PROFESSIONAL and actor.professional_id == professional.pk:
        source = RecordSource.DECLARED
    elif actor.role == Role.UNIT_ADMIN and actor.employer_unit_id == professional.unit_id:
        source = RecordSource.UNIT_REGISTERED
    else:
        raise PermissionDenied("只有本人或其所在单位的继续教育管理员可以申报学习记录")
    if form not in DECLARABLE_FORMS:
        raise ApplicationError("培训班和网络课程的学时由学时认定产生，不能申报", field="form")
    if hours is None and credits is None:
        raise ApplicationError("请填写学时或学分", field="hours")
    if date > timezone.localdate():
        raise ApplicationError("学习日期不能晚于今天", field="date")
    if form == LearningForm.PAPER:
        if not paper_confirmed_on or not paper_confirmation_no:
            raise ApplicationError(
                "以论文计算学时或学分的，个人必须事先办好确认手续（泉洛政人社[2017]27号 二（一）6）", field="paper_confirmed_on"
            )
        if paper_confirmed_on > timezone.localdate():
            raise ApplicationError("论文确认日期不能晚于申报日期", field="paper_confirmed_on")
    if make_up_for_year is not None and make_up_for_year >= date.year:
        raise ApplicationError("补课只能计入学习日期之前的年度", field="make_up_for_year")
    chain = review_chain(professional=professional, source=source, subject=subject, form=form)
    record = LearningRecord(
        professional=professional,
        date=date,
        year=date.year,
        subject=subject,
        form=form,
        course=course,
        hours=Decimal(str(hours)) if hours is not None else None,
        credits=Decimal(str(credits)) if credits is not None else None,
        credit_class=credit_class,
        source=source,
        source_ref="",
        status=RecordStatus.PENDING,
        review_stage=chain[0],
        declared_by=actor,
        description=description,
        paper_confirmation_no=paper_confirmation_no,
        paper_confirmed_on=paper_confirmed_on,
        make_up_for_year=make_up_for_year,
    )
    record.full_clean()
    record.save()
    for name, content in evidence or []:
        item = EvidenceFile(record=record, name=name[:200], uploaded_by=actor)
        item.file.save(name, content, save=False)
        item.full_clean()
        item.save()
    audit_record(
        actor=actor, action=AuditAction.CREATE, obj=record, after=snapshot(record),
        region_path=professional.region.path, message=f"{record.get_source_display()}学习记录：{course}",
    )
    return record


def _org_name(user: User) -> str:
    return str(user.organisation or user)


@transaction.atomic
def learning_record_review(*, actor: User, record: LearningRecord, approve: bool, reason: str = "") -> LearningRecord:
    """The current stage's decision. Approval moves the record on; the last approval recognises it.
    A rejection (with a reason) ends the chain."""
    record = LearningRecord.objects.select_for_update().get(pk=record.pk)
    if record.status != RecordStatus.PENDING or record.review_stage == ReviewStage.DONE:
        raise ConflictError("该记录不在待审核状态")
    if not can(actor, "change", record):
        raise PermissionDenied("该记录当前环节不由您审核")
    if not approve and not reason.strip():
        raise ApplicationError("不通过时请填写原因", field="reason")
    before = snapshot(record)
    now = timezone.now()
    stage = record.review_stage
    RecordReview.objects.create(
        record=record, stage=stage, decision=ReviewDecision.APPROVED if approve else ReviewDecision.REJECTED,
        reason=reason.strip(), reviewer=actor, reviewer_org=_org_name(actor), decided_at=now,
    )
    if not approve:
        record.status = RecordStatus.REJECTED
        record.rejection_reason = reason.strip()
        record.review_stage = ReviewStage.DONE
    else:
        record.review_stage = _next_stage(record)
        if record.review_stage == ReviewStage.DONE:
            if record.form == LearningForm.PAPER and (
                record.paper_confirmed_on is None or record.paper_confirmed_on > record.created_at.date()
            ):
                raise ApplicationError("论文未在申报前办理确认手续，不能认定", field="paper_confirmed_on")
            record.status = RecordStatus.RECOGNISED
            record.recognised_at = now
            record.recognised_by = actor
    record.full_clean()
    record.save(update_fields=["status", "rejection_reason", "review_stage", "recognised_at", "recognised_by"])
    audit_record(
        actor=actor, action=AuditAction.TRANSITION, obj=record, before=before, after=snapshot(record),
        region_path=record.professional.region.path,
        message=f"{ReviewStage(stage).label}：{'通过' if approve else '不通过，' + reason.strip()}",
    )
    if record.status == RecordStatus.RECOGNISED:
        standings_refresh(professional_ids=[record.professional_id], years=[record.counted_year],
                        reason=f"审核认定学习记录：{record.course}"[:200])
    return record
