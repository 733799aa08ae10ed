"""The course catalogue: providers create courses, units, questions and blueprints; officers approve."""

from __future__ import annotations

import datetime as dt
import mimetypes
from decimal import Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.audit.services import snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from ..choices import CourseStatus, QuestionKind, UnitKind
from ..models import BlueprintItem, Course, Question, Unit
from ._common import audit, require

_ALLOWED_TYPES = {
    UnitKind.VIDEO: ("video/mp4", "video/webm", "video/ogg"),
    UnitKind.PDF: ("application/pdf",),
}
_EDITABLE = (CourseStatus.DRAFT, CourseStatus.REJECTED)


def _editable(course: Course) -> None:
    course.status = Course.objects.select_for_update().values_list("status", flat=True).get(pk=course.pk)
    if course.status not in _EDITABLE:
        raise ConflictError("课程已提交审核或已上架，不能修改", field="status")


@transaction.atomic
def course_create(
    *,
    actor: Any,
    code: str,
    title: str,
    subject: str,
    valid_from: dt.date,
    hours: Decimal | None = None,
    credits: Decimal | None = None,
    valid_to: dt.date | None = None,
    description: str = "",
    target_series: list[str] | None = None,
    target_levels: list[str] | None = None,
    required_course: bool = False,
    exam_minutes: int = 30,
    pass_mark: int = 60,
    max_attempts: int = 3,
    reveal_key_after_last_attempt: bool = False,
) -> Course:
    """A draft course of the actor's own provider, to be approved in the provider's region."""
    provider = getattr(actor, "provider", None)
    if provider is None:
        raise PermissionDenied("只有施教机构可以开设网络课程")
    course = Course(
        code=code.strip(), title=title.strip(), subject=subject, description=description, provider=provider,
        region=provider.region, target_series=target_series or [], target_levels=target_levels or [],
        hours=hours, credits=credits, required_course=required_course, valid_from=valid_from, valid_to=valid_to,
        exam_minutes=exam_minutes, pass_mark=pass_mark, max_attempts=max_attempts,
        reveal_key_after_last_attempt=reveal_key_after_last_attempt,
    )
    course.full_clean()
    course.save()
    audit(actor=actor, obj=course, action=AuditAction.CREATE, message=f"新建网络课程：{course.title}",
          region_path=course.region.path)
    return course


@transaction.atomic
def unit_add(
    *,
    actor: Any,
    course: Course,
    title: str,
    kind: str,
    duration_seconds: int,
    file: UploadedFile | None = None,
    html_body: str = "",
) -> Unit:
    """A courseware unit; its file goes through Django's storage API (local disk or S3 by settings)."""
    require(actor, "change", course)
    _editable(course)
    content_type = ""
    if kind == UnitKind.HTML:
        if not html_body.strip():
            raise ApplicationError("网页课件需要内容", field="html_body")
    else:
        if file is None:
            raise ApplicationError("请上传课件文件", field="file")
        content_type = (file.content_type or mimetypes.guess_type(file.name or "")[0] or "").split(";")[0]
        if content_type not in _ALLOWED_TYPES.get(UnitKind(kind), ()):
            raise ApplicationError(f"文件类型不符：{content_type or '未知'}", field="file")
    last = course.units.order_by("-position").values_list("position", flat=True).first() or 0
    unit = Unit(course=course, position=last + 1, title=title.strip(), kind=kind, content_type=content_type,
                html_body=html_body, duration_seconds=duration_seconds)
    if file is not None:
        unit.file.save(file.name or "courseware", file, save=False)
        unit.file_size = unit.file.size
    unit.full_clean()
    unit.save()
    audit(actor=actor, obj=unit, action=AuditAction.CREATE, message=f"上传课件：{unit.title}",
          region_path=course.region.path)
    return unit


@transaction.atomic
def question_add(
    *, actor: Any, course: Course, topic: str, kind: str, stem: str, options: list[str], answer: list[int]
) -> Question:
    require(actor, "change", course)
    options = [o.strip() for o in options if o and o.strip()]
    if kind == QuestionKind.TRUE_FALSE:
        options = ["正确", "错误"]
    if len(options) < 2:
        raise ApplicationError("至少需要两个选项", field="options")
    answer = sorted(set(answer))
    if not answer or any(i < 0 or i >= len(options) for i in answer):
        raise ApplicationError("答案必须是选项之一", field="answer")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and len(answer) != 1:
        raise ApplicationError("单选题和判断题只有一个正确答案", field="answer")
    question = Question(course=course, topic=topic.strip(), kind=kind, stem=stem.strip(), options=options, answer=answer)
    question.full_clean()
    question.save()
    audit(actor=actor, obj=question, action=AuditAction.CREATE, message="新增试题", region_path=course.region.path)
    return question


@transaction.atomic
def blueprint_item_set(*, actor: Any, course: Course, topic: str, kind: str, count: int, points: int = 1) -> BlueprintItem:
    """Sets how many questions of a topic and kind each paper draws (one line per topic and kind)."""
    require(actor, "change", course)
    _editable(course)
    available = course.questions.filter(topic=topic, kind=kind, active=True).count()
    if count > available:
        raise ApplicationError(f"题库中该知识点的{QuestionKind(kind).label}只有 {available} 道", field="count")
    item, _ = BlueprintItem.objects.update_or_create(
        course=course, topic=topic, kind=kind, defaults={"count": count, "points": points}
    )
    item.full_clean()
    audit(actor=actor, obj=item, message=f"组卷规则：{item}", region_path=course.region.path)
    return item


@transaction.atomic
def course_submit(*, actor: Any, course: Course) -> Course:
    require(actor, "change", course)
    course = Course.objects.select_for_update().get(pk=course.pk)
    _editable(course)
    if not course.units.exists():
        raise ApplicationError("课程至少需要一个课件单元", field="units")
    if not course.blueprint.exists():
        raise ApplicationError("请先设置组卷规则", field="blueprint")
    before = snapshot(course)
    course.status = CourseStatus.SUBMITTED
    course.submitted_at = timezone.now()
    course.save(update_fields=["status", "submitted_at"])
    audit(actor=actor, obj=course, before=before, action=AuditAction.TRANSITION, message="提交课程审核",
          region_path=course.region.path)
    return course


def _review(*, actor: Any, course: Course, to: CourseStatus, note: str, message: str) -> Course:
    if getattr(actor, "role", "") not in ("hr_officer", "authority_officer") and not actor.is_superuser:
        raise PermissionDenied("只有人社部门或行业主管部门可以审核课程")
    require(actor, "change", course)
    course = Course.objects.select_for_update().get(pk=course.pk)
    if course.status != CourseStatus.SUBMITTED:
        raise ConflictError("只有待审核的课程可以审核", field="status")
    before = snapshot(course)
    course.status = to
    course.reviewed_by = actor
    course.reviewed_at = timezone.now()
    course.review_note = note
    course.full_clean()
    course.save(update_fields=["status", "reviewed_by", "reviewed_at", "review_note"])
    audit(actor=actor, obj=course, before=before, action=AuditAction.TRANSITION, message=message,
          region_path=course.region.path)
    return course


@transaction.atomic
def course_approve(*, actor: Any, course: Course, note: str = "") -> Course:
    """Lists the course (上架) — only an officer whose jurisdiction covers the course's region."""
    return _review(actor=actor, course=course, to=CourseStatus.APPROVED, note=note, message="审核通过网络课程")


@transaction.atomic
def course_reject(*, actor: Any, course: Course, note: str) -> Course:
    if not note.strip():
        raise ApplicationError("请填写不通过的理由", field="note")
    return _review(actor=actor, course=course, to=CourseStatus.REJECTED, note=note, message="退回网络课程")
