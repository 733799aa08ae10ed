"""Trainee evaluations (学员评价): one short questionnaire per actual trainee per class, with a rating of
each of the class's teachers; they feed teachers' and providers' scores."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jxjy.accounts.models import Role
from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.people.models import Professional

from ..models import Engagement, Teacher, TeacherRating, TraineeEvaluation
from ._common import require_role, save_validated, today


def is_actual_trainee(*, training_class: Any, professional: Professional) -> bool:
    """Eligibility: enrolled on the class's roster AND signed in to at least one session. This is the one
    function to change if the training app defines 'actually attended' differently."""
    from jxjy.training.models import Attendance, Enrolment

    enrolment = Enrolment.objects.filter(training_class=training_class, professional=professional).first()
    if enrolment is None:
        return False
    return Attendance.objects.filter(enrolment=enrolment, signed_in_at__isnull=False).exists()


def teachers_of_class(*, training_class: Any) -> list[Teacher]:
    """Pool teachers engaged by the class's provider whose names appear in the class's schedule."""
    names = set(training_class.schedule.values_list("teacher_name", flat=True))
    engaged = Engagement.objects.filter(provider=training_class.provider, teacher__name__in=names).select_related(
        "teacher")
    return sorted({e.teacher for e in engaged}, key=lambda t: (t.name, t.pk))


def _score(value: Any, label: str) -> int:
    try:
        n = int(value)
    except (TypeError, ValueError):
        raise ApplicationError(f"请为“{label}”打1至5分", field=label) from None
    if not 1 <= n <= 5:
        raise ApplicationError(f"“{label}”的评分须在1至5分之间", field=label)
    return n


@transaction.atomic
def evaluation_submit(
    *, actor: Any, training_class: Any, content_score: int, organisation_score: int, overall_score: int,
    teacher_scores: dict[int, int], comment: str = "",
) -> TraineeEvaluation:
    user = require_role(actor, Role.PROFESSIONAL, message="只有参训学员本人可以评价")
    professional = user.professional
    if professional is None or not is_actual_trainee(training_class=training_class, professional=professional):
        raise PermissionDenied("只有实际参加该培训班的学员才能评价")
    if training_class.start_date > today():
        raise ConflictError("培训班开班后才能评价")
    if TraineeEvaluation.objects.filter(training_class=training_class, professional=professional).exists():
        raise ConflictError("您已评价过该培训班，每人只能评价一次")
    allowed = {t.pk: t for t in teachers_of_class(training_class=training_class)}
    unknown = set(teacher_scores) - set(allowed)
    if unknown:
        raise ApplicationError("只能评价本班的授课教师", field="teacher_scores")
    evaluation = TraineeEvaluation(
        training_class=training_class, professional=professional,
        content_score=_score(content_score, "课程内容"), organisation_score=_score(organisation_score, "组织管理"),
        overall_score=_score(overall_score, "总体满意度"), comment=comment.strip()[:500],
    )
    save_validated(evaluation)
    for teacher_id, score in teacher_scores.items():
        TeacherRating.objects.create(evaluation=evaluation, teacher=allowed[teacher_id],
                                     score=_score(score, allowed[teacher_id].name))
    audit_record(actor=user, action="create", obj=evaluation, message=f"学员评价：{training_class}")
    return evaluation
