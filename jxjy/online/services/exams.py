"""Timed online exams: papers drawn by blueprint from a recorded seed, deadlines kept on the
server, answers saved as given (so a dropped connection loses nothing), automatic grading."""

from __future__ import annotations

import datetime as dt
import random
import secrets
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from ..choices import AttemptStatus
from ..models import Course, Enrolment, ExamAttempt, Question


class UnansweredQuestions(ApplicationError):
    """A submission that leaves questions blank without the learner confirming it (HTTP 422):
    nothing is graded and no attempt is used up."""

    status = 422


def unanswered_numbers(attempt: ExamAttempt) -> list[int]:
    """The paper's question numbers (from 1) that have no answer saved."""
    return [n for n, qid in enumerate(attempt.question_ids, start=1) if not attempt.answers.get(str(qid))]


def paper_draw(*, course: Course, seed: int) -> tuple[list[int], list[int]]:
    """The questions (and their points) of one paper: for each blueprint line in order, `count`
    questions of that topic and kind drawn at random. The same seed always gives the same paper."""
    rng = random.Random(seed)  # noqa: S311 — reproducible drawing, not a secret
    question_ids: list[int] = []
    points: list[int] = []
    for item in course.blueprint.order_by("id"):
        pool = list(
            Question.objects.filter(course=course, topic=item.topic, kind=item.kind, active=True)
            .order_by("id").values_list("id", flat=True)
        )
        if len(pool) < item.count:
            raise ConflictError(f"题库不足：{item.topic}{item.get_kind_display()}需要 {item.count} 道，只有 {len(pool)} 道")
        chosen = rng.sample(pool, item.count)
        question_ids.extend(chosen)
        points.extend([item.points] * item.count)
    if not question_ids:
        raise ConflictError("课程尚未设置组卷规则")
    return question_ids, points


def _own(actor: Any, enrolment: Enrolment) -> None:
    if getattr(actor, "professional_id", None) != enrolment.professional_id:
        raise PermissionDenied("只能参加本人的考试")


def _grade(attempt: ExamAttempt, *, now: dt.datetime) -> None:
    keys = {q.pk: q.answer for q in Question.objects.filter(pk__in=attempt.question_ids)}
    total = sum(attempt.points)
    earned = 0
    results: dict[str, bool] = {}
    for qid, pts in zip(attempt.question_ids, attempt.points, strict=True):
        correct = sorted(attempt.answers.get(str(qid), [])) == sorted(keys.get(qid, [None]))
        results[str(qid)] = correct
        earned += pts if correct else 0
    score = (Decimal(100 * earned) / Decimal(total)).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    attempt.score = score
    attempt.passed = score >= attempt.enrolment.course.pass_mark
    attempt.results = results
    attempt.status = AttemptStatus.SUBMITTED
    attempt.submitted_at = min(now, attempt.deadline)


def _close(*, actor: Any, attempt: ExamAttempt, now: dt.datetime, message: str) -> ExamAttempt:
    from ._common import audit

    _grade(attempt, now=now)
    attempt.full_clean()
    attempt.save(update_fields=["score", "passed", "results", "status", "submitted_at"])
    enrolment = attempt.enrolment
    audit(actor=actor, obj=attempt, action=AuditAction.TRANSITION,
          message=f"{message}：{attempt.score} 分，{'合格' if attempt.passed else '不合格'}",
          region_path=enrolment.professional.region.path)
    if attempt.passed:
        from .recognition import enrolment_mark_passed

        enrolment_mark_passed(actor=actor, enrolment=enrolment, when=attempt.submitted_at or now)
    return attempt


@transaction.atomic
def exam_attempt_close_if_expired(*, actor: Any, attempt: ExamAttempt) -> ExamAttempt:
    """An open attempt past its deadline is graded with the answers saved before it."""
    attempt = ExamAttempt.objects.select_for_update().select_related("enrolment__course").get(pk=attempt.pk)
    now = timezone.now()
    if attempt.status == AttemptStatus.IN_PROGRESS and now >= attempt.deadline:
        return _close(actor=actor, attempt=attempt, now=now, message="考试时间到，自动交卷")
    return attempt


@transaction.atomic
def exam_attempt_start(*, actor: Any, enrolment: Enrolment, seed: int | None = None) -> ExamAttempt:
    """Starts an attempt — or resumes the open one if its time is not up (after a dropped connection)."""
    _own(actor, enrolment)
    enrolment = Enrolment.objects.select_for_update().select_related("course").get(pk=enrolment.pk)
    course = enrolment.course
    if enrolment.units_completed_at is None:
        raise ConflictError("请先学完全部课件再参加考试")
    now = timezone.now()
    open_attempt = enrolment.attempts.filter(status=AttemptStatus.IN_PROGRESS).first()
    if open_attempt is not None:
        if now < open_attempt.deadline:
            return open_attempt
        _close(actor=actor, attempt=open_attempt, now=now, message="考试时间到，自动交卷")
        enrolment.refresh_from_db()
    if enrolment.passed_at is not None:
        raise ConflictError("您已通过本课程考试")
    used = enrolment.attempts.count()
    if used >= course.max_attempts:
        raise ConflictError(f"考试次数已用完（共 {course.max_attempts} 次）")
    seed = seed if seed is not None else secrets.randbits(62)
    question_ids, points = paper_draw(course=course, seed=seed)
    attempt = ExamAttempt(
        enrolment=enrolment, number=used + 1, seed=seed, question_ids=question_ids, points=points,
        started_at=now, deadline=now + dt.timedelta(minutes=course.exam_minutes),
    )
    attempt.full_clean()
    attempt.save()
    from ._common import audit

    audit(actor=actor, obj=attempt, action=AuditAction.CREATE, message=f"开始第{attempt.number}次考试",
          region_path=enrolment.professional.region.path)
    return attempt


@transaction.atomic
def exam_answer_save(*, actor: Any, attempt: ExamAttempt, question_id: int, choice: list[int]) -> ExamAttempt:
    """Saves one answer; refused once the attempt is submitted or its deadline has passed."""
    attempt = ExamAttempt.objects.select_for_update().select_related("enrolment").get(pk=attempt.pk)
    _own(actor, attempt.enrolment)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise ConflictError("已交卷，不能再作答")
    if timezone.now() >= attempt.deadline:
        raise ConflictError("考试时间已到，不能再作答")
    if question_id not in attempt.question_ids:
        raise ApplicationError("该题不在本试卷中", field="question_id")
    question = Question.objects.get(pk=question_id)
    choice = sorted(set(choice))
    if any(i < 0 or i >= len(question.options) for i in choice):
        raise ApplicationError("选项无效", field="choice")
    if question.kind != "multiple" and len(choice) > 1:
        raise ApplicationError("本题只能选一个答案", field="choice")
    attempt.answers = {**attempt.answers, str(question_id): choice}
    attempt.save(update_fields=["answers"])
    return attempt


@transaction.atomic
def exam_attempt_submit(*, actor: Any, attempt: ExamAttempt, confirm_unanswered: bool = False) -> ExamAttempt:
    """Grades the attempt. With questions left blank the learner must confirm (`confirm_unanswered`);
    without it the submission is refused (422) and the attempt stays open. A deadline passing
    grades what was saved, unconfirmed (`exam_attempt_close_if_expired`)."""
    attempt = ExamAttempt.objects.select_for_update().select_related("enrolment__course").get(pk=attempt.pk)
    _own(actor, attempt.enrolment)
    if attempt.status != AttemptStatus.IN_PROGRESS:
        raise ConflictError("本次考试已交卷")
    blank = unanswered_numbers(attempt)
    if blank and not confirm_unanswered and timezone.now() < attempt.deadline:
        shown = "、".join(str(n) for n in blank[:20]) + ("等" if len(blank) > 20 else "")
        raise UnansweredQuestions(
            f"还有 {len(blank)} 道题未作答（第 {shown} 题）。确认交卷请勾选“确认交卷”后再次提交；未作答的题不得分",
            field="confirm_unanswered", extra={"unanswered": blank},
        )
    return _close(actor=actor, attempt=attempt, now=timezone.now(), message=f"第{attempt.number}次考试交卷")
