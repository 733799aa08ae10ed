"""Reads of online learning, every one through the jurisdiction policy (`restrict`)."""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from typing import Any

from django.db.models import Count, Prefetch, Q, QuerySet

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope

from .choices import AttemptStatus
from .models import (
    Course,
    Enrolment,
    ExamAttempt,
    PassCertificate,
    Question,
    StudySession,
    Unit,
    UnitProgress,
)


def course_list(*, user: Any, status: str = "", q: str = "") -> QuerySet[Course]:
    qs = restrict(Course.objects.select_related("provider", "region"), user).annotate(
        unit_count=Count("units", distinct=True)
    ).order_by("-valid_from", "code")
    if status:
        qs = qs.filter(status=status)
    if q:
        qs = qs.filter(Q(title__icontains=q) | Q(code__icontains=q) | Q(provider__name__icontains=q))
    return qs


def course_get(*, user: Any, pk: int, action: str = "view") -> Course:
    return get_in_scope(Course.objects.select_related("provider", "region", "reviewed_by"), user, action=action, pk=pk)  # type: ignore[arg-type]


def unit_get(*, user: Any, pk: int) -> Unit:
    return get_in_scope(Unit.objects.select_related("course"), user, pk=pk)


def enrolment_for(*, user: Any, course: Course) -> Enrolment | None:
    if getattr(user, "professional_id", None) is None:
        return None
    return (
        restrict(Enrolment.objects.filter(course=course), user)
        .select_related("record")
        .prefetch_related("progress", "attempts")
        .first()
    )


def my_enrolments(*, user: Any) -> QuerySet[Enrolment]:
    return restrict(
        Enrolment.objects.filter(professional_id=getattr(user, "professional_id", None) or 0), user
    ).select_related("course__provider", "record")


def question_get(*, user: Any, pk: int, action: str = "view") -> Question:
    return get_in_scope(Question.objects.select_related("course__region", "course__provider"), user, action=action, pk=pk)  # type: ignore[arg-type]


def course_questions(*, course: Course, q: str = "") -> QuerySet[Question]:
    """The course's active question bank (deleted and replaced questions stay only for old papers)."""
    qs = course.questions.filter(active=True).order_by("topic", "kind", "id")
    if q:
        qs = qs.filter(Q(stem__icontains=q) | Q(topic__icontains=q))
    return qs


def attempt_get(*, user: Any, pk: int) -> ExamAttempt:
    return get_in_scope(ExamAttempt.objects.select_related("enrolment__course"), user, pk=pk)


def paper_questions(attempt: ExamAttempt) -> list[dict[str, Any]]:
    """The paper as the browser may see it: stems and options, never the answer key."""
    by_id = {q.pk: q for q in Question.objects.filter(pk__in=attempt.question_ids).only("id", "kind", "stem", "options")}
    return [
        {"id": qid, "kind": by_id[qid].kind, "kind_label": by_id[qid].get_kind_display(), "stem": by_id[qid].stem,
         "options": list(enumerate(by_id[qid].options)), "points": pts, "chosen": attempt.answers.get(str(qid), [])}
        for qid, pts in zip(attempt.question_ids, attempt.points, strict=True)
    ]


def answer_key_revealed(attempt: ExamAttempt) -> bool:
    """After an attempt only the score is shown. The key is shown only when the provider allows it
    (`Course.reveal_key_after_last_attempt`) and the learner can sit no further attempt (passed, or
    every attempt used), so submitted papers never build an answer bank for the next try."""
    if attempt.status != AttemptStatus.SUBMITTED:
        return False
    enrolment = attempt.enrolment
    course = enrolment.course
    if not course.reveal_key_after_last_attempt:
        return False
    if enrolment.passed_at is not None:
        return True
    used = enrolment.attempts.exclude(status=AttemptStatus.IN_PROGRESS).count()
    return used >= course.max_attempts


def paper_answer_key(attempt: ExamAttempt) -> dict[int, list[int]]:
    """The key of the attempt's paper, only when `answer_key_revealed`; otherwise empty."""
    if not answer_key_revealed(attempt):
        return {}
    return dict(Question.objects.filter(pk__in=attempt.question_ids).values_list("id", "answer"))


def certificate_get(*, user: Any, pk: int) -> PassCertificate:
    return get_in_scope(
        PassCertificate.objects.select_related("professional", "region", "enrolment__course__provider"), user, pk=pk
    )


def my_certificates(*, user: Any) -> QuerySet[PassCertificate]:
    return restrict(PassCertificate.objects.select_related("enrolment__course"), user).filter(
        professional_id=getattr(user, "professional_id", None) or 0
    )


@dataclass
class CourseReport:
    course: Course
    enrolments: int = 0
    completed: int = 0
    passed: int = 0
    attempts: int = 0
    unit_medians: list[tuple[Unit, float | None]] = field(default_factory=list)

    @property
    def completion_rate(self) -> float:
        return 100 * self.completed / self.enrolments if self.enrolments else 0.0

    @property
    def pass_rate(self) -> float:
        return 100 * self.passed / self.enrolments if self.enrolments else 0.0


def course_reports(*, user: Any) -> list[CourseReport]:
    """Per course in the user's scope: enrolments (of learners in scope), completion and pass
    rates, and the median counted study time per unit."""
    enrolments = restrict(Enrolment.objects.all(), user)
    courses = restrict(Course.objects.all(), user).select_related("provider").prefetch_related(
        Prefetch("units", queryset=Unit.objects.order_by("position"))
    )
    counts: dict[int, dict[str, Any]] = {
        row["course_id"]: dict(row)
        for row in enrolments.order_by().values("course_id").annotate(
            n=Count("id"),
            completed=Count("id", filter=Q(units_completed_at__isnull=False)),
            passed=Count("id", filter=Q(passed_at__isnull=False)),
        )
    }
    attempts = {
        row["enrolment__course_id"]: row["n"]
        for row in ExamAttempt.objects.filter(enrolment__in=enrolments, status=AttemptStatus.SUBMITTED)
        .order_by().values("enrolment__course_id").annotate(n=Count("id"))
    }
    times: dict[int, list[float]] = {}
    for unit_id, seconds in (
        UnitProgress.objects.filter(enrolment__in=enrolments, credited_seconds__gt=0).values_list("unit_id", "credited_seconds")
    ):
        times.setdefault(unit_id, []).append(seconds)
    reports = []
    for course in courses:
        row: dict[str, Any] = counts.get(course.pk, {})
        report = CourseReport(
            course=course, enrolments=row.get("n", 0), completed=row.get("completed", 0),
            passed=row.get("passed", 0), attempts=attempts.get(course.pk, 0),
        )
        report.unit_medians = [
            (unit, statistics.median(times[unit.pk]) if unit.pk in times else None) for unit in course.units.all()
        ]
        reports.append(report)
    return reports


def suspicious_sessions(*, user: Any) -> QuerySet[StudySession]:
    return restrict(StudySession.objects.filter(flagged=True), user).select_related(
        "enrolment__professional", "enrolment__course", "unit"
    )
