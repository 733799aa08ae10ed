"""The course catalogue: providers create courses, units, questions and blueprints; officers approve."""

from __future__ import annotations

import datetime as dt
import math
import mimetypes
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.audit.services import snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.regions.procedures import region_procedure

from .. import content
from ..choices import CourseStatus, QuestionKind, UnitKind
from ..models import BlueprintItem, Course, ExamAttempt, Question, Unit
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


def _reading_speed(course: Course) -> Decimal:
    return Decimal(str(region_procedure(course.region, "reading_chars_per_minute").value))


def _measure(*, course: Course, kind: str, file: UploadedFile | None, html_body: str) -> tuple[int, float | None]:
    """(content seconds, a video's measured duration): what the server itself reads from the media."""
    if kind == UnitKind.HTML:
        return content.reading_seconds(content.html_text_chars(html_body), _reading_speed(course)), None
    assert file is not None
    file.seek(0)
    try:
        if kind == UnitKind.VIDEO:
            measured = content.video_duration_seconds(file)
            return content.plausible_video_seconds(measured, file.size or 0), measured
        return content.reading_seconds(content.pdf_text_chars(file), _reading_speed(course)), None
    finally:
        file.seek(0)


@transaction.atomic
def unit_add(
    *,
    actor: Any,
    course: Course,
    title: str,
    kind: str,
    duration_seconds: int | None = None,
    file: UploadedFile | None = None,
    html_body: str = "",
) -> Unit:
    """A courseware unit; its file goes through Django's storage API (local disk or S3 by settings).
    The server measures what it holds (`Unit.content_seconds`): a video's duration from its file —
    which is then also its study time, whatever was typed — or a document's reading time; HTML is
    stored sanitised. `duration_seconds` is the study time of a document (its reading time if not
    given) or of a video whose duration cannot be read."""
    require(actor, "change", course)
    _editable(course)
    content_type = ""
    if kind == UnitKind.HTML:
        html_body = content.html_sanitise(html_body)
        if not content.html_text_chars(html_body):
            raise ApplicationError("网页课件需要内容", field="html_body")
    else:
        if file is None:
            raise ApplicationError("请上传课件文件", field="file")
        content_type = (file.content_type or mimetypes.guess_type(file.name or "")[0] or "").split(";")[0]
        if content_type not in _ALLOWED_TYPES.get(UnitKind(kind), ()):
            raise ApplicationError(f"文件类型不符：{content_type or '未知'}", field="file")
        html_body = ""
    content_seconds, measured = _measure(course=course, kind=kind, file=file, html_body=html_body)
    if measured is not None and content_seconds > 0:
        duration_seconds = math.ceil(measured)  # the file's own length, not what was typed
    elif duration_seconds is None:
        duration_seconds = content_seconds
    if not duration_seconds or duration_seconds <= 0:
        raise ApplicationError("无法从文件读出时长，请填写学习时间（秒）", field="duration_seconds")
    last = course.units.order_by("-position").values_list("position", flat=True).first() or 0
    unit = Unit(course=course, position=last + 1, title=title.strip(), kind=kind, content_type=content_type,
                html_body=html_body, duration_seconds=duration_seconds, content_seconds=content_seconds)
    if file is not None:
        unit.file.save(file.name or "courseware", file, save=False)
        unit.file_size = unit.file.size
    unit.full_clean()
    unit.save()
    audit(actor=actor, obj=unit, action=AuditAction.CREATE, message=f"上传课件：{unit.title}",
          region_path=course.region.path)
    return unit


class ContentTooShort(ApplicationError):
    """A course whose hours its courseware cannot carry (HTTP 422)."""

    status = 422


@dataclass(frozen=True)
class CourseContent:
    """How much a course's courseware holds, and the 学时 that can carry."""

    seconds: int
    minutes_per_hour: Decimal
    basis: str
    is_default: bool

    @property
    def max_hours(self) -> Decimal:
        return (Decimal(self.seconds) / 60 / self.minutes_per_hour).quantize(Decimal("0.1"), rounding=ROUND_FLOOR)

    @property
    def label(self) -> str:
        minutes, seconds = divmod(self.seconds, 60)
        return f"{minutes} 分 {seconds} 秒" if seconds else f"{minutes} 分钟"


def course_content(course: Course) -> CourseContent:
    """A unit counts what the server measured of it, and no more than its study time."""
    seconds = sum(min(d, c) for d, c in course.units.values_list("duration_seconds", "content_seconds"))
    found = region_procedure(course.region, "study_hour_minutes")
    return CourseContent(seconds, Decimal(str(found.value)), found.reference, found.is_default)


def course_content_problem(course: Course) -> str | None:
    """Why the course's 学时 exceed its content (video durations and reading times at the rule
    set's 学时 length), or None. Courses counted in 学分 only are not measured: no rule set gives a
    学分 a length of time."""
    if course.hours is None:
        return None
    measured = course_content(course)
    if course.hours <= measured.max_hours:
        return None
    basis = "本系统默认" if measured.is_default else measured.basis
    return (
        f"课程学时（{course.hours} 学时）超过课件内容：课件内容共 {measured.label}，"
        f"按每学时 {measured.minutes_per_hour.normalize():f} 分钟（{basis}）最多可计 {measured.max_hours} 学时。"
        "请补充课件或调低学时"
    )


def _check_content(course: Course) -> None:
    problem = course_content_problem(course)
    if problem is not None:
        raise ContentTooShort(problem, field="hours")


def _question_fields(*, kind: str, options: list[str], answer: list[int]) -> tuple[list[str], list[int]]:
    options = [o.strip() for o in options if o and o.strip()]
    if kind == QuestionKind.TRUE_FALSE:
        options = ["正确", "错误"]
    if len(options) < 2:
        raise ApplicationError("至少需要两个选项", field="options")
    if len(options) > 10:
        raise ApplicationError("选项不能超过10个", field="options")
    answer = sorted(set(answer))
    if not answer or any(i < 0 or i >= len(options) for i in answer):
        raise ApplicationError("答案必须是选项之一", field="answer")
    if kind in (QuestionKind.SINGLE, QuestionKind.TRUE_FALSE) and len(answer) != 1:
        raise ApplicationError("单选题和判断题只有一个正确答案", field="answer")
    return options, answer


@transaction.atomic
def question_add(
    *, actor: Any, course: Course, topic: str, kind: str, stem: str, options: list[str], answer: list[int]
) -> Question:
    require(actor, "change", course)
    options, answer = _question_fields(kind=kind, options=options, answer=answer)
    question = Question(course=course, topic=topic.strip(), kind=kind, stem=stem.strip(), options=options, answer=answer)
    question.full_clean()
    question.save()
    audit(actor=actor, obj=question, action=AuditAction.CREATE, message="新增试题", region_path=course.region.path)
    return question


def question_used(question: Question) -> bool:
    """Whether any exam paper (open or submitted) of the course holds the question."""
    papers = ExamAttempt.objects.filter(enrolment__course_id=question.course_id).values_list("question_ids", flat=True)
    return any(question.pk in ids for ids in papers.iterator())


def _blueprint_still_drawable(course: Course) -> None:
    """Every blueprint line still finds enough active questions of its topic and kind."""
    for item in course.blueprint.all():
        available = course.questions.filter(topic=item.topic, kind=item.kind, active=True).count()
        if available < item.count:
            raise ConflictError(
                f"组卷规则“{item.topic} {item.get_kind_display()}”每卷抽 {item.count} 道，修改后题库只剩 {available} 道；"
                "请先调整组卷规则", field="blueprint",
            )


def _live_question(question: Question) -> Question:
    question = Question.objects.select_for_update().select_related("course__region").get(pk=question.pk)
    if not question.active:
        raise ConflictError("该试题已删除或已被修改后的新题取代", field="question")
    return question


@transaction.atomic
def question_update(
    *, actor: Any, question: Question, topic: str, kind: str, stem: str, options: list[str], answer: list[int]
) -> Question:
    """Changes a question. One that is already on an exam paper is kept as it was (those papers
    show and were graded by it) and retired; the changed question is saved as a new one, which
    later papers draw. Returns the question as it now stands."""
    require(actor, "change", question)
    question = _live_question(question)
    course = question.course
    options, answer = _question_fields(kind=kind, options=options, answer=answer)
    changes = {"topic": topic.strip(), "kind": kind, "stem": stem.strip(), "options": options, "answer": answer}
    before = snapshot(question)
    if question_used(question):
        new = Question(course=course, **changes)
        new.full_clean()
        new.save()
        question.active = False
        question.deleted_at = timezone.now()
        question.replaced_by = new
        question.save(update_fields=["active", "deleted_at", "replaced_by"])
        audit(actor=actor, obj=question, before=before, action=AuditAction.UPDATE,
              message="修改试题：原题已用于考试，保留原题并停用", region_path=course.region.path)
        audit(actor=actor, obj=new, action=AuditAction.CREATE, message=f"修改试题：另存为新题（原题 {question.pk}）",
              region_path=course.region.path)
        question = new
    else:
        for name, value in changes.items():
            setattr(question, name, value)
        question.full_clean()
        question.save(update_fields=list(changes))
        audit(actor=actor, obj=question, before=before, action=AuditAction.UPDATE, message="修改试题",
              region_path=course.region.path)
    _blueprint_still_drawable(course)
    return question


@transaction.atomic
def question_delete(*, actor: Any, question: Question) -> None:
    """Removes a question from the bank. One already on an exam paper stays stored (soft delete:
    inactive, with the time), so those papers still show it; others are deleted."""
    require(actor, "change", question)
    question = _live_question(question)
    course = question.course
    before = snapshot(question)
    if question_used(question):
        question.active = False
        question.deleted_at = timezone.now()
        question.save(update_fields=["active", "deleted_at"])
        audit(actor=actor, obj=question, before=before, action=AuditAction.DELETE,
              message="删除试题：已用于考试，保留存档并停用", region_path=course.region.path)
    else:
        audit(actor=actor, obj=question, before=before, action=AuditAction.DELETE, message="删除试题",
              region_path=course.region.path)
        question.delete()
    _blueprint_still_drawable(course)


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
    _check_content(course)
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
    if to == CourseStatus.APPROVED:
        _check_content(course)  # again at review: a course submitted before the check, or changed since
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
