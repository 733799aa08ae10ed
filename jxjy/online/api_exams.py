"""Online exams through the API (start, results); answering and submitting are in `online.api`.
Results carry the score and the outcome only: no per-question marks and no answer key."""

import datetime as dt

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status

from jxjy.core.bounds import ObjectId

from . import selectors
from .api import AttemptOut, _attempt_out
from .models import ExamAttempt
from .services import exams

router = Router(tags=["在线考试"])


@router.post("/courses/{pk}/attempts", response={201: AttemptOut}, url_name="online_exam_start",
             summary="开始考试（按课程抽题组卷，计时开始）")
def start_exam(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    course = selectors.course_get(user=request.user, pk=pk)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    if enrolment is None:
        raise Http404("未选该课程")
    return Status(201, _attempt_out(exams.exam_attempt_start(actor=request.user, enrolment=enrolment)))


class ExamResultOut(Schema):
    id: int
    number: int
    status: str
    started_at: dt.datetime
    submitted_at: dt.datetime | None
    score: float | None
    passed: bool | None


@router.get("/courses/{pk}/results", response=list[ExamResultOut], url_name="online_exam_results",
            summary="本人该课程的历次考试成绩（只有分数和是否合格）")
def exam_results(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    course = selectors.course_get(user=request.user, pk=pk)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    if enrolment is None:
        raise Http404("未选该课程")
    attempts = ExamAttempt.objects.filter(enrolment=enrolment).order_by("number")
    return [{"id": a.pk, "number": a.number, "status": a.status, "started_at": a.started_at,
             "submitted_at": a.submitted_at, "score": float(a.score) if a.score is not None else None,
             "passed": a.passed} for a in attempts]
