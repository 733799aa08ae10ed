"""The question bank through the API (/api/v1/online/bank/): providers list, change and delete their
courses' questions; officers in scope list them. Learners never reach these (404)."""

from typing import Annotated

from django.http import HttpRequest
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jxjy.accounts.policy import can
from jxjy.core.bounds import ObjectId, Pagination, ShortStr
from jxjy.core.errors import PermissionDenied

from . import selectors
from .choices import QuestionKind
from .services import catalogue

router = Router(tags=["网络课程题库"])


class BankQuestionOut(Schema):
    id: int
    course_id: int
    topic: str
    kind: str
    stem: str
    options: list[str]
    answer: list[int]


@router.get("/courses/{pk}/questions", response=list[BankQuestionOut], summary="课程题库（施教机构、管辖范围内的审核部门）")
@paginate(Pagination, page_size=50)
def list_questions(request: HttpRequest, pk: ObjectId, q: ShortStr = ""):  # type: ignore[no-untyped-def]
    course = selectors.course_get(user=request.user, pk=pk)
    role = getattr(request.user, "role", "")
    if not (can(request.user, "change", course) and role == "provider_admin") and role not in ("hr_officer", "authority_officer"):
        raise PermissionDenied("只有施教机构和审核部门可以查看题库")
    return selectors.course_questions(course=course, q=q)


class BankQuestionIn(Schema):
    topic: str = Field(..., min_length=1, max_length=100)
    kind: QuestionKind
    stem: str = Field(..., min_length=1, max_length=2000)
    options: list[Annotated[str, Field(max_length=500)]] = Field(default_factory=list, max_length=10)
    answer: list[Annotated[int, Field(ge=0, le=9)]] = Field(..., min_length=1, max_length=10)


class BankQuestionSaved(Schema):
    question: BankQuestionOut
    replaced: bool  # the question was on an exam paper: kept as it was, the change saved as a new one


@router.put("/questions/{pk}", response=BankQuestionSaved, summary="修改试题（已用于考试的保留原题、另存新题）")
def update_question(request: HttpRequest, pk: ObjectId, payload: BankQuestionIn):  # type: ignore[no-untyped-def]
    question = selectors.question_get(user=request.user, pk=pk, action="change")
    saved = catalogue.question_update(actor=request.user, question=question, topic=payload.topic, kind=payload.kind,
                                      stem=payload.stem, options=payload.options, answer=payload.answer)
    return {"question": saved, "replaced": saved.pk != question.pk}


@router.delete("/questions/{pk}", response={204: None}, summary="删除试题（已用于考试的保留存档并停用）")
def delete_question(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    question = selectors.question_get(user=request.user, pk=pk, action="change")
    catalogue.question_delete(actor=request.user, question=question)
    return Status(204, None)
