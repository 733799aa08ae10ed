"""Trainee evaluations (学员评价) through the API: the questionnaire of a class and its submission,
as on the evaluation page; the rules are `services.evaluations.evaluation_submit`'s."""

import datetime as dt
from typing import Annotated

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from pydantic import Field

from jxjy.core.bounds import ObjectId

from .services import evaluations as ev

router = Router(tags=["学员评价"])
Score = Annotated[int, Field(ge=1, le=5, description="1至5分")]


def _own_class(request: HttpRequest, class_pk: int):  # type: ignore[no-untyped-def]
    from jxjy.training.models import Enrolment

    enrolment = Enrolment.objects.select_related("training_class__provider").filter(
        training_class_id=class_pk, professional_id=getattr(request.user, "professional_id", None) or 0).first()
    if enrolment is None:
        raise Http404("未找到该培训班，或您无权访问")
    return enrolment.training_class


class EvaluationTeacherOut(Schema):
    id: int
    name: str


class EvaluationFormOut(Schema):
    training_class_id: int
    training_class: str
    provider: str
    teachers: list[EvaluationTeacherOut]


@router.get("/classes/{class_pk}", response=EvaluationFormOut, summary="学员评价表：本人参加的培训班及其授课教师")
def evaluation_form(request: HttpRequest, class_pk: ObjectId):  # type: ignore[no-untyped-def]
    training_class = _own_class(request, class_pk)
    return {"training_class_id": training_class.pk, "training_class": str(training_class),
            "provider": training_class.provider.name,
            "teachers": [{"id": t.pk, "name": t.name} for t in ev.teachers_of_class(training_class=training_class)]}


class EvaluationTeacherScoreIn(Schema):
    teacher_id: ObjectId
    score: Score


class EvaluationIn(Schema):
    content_score: Score
    organisation_score: Score
    overall_score: Score
    teacher_scores: list[EvaluationTeacherScoreIn] = Field(default_factory=list, max_length=50)
    comment: str = Field("", max_length=500)


class EvaluationOut(Schema):
    id: int
    training_class_id: int
    content_score: int
    organisation_score: int
    overall_score: int
    comment: str
    created_at: dt.datetime


@router.post("/classes/{class_pk}", response={201: EvaluationOut},
             summary="提交学员评价（实际参训学员本人，开班后，每人一次）")
def evaluation_submit(request: HttpRequest, class_pk: ObjectId, payload: EvaluationIn):  # type: ignore[no-untyped-def]
    training_class = _own_class(request, class_pk)
    evaluation = ev.evaluation_submit(
        actor=request.user, training_class=training_class, content_score=payload.content_score,
        organisation_score=payload.organisation_score, overall_score=payload.overall_score,
        teacher_scores={s.teacher_id: s.score for s in payload.teacher_scores}, comment=payload.comment)
    return Status(201, evaluation)
