"""The player's and the exam page's JSON endpoints under /api/v1/online/. No response of the
exam flow carries an answer key."""

import datetime as dt
from typing import Annotated

from django.http import HttpRequest
from django.urls import reverse
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from ninja.responses import Status

from jxjy.accounts.policy import restrict
from jxjy.core.bounds import ObjectId, Pagination, Seconds, ShortStr
from jxjy.core.scoping import get_in_scope

from . import selectors
from .choices import UnitKind
from .heartbeat import Beat
from .models import Enrolment, ExamAttempt, PresenceChallenge
from .services import delivery, exams, learning, presence

router = Router(tags=["网络学习与考试"])


class CourseOut(Schema):
    id: int
    code: str
    title: str
    subject: str
    status: str
    provider_id: int
    region_id: int
    hours: float | None
    credits: float | None
    valid_from: dt.date
    valid_to: dt.date | None
    exam_minutes: int
    pass_mark: int
    max_attempts: int
    reveal_key_after_last_attempt: bool


@router.get("/courses", response=list[CourseOut], summary="网络课程（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_courses(request: HttpRequest, q: ShortStr = "", status: ShortStr = ""):  # type: ignore[no-untyped-def]
    return selectors.course_list(user=request.user, q=q, status=status)


@router.get("/courses/{pk}", response=CourseOut, summary="网络课程详情")
def get_course(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return selectors.course_get(user=request.user, pk=pk)


class PresenceIn(Schema):
    """Whole minutes, 1–240; the check comes at a random moment between the two."""

    min_minutes: int = Field(..., ge=1, le=240)
    max_minutes: int = Field(..., ge=1, le=240)


class PresenceOut(Schema):
    presence_min_seconds: int
    presence_max_seconds: int


@router.put("/courses/{pk}/presence", response=PresenceOut, summary="设置在线确认间隔（施教机构）")
def set_presence(request: HttpRequest, pk: ObjectId, payload: PresenceIn):  # type: ignore[no-untyped-def]
    course = selectors.course_get(user=request.user, pk=pk)
    return presence.course_presence_set(actor=request.user, course=course, min_minutes=payload.min_minutes,
                                        max_minutes=payload.max_minutes)


class EnrolmentOut(Schema):
    id: int
    course_id: int
    professional_id: int
    enrolled_at: dt.datetime
    units_completed_at: dt.datetime | None
    passed_at: dt.datetime | None
    record_id: int | None


@router.get("/enrolments", response=list[EnrolmentOut], summary="选课与学习情况（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_enrolments(request: HttpRequest, course_id: ObjectId | None = None):  # type: ignore[no-untyped-def]
    qs = restrict(Enrolment.objects.all(), request.user)
    return qs.filter(course_id=course_id) if course_id else qs


@router.post("/courses/{pk}/enrolment", response=EnrolmentOut, summary="选课")
def enrol(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    course = selectors.course_get(user=request.user, pk=pk)
    return learning.enrolment_create(actor=request.user, course=course)


class SessionOut(Schema):
    session_id: int
    heartbeat_url: str
    media_url: str | None
    resume_position: float
    unit_seconds: float
    watched_seconds: float
    completed: bool


@router.post("/units/{pk}/sessions", response=SessionOut, url_name="online_session_start", summary="打开课件（开始学习会话）")
def start_session(request: HttpRequest, pk: ObjectId, takeover: bool = False):  # type: ignore[no-untyped-def]
    """409 (`extra.code` = lease_held) while another session of the person is earning time;
    `?takeover=1` ends that one and starts here."""
    unit = selectors.unit_get(user=request.user, pk=pk)
    session, progress = learning.study_session_start(
        actor=request.user, unit=unit, user_agent=request.headers.get("User-Agent", ""), takeover=takeover,
    )
    return {
        "session_id": session.pk,
        "heartbeat_url": reverse("api:online_heartbeat", args=[session.pk]),
        "media_url": delivery.media_url(session) if unit.kind == UnitKind.VIDEO else None,
        "resume_position": progress.position,
        "unit_seconds": progress.credited_seconds,
        "watched_seconds": progress.watched_seconds,
        "completed": progress.completed_at is not None,
    }


class BeatIn(Schema):
    """Finite numbers only (NaN/inf answer 422): seconds in 0..10,000,000, playback rate in 0..100."""

    position: Seconds | None = None
    rate: float = Field(1.0, allow_inf_nan=False, ge=0, le=100)
    visible: bool = True
    idle_seconds: Seconds = 0
    playing: bool = True
    end: bool = False


class ChallengeShown(Schema):
    """A presence check to show: the options, never the answer."""

    id: int
    prompt: str
    options: list[str]
    multiple: bool
    seconds_left: int
    answer_url: str


class BeatOut(Schema):
    counted_seconds: float
    reasons: list[str]
    flags: list[str]
    unit_seconds: float
    watched_seconds: float
    unit_completed: bool
    today_seconds: float
    daily_cap_seconds: float
    ended: bool
    media_url: str | None
    resume_position: float
    challenge: ChallengeShown | None
    revoked_seconds: float


class RateLimitedOut(Schema):
    detail: str


@router.post("/sessions/{pk}/heartbeat", response={200: BeatOut, 429: RateLimitedOut}, url_name="online_heartbeat",
             summary="学习心跳")
def heartbeat(request: HttpRequest, pk: ObjectId, payload: BeatIn):  # type: ignore[no-untyped-def]
    """409 when the session has ended or another window took over; 429 past the per-person rate."""
    beat = Beat(position=payload.position, rate=payload.rate, visible=payload.visible,
                idle_seconds=payload.idle_seconds, playing=payload.playing)
    # the service reads the session itself (one locked query) and answers only its own learner
    result = learning.study_heartbeat(actor=request.user, session=pk, beat=beat, end=payload.end)
    if result.rate_limited:
        return Status(429, {"detail": "心跳过于频繁，请稍后再试"})
    return Status(200, result.as_dict())


class ChallengeIn(Schema):
    choice: list[Annotated[int, Field(ge=0, le=100)]] = Field(..., min_length=1, max_length=20)


class ChallengeOut(Schema):
    passed: bool
    outcome: str
    revoked_seconds: float
    message: str


@router.post("/challenges/{pk}/answer", response=ChallengeOut, url_name="online_challenge_answer",
             summary="回答在线确认")
def answer_challenge(request: HttpRequest, pk: ObjectId, payload: ChallengeIn):  # type: ignore[no-untyped-def]
    """A correct answer in time keeps the credit since the last passed check; wrong or late takes
    it back (409 when the challenge is no longer open)."""
    challenge = get_in_scope(PresenceChallenge.objects.all(), request.user, action="change", pk=pk)
    result = presence.challenge_answer(actor=request.user, challenge=challenge, chosen=payload.choice)
    return {"passed": result.passed, "outcome": result.outcome, "revoked_seconds": result.revoked_seconds,
            "message": result.message}


class QuestionOut(Schema):
    id: int
    kind: str
    stem: str
    options: list[str]
    points: int
    chosen: list[int]


class AttemptOut(Schema):
    id: int
    number: int
    status: str
    remaining_seconds: int
    deadline: dt.datetime
    questions: list[QuestionOut]
    score: float | None
    passed: bool | None


def _attempt_out(attempt) -> dict:  # type: ignore[no-untyped-def]
    remaining = max(0, int((attempt.deadline - timezone.now()).total_seconds())) if attempt.status == "in_progress" else 0
    return {
        "id": attempt.pk, "number": attempt.number, "status": attempt.status, "remaining_seconds": remaining,
        "deadline": attempt.deadline, "score": float(attempt.score) if attempt.score is not None else None,
        "passed": attempt.passed,
        "questions": [{**q, "options": [text for _, text in q["options"]]} for q in selectors.paper_questions(attempt)],
    }


@router.get("/attempts/{pk}", response=AttemptOut, url_name="online_attempt", summary="考试状态（续考）")
def get_attempt(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    attempt = selectors.attempt_get(user=request.user, pk=pk)
    attempt = exams.exam_attempt_close_if_expired(actor=request.user, attempt=attempt)
    return _attempt_out(attempt)


class AnswerIn(Schema):
    choice: list[Annotated[int, Field(ge=0, le=1000)]] = Field(..., max_length=100)


class AnswerOut(Schema):
    saved: bool
    remaining_seconds: int


@router.put("/attempts/{pk}/answers/{question_id}", response=AnswerOut, url_name="online_answer_save", summary="保存一题作答")
def save_answer(request: HttpRequest, pk: ObjectId, question_id: ObjectId, payload: AnswerIn):  # type: ignore[no-untyped-def]
    attempt = get_in_scope(ExamAttempt.objects.all(), request.user, action="change", pk=pk)
    attempt = exams.exam_answer_save(actor=request.user, attempt=attempt, question_id=question_id, choice=payload.choice)
    return {"saved": True, "remaining_seconds": max(0, int((attempt.deadline - timezone.now()).total_seconds()))}


@router.post("/attempts/{pk}/submit", response=AttemptOut, url_name="online_attempt_submit", summary="交卷")
def submit_attempt(request: HttpRequest, pk: ObjectId, confirm_unanswered: bool = False):  # type: ignore[no-untyped-def]
    """422 (`field` = confirm_unanswered, `extra.unanswered` = the blank question numbers) while
    questions are blank and `?confirm_unanswered=1` is not given; the attempt stays open. The answer
    comes back with the score only: no per-question marks, no key."""
    attempt = selectors.attempt_get(user=request.user, pk=pk)
    return _attempt_out(exams.exam_attempt_submit(actor=request.user, attempt=attempt,
                                                  confirm_unanswered=confirm_unanswered))
