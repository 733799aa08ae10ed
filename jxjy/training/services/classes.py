"""The class application (办班申请): fill in (with the region of the professionals it is for), attach
résumés, submit the lead time ahead that the rule set of that region sets."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.core.validators import check_phone
from jxjy.notifications.choices import Category
from jxjy.notifications.services import notify, users_of
from jxjy.providers.services.checks import class_application_check
from jxjy.regions.models import Region

from .. import clock
from ..choices import ClassStatus
from ..models import PlanItem, ScheduleItem, TeacherResume, TrainingClass
from ..permissions import require_provider
from .calendar import latest_on_time_for
from .config import class_settings, setting_basis
from .review import review_chain_for, review_round_open
from .uploads import DOCUMENTS, check_upload

APPLICATION_FIELDS = (
    "class_type", "name", "start_date", "end_date", "place", "contact", "phone", "total_hours", "runs",
    "trainees_per_run", "subject", "form", "target_series", "target_levels", "audience", "teaching_plan",
    "funding_source", "charges_fee", "fee_per_person", "fee_standard", "fee_licence_no", "pass_mark",
)
SCHEDULE_FIELDS = ("date", "half_day", "content", "hours", "teacher_name", "teacher_title", "teacher_unit")
EDITABLE = (ClassStatus.DRAFT, ClassStatus.RETURNED)


def _raise_validation(exc: ValidationError, prefix: str = "") -> None:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        raise ApplicationError(f"{prefix}{errors[0].messages[0]}", field=None if field == "__all__" else field) from exc
    raise ApplicationError(f"{prefix}{exc.messages[0]}") from exc


def _check_schedule(training_class: TrainingClass, schedule: list[dict[str, Any]]) -> list[ScheduleItem]:
    if not schedule:
        raise ApplicationError("请填写课程表（至少一个半天）", field="schedule")
    items, seen = [], set()
    for n, row in enumerate(schedule, start=1):
        item = ScheduleItem(training_class=training_class, **{k: row.get(k) for k in SCHEDULE_FIELDS})
        try:
            item.full_clean(exclude=["training_class"], validate_constraints=False)
        except ValidationError as exc:
            _raise_validation(exc, f"课程表第{n}行：")
        if not (training_class.start_date <= item.date <= training_class.end_date):
            raise ApplicationError(f"课程表第{n}行：日期不在培训起止日期之内", field="schedule")
        if (item.date, item.half_day) in seen:
            raise ApplicationError(f"课程表第{n}行：同一半天只能安排一行", field="schedule")
        seen.add((item.date, item.half_day))
        items.append(item)
    total = sum((Decimal(str(i.hours)) for i in items), Decimal(0))
    if total != Decimal(str(training_class.total_hours)):
        raise ApplicationError(f"课程表学时合计 {total} 与培训学时 {training_class.total_hours} 不一致", field="schedule")
    return items


def target_regions(provider: Any) -> list[Region]:
    """The regions whose professionals a class of this organiser may be for: its own region, the
    regions above it and those below it."""
    region = provider.region
    above = region.ancestor_codes()[:-1]
    return list(Region.objects.filter(Q(code__in=above) | Q(path__startswith=region.path)).order_by("path"))


def _target_region(provider: Any, code: Any) -> Region:
    if code in (None, ""):
        return provider.region  # recorded explicitly: the organiser's own region
    code = str(code).strip()
    region = Region.objects.filter(code=code).first()
    if region is None:
        raise ApplicationError(f"培训对象所在地区：未找到区划代码为“{code[:6]}”的地区", field="target_region")
    if not (region.contains(provider.region) or provider.region.contains(region)):
        raise ApplicationError(
            f"培训对象所在地区须为办班单位所在地区（{provider.region.full_name}）或其上级、下级地区，"
            f"不能是{region.full_name}", field="target_region")
    return region


def _apply(training_class: TrainingClass, data: dict[str, Any]) -> None:
    if "phone" in data:
        data = {**data, "phone": check_phone(str(data["phone"] or ""), required=True)}
    for key in APPLICATION_FIELDS:
        if key in data:
            setattr(training_class, key, data[key])
    if "target_region" in data or training_class.target_region_id is None:
        training_class.target_region = _target_region(training_class.provider, data.get("target_region"))
    if not training_class.charges_fee:
        training_class.fee_per_person = None
    elif training_class.fee_per_person is None:
        raise ApplicationError("收费的培训班须填写收费标准（元/人）", field="fee_per_person")
    try:
        training_class.full_clean(exclude=["provider", "created_by"])
    except ValidationError as exc:
        _raise_validation(exc)


def _plan_item(actor: Any, plan_item_id: int | None) -> PlanItem | None:
    if not plan_item_id:
        return None
    item = PlanItem.objects.select_related("plan").filter(pk=plan_item_id, plan__provider=actor.provider).first()
    if item is None:
        raise ApplicationError("未找到该年度计划项目", field="plan_item")
    return item


@transaction.atomic
def training_class_create(*, actor: Any, data: dict[str, Any], schedule: list[dict[str, Any]],
                          plan_item_id: int | None = None) -> TrainingClass:
    """A draft application of the actor's provider with its schedule (课程表)."""
    if actor.role != "provider_admin" or actor.provider is None:
        raise PermissionDenied("只有施教机构可以申请办班")
    training_class = TrainingClass(provider=actor.provider, created_by=actor, plan_item=_plan_item(actor, plan_item_id))
    _apply(training_class, data)
    items = _check_schedule(training_class, schedule)
    training_class.save()
    for item in items:
        item.training_class = training_class
        item.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training_class, after=snapshot(training_class),
                 message=f"填写办班申请（课程表{len(items)}个半天）")
    return training_class


@transaction.atomic
def training_class_update(*, actor: Any, training_class: TrainingClass, data: dict[str, Any],
                          schedule: list[dict[str, Any]] | None = None, plan_item_id: int | None = None) -> TrainingClass:
    """Changes a draft or returned application."""
    training_class = TrainingClass.objects.select_for_update().get(pk=training_class.pk)
    require_provider(actor, training_class)
    if training_class.status not in EDITABLE:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不能修改申请")
    before = snapshot(training_class)
    training_class.plan_item = _plan_item(actor, plan_item_id)
    _apply(training_class, data)
    items = _check_schedule(training_class, schedule) if schedule is not None else None
    training_class.save()
    if items is not None:
        training_class.schedule.all().delete()
        for item in items:
            item.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=training_class, before=before,
                 after=snapshot(training_class), message="修改办班申请")
    return training_class


@transaction.atomic
def teacher_resume_attach(*, actor: Any, training_class: TrainingClass, teacher_name: str, filename: str,
                          data: bytes) -> TeacherResume:
    """A teacher's résumé (PDF, Word or image; size limited), while the application can still change."""
    require_provider(actor, training_class)
    if training_class.status not in EDITABLE:
        raise ConflictError("申请已提交，不能再添加师资简历")
    if not teacher_name.strip():
        raise ApplicationError("请填写教师姓名", field="teacher_name")
    upload = check_upload(name=filename, data=data, allowed=DOCUMENTS, max_bytes=5 * 1024 * 1024)
    resume = TeacherResume(training_class=training_class, teacher_name=teacher_name.strip()[:50],
                           original_name=upload.name, size=len(data))
    resume.file.save(upload.name, ContentFile(data), save=False)
    resume.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=training_class, message=f"上传师资简历：{resume.teacher_name}")
    return resume


@transaction.atomic
def training_class_submit(*, actor: Any, training_class: TrainingClass) -> TrainingClass:
    """Submits the application for review, with every teacher's résumé, at least the lead time ahead
    that the rule set of the region with jurisdiction over the class's target professionals sets
    (泉洛政人社[2017]27号 一（五）2 for 洛江 professionals; elsewhere the document's or the default);
    creates the review steps of that region's chain for the organiser's level (一（五）1: every class
    for 洛江 professionals goes through the district bureau)."""
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related(
        "provider__region", "target_region").get(pk=training_class.pk)
    require_provider(actor, training_class)
    if training_class.status not in EDITABLE:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，不能提交申请")
    today = clock.today()
    steps = review_chain_for(training_class, today)
    approving = steps[-1].reviewer
    cfg = class_settings(training_class, today)
    lead = cfg.min_working_days
    assert lead is not None  # filled by class_settings
    latest = latest_on_time_for(training_class.start_date, lead)
    if today > latest:
        raise ApplicationError(
            f"开班申请须至少提前{lead}个工作日提交（{setting_basis(cfg, 'min_working_days')}）："
            f"培训首日为{training_class.start_date:%Y年%-m月%-d日}，"
            f"最迟应于{latest:%Y年%-m月%-d日}提交（今天是{today:%Y年%-m月%-d日}）",
            field="start_date", extra={"latest_on_time": latest.isoformat()},
        )
    # The provider's accredited scope and the fee standard in force (榕人专〔2009〕145号 四、五).
    class_application_check(
        provider=training_class.provider, class_type=training_class.class_type,
        series=list(training_class.target_series), subject=training_class.subject, form=training_class.form,
        total_hours=training_class.total_hours,
        fee_per_person=training_class.fee_per_person if training_class.charges_fee else None,
        fee_licence_no=training_class.fee_licence_no, on=training_class.start_date,
    )
    teachers = set(training_class.schedule.values_list("teacher_name", flat=True))
    missing = sorted(teachers - set(training_class.resumes.values_list("teacher_name", flat=True)))
    if missing:
        raise ApplicationError(f"缺少师资简历：{'、'.join(missing)}", field="resumes")
    before = snapshot(training_class)
    training_class.review_round += 1
    training_class.status = ClassStatus.UNDER_REVIEW
    training_class.submitted_at = clock.now()
    training_class.approving_bureau = approving  # type: ignore[assignment]
    training_class.save(update_fields=["review_round", "status", "submitted_at", "approving_bureau"])
    review_round_open(training_class=training_class, steps=steps)
    chain = " → ".join(str(step.reviewer) for step in steps)
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                 after=snapshot(training_class),
                 message=f"提交办班申请（第{training_class.review_round}次），审核：{chain}")
    flag = "" if training_class.in_approved_plan else "（不在已公布的年度计划内）"
    notify(category=Category.TRAINING, users=users_of(steps[0].reviewer), message=f"办班申请待审核：{training_class}{flag}",
           url=reverse("training:class_detail", args=[training_class.pk]))
    return training_class
