"""Presence checks (在线确认): at moments the server chooses at random — each course's
`presence_min_seconds`..`presence_max_seconds` after the last passed check — the learner's next
heartbeat earns nothing and carries a challenge instead: a question of the course's bank, or a
simple prompt when the bank is empty. Only a correct answer within `ONLINE_PRESENCE_ANSWER_SECONDS`
keeps crediting; a wrong or unanswered one takes back the credit earned since the last passed
check (the lease's `pending` ledger) and flags the session.

The due moment lives on the person's study lease, so a new session, tab or device does not reset
it, and the lease row (locked by every beat) serialises answers with beats."""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from jxjy.audit.models import AuditAction
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from ..choices import SessionFlag
from ..config import online_config
from ..models import (
    Course,
    DailyStudy,
    Enrolment,
    PresenceChallenge,
    Question,
    StudyLease,
    StudySession,
    UnitProgress,
)
from ._common import audit

_rng = random.SystemRandom()
LEASE_PRESENCE_FIELDS = ["challenge", "challenge_due_at", "pending", "day_seconds"]

PRESENCE_MIN_SECONDS, PRESENCE_MAX_SECONDS = 60, 4 * 3600


class InvalidInput(ApplicationError):
    """A value out of range (HTTP 422, naming the field)."""

    status = 422
  # what a provider may set (1 min .. 4 h)


def next_due(course: Course, now: dt.datetime) -> dt.datetime:
    """A random moment within the course's presence interval from now (the server's choice)."""
    low, high = course.presence_min_seconds, max(course.presence_min_seconds, course.presence_max_seconds)
    return now + dt.timedelta(seconds=_rng.uniform(low, high))


@transaction.atomic
def course_presence_set(*, actor: Any, course: Course, min_minutes: int, max_minutes: int) -> Course:
    """The provider's presence interval for a course, in whole minutes (1..240, min ≤ max)."""
    if getattr(actor, "provider_id", None) != course.provider_id or actor.provider_id is None:
        raise PermissionDenied("只能设置本机构的课程")
    course = Course.objects.select_for_update().select_related("region").get(pk=course.pk)
    low, high = min_minutes * 60, max_minutes * 60
    if not PRESENCE_MIN_SECONDS <= low <= PRESENCE_MAX_SECONDS:
        raise InvalidInput("在线确认最短间隔须在 1–240 分钟之间", field="min_minutes")
    if not PRESENCE_MIN_SECONDS <= high <= PRESENCE_MAX_SECONDS:
        raise InvalidInput("在线确认最长间隔须在 1–240 分钟之间", field="max_minutes")
    if high < low:
        raise InvalidInput("在线确认最长间隔不能短于最短间隔", field="max_minutes")
    before = {"presence_min_seconds": course.presence_min_seconds, "presence_max_seconds": course.presence_max_seconds}
    course.presence_min_seconds, course.presence_max_seconds = low, high
    course.save(update_fields=["presence_min_seconds", "presence_max_seconds"])
    audit(actor=actor, obj=course, before=before, message=f"设置在线确认间隔：{min_minutes}–{max_minutes} 分钟",
          region_path=course.region.path)
    return course


def _simple_prompt() -> tuple[str, list[str], list[int]]:
    """When the course has no questions: pick the number shown, among four."""
    numbers = _rng.sample(range(10, 100), 4)
    target = _rng.randrange(4)
    return f"请确认您仍在学习：请选择数字 {numbers[target]}", [str(n) for n in numbers], [target]


def challenge_issue(*, actor: Any, lease: StudyLease, session: StudySession, now: dt.datetime) -> PresenceChallenge:
    """Puts a new challenge to the learner (the lease is locked by the caller)."""
    config = online_config()
    ids = list(Question.objects.filter(course_id=session.enrolment.course_id, active=True)
               .values_list("pk", flat=True)[:500])
    question = Question.objects.get(pk=_rng.choice(ids)) if ids else None
    if question is not None:
        prompt, options, answer = question.stem[:500], [str(o) for o in question.options], list(question.answer)
    else:
        prompt, options, answer = _simple_prompt()
    challenge = PresenceChallenge.objects.create(
        professional_id=lease.professional_id, session=session, question=question, prompt=prompt, options=options,
        multiple=len(answer) > 1, answer=answer, issued_at=now,
        deadline=now + dt.timedelta(seconds=config.presence_answer_seconds))
    lease.challenge = challenge
    audit(actor=actor, obj=challenge, action=AuditAction.CREATE, message="在线确认：出题",
          region_path=_region_path(lease))
    return challenge


def challenge_payload(challenge: PresenceChallenge, now: dt.datetime) -> dict[str, Any]:
    """What the player shows (never the answer)."""
    from django.urls import reverse

    return {"id": challenge.pk, "prompt": challenge.prompt, "options": challenge.options,
            "multiple": challenge.multiple,
            "seconds_left": max(0, int((challenge.deadline - now).total_seconds())),
            "answer_url": reverse("api:online_challenge_answer", args=[challenge.pk])}


def pending_add(lease: StudyLease, *, progress: UnitProgress, watched_before: list[list[float]], seconds: float,
                day: dt.date, session_id: int) -> None:
    """Notes credit given since the last passed check, so that a failed one can take it back."""
    pending = dict(lease.pending or {})
    units = dict(pending.get("units", {}))
    key = str(progress.pk)
    if key in units:
        units[key] = [units[key][0] + seconds, units[key][1]]
    else:
        units[key] = [seconds, watched_before]
    days = dict(pending.get("days", {}))
    days[day.isoformat()] = days.get(day.isoformat(), 0) + seconds
    sessions = dict(pending.get("sessions", {}))
    sessions[str(session_id)] = sessions.get(str(session_id), 0) + seconds
    lease.pending = {"units": units, "days": days, "sessions": sessions}


def pending_seconds(lease: StudyLease) -> float:
    return float(sum(s for s, _ in (lease.pending or {}).get("units", {}).values()))


def _revoke(*, actor: Any, lease: StudyLease, current: StudySession | None = None) -> float:
    """Takes back the credit given since the last passed check (units, days, sessions); a unit
    completed meanwhile is open again unless its enrolment already has its record."""
    from .learning import unit_needed_seconds

    pending = lease.pending or {}
    total = 0.0
    for pk, (seconds, watched) in pending.get("units", {}).items():
        progress = UnitProgress.objects.select_for_update().select_related("unit").filter(pk=int(pk)).first()
        if progress is None:
            continue
        progress.credited_seconds = max(0.0, progress.credited_seconds - seconds)
        progress.watched = watched
        if progress.completed_at is not None and progress.credited_seconds < unit_needed_seconds(progress.unit):
            # reopened unless the enrolment already went on to its exam pass or record
            if Enrolment.objects.filter(pk=progress.enrolment_id, record__isnull=True, passed_at__isnull=True).update(
                    units_completed_at=None):
                progress.completed_at = None
        progress.save(update_fields=["credited_seconds", "watched", "completed_at", "updated_at"])
        total += seconds
    for day, seconds in pending.get("days", {}).items():
        DailyStudy.objects.filter(professional_id=lease.professional_id, date=dt.date.fromisoformat(day)).update(
            credited_seconds=Greatest(F("credited_seconds") - seconds, Value(0.0)))
    for pk, seconds in pending.get("sessions", {}).items():
        if current is not None and current.pk == int(pk):  # the caller saves it
            current.credited_seconds = max(0.0, current.credited_seconds - seconds)
            continue
        StudySession.objects.filter(pk=int(pk)).update(credited_seconds=Greatest(F("credited_seconds") - seconds,
                                                                                 Value(0.0)))
    today = lease.day.isoformat() if lease.day else None
    if today in pending.get("days", {}):
        lease.day_seconds = max(0.0, lease.day_seconds - pending["days"][today])
    lease.pending = {}
    return round(total, 1)


def _fail(*, actor: Any, lease: StudyLease, challenge: PresenceChallenge, outcome: str, now: dt.datetime,
          chosen: list[int] | None = None, current: StudySession | None = None) -> float:
    """Takes back the pending credit and flags the challenge's session; `current` is the session
    a heartbeat holds in hand (updated in memory, saved by the caller)."""
    revoked = _revoke(actor=actor, lease=lease, current=current)
    challenge.outcome, challenge.revoked_seconds = outcome, revoked
    if chosen is not None:
        challenge.answered_at, challenge.chosen = now, chosen
    challenge.save(update_fields=["outcome", "revoked_seconds", "answered_at", "chosen"])
    held = current is not None and current.pk == challenge.session_id
    session = current if held and current is not None else StudySession.objects.select_for_update().get(
        pk=challenge.session_id)
    session.presence_failures += 1
    if SessionFlag.PRESENCE not in session.flags:
        session.flags = [*session.flags, SessionFlag.PRESENCE]
    session.flagged = True
    if not held:
        session.save(update_fields=["presence_failures", "flags", "flagged", "credited_seconds"])
    label = PresenceChallenge.Outcome(outcome).label
    audit(actor=actor, obj=challenge, message=f"在线确认未通过（{label}），撤销计时 {revoked:.0f} 秒",
          region_path=_region_path(lease))
    lease.challenge, lease.challenge_due_at = None, now  # the next beat asks again
    return revoked


def _region_path(lease: StudyLease) -> str:
    from jxjy.people.models import Professional

    return str(Professional.objects.filter(pk=lease.professional_id).values_list("region__path", flat=True).first()
               or "")


def challenge_expire_if_due(*, actor: Any, lease: StudyLease, now: dt.datetime,
                            current: StudySession | None = None) -> float | None:
    """Closes the open challenge if its time is up (the lease is locked by the caller): the
    revoked seconds, or None when nothing expired."""
    challenge = lease.challenge
    if challenge is None or challenge.outcome or now <= challenge.deadline:
        return None
    return _fail(actor=actor, lease=lease, challenge=challenge, outcome=PresenceChallenge.Outcome.EXPIRED, now=now,
                 current=current)


@dataclass
class AnswerResult:
    passed: bool
    outcome: str
    revoked_seconds: float
    message: str


@transaction.atomic
def challenge_answer(*, actor: Any, challenge: PresenceChallenge, chosen: list[int]) -> AnswerResult:
    """The learner's answer: correct and in time keeps the credit since the last passed check
    and sets the next due moment; wrong or late takes it back."""
    professional_id = getattr(actor, "professional_id", None)
    if professional_id is None or challenge.professional_id != professional_id:
        raise PermissionDenied("不是您的在线确认")
    now = timezone.now()
    lease = StudyLease.objects.select_for_update().get(professional_id=professional_id)
    challenge = PresenceChallenge.objects.select_related("session__enrolment__course").get(pk=challenge.pk)
    if challenge.outcome or lease.challenge_id != challenge.pk:
        raise ConflictError("该在线确认已结束，请回答新的问题", field="challenge", extra={"code": "challenge_closed"})
    if len(set(chosen)) != len(chosen) or any(c >= len(challenge.options) for c in chosen) or not chosen:
        raise InvalidInput("请选择有效的选项", field="choice")
    if now > challenge.deadline:
        revoked = _fail(actor=actor, lease=lease, challenge=challenge, outcome=PresenceChallenge.Outcome.EXPIRED,
                        now=now, chosen=chosen)
        lease.save(update_fields=LEASE_PRESENCE_FIELDS)
        return AnswerResult(False, "expired", revoked, _failed_message("超过答题时间", revoked))
    if sorted(chosen) != sorted(challenge.answer):
        revoked = _fail(actor=actor, lease=lease, challenge=challenge, outcome=PresenceChallenge.Outcome.WRONG,
                        now=now, chosen=chosen)
        lease.save(update_fields=LEASE_PRESENCE_FIELDS)
        return AnswerResult(False, "wrong", revoked, _failed_message("回答不正确", revoked))
    challenge.outcome, challenge.answered_at, challenge.chosen = PresenceChallenge.Outcome.PASSED, now, chosen
    challenge.save(update_fields=["outcome", "answered_at", "chosen"])
    kept = pending_seconds(lease)
    lease.challenge, lease.pending = None, {}
    lease.challenge_due_at = next_due(challenge.session.enrolment.course, now)
    lease.save(update_fields=LEASE_PRESENCE_FIELDS)
    audit(actor=actor, obj=challenge, message=f"在线确认通过，保留计时 {kept:.0f} 秒", region_path=_region_path(lease))
    return AnswerResult(True, "passed", 0.0, "在线确认通过，继续计时")


def _failed_message(why: str, revoked: float) -> str:
    return (f"在线确认未通过（{why}）：自上次确认以来的 {revoked:.0f} 秒学习时间不予计入，"
            "请回答新的问题后继续计时")
