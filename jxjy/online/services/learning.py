"""Enrolment and study sessions: the server counts time from the player's heartbeats."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditAction
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from ..choices import UnitKind
from ..config import online_config
from ..heartbeat import Beat, clamp_to_cap, judge_beat, merge_span
from ..models import Course, DailyStudy, Enrolment, StudySession, Unit, UnitProgress
from ._common import audit


def _professional(actor: Any) -> Any:
    professional = getattr(actor, "professional", None)
    if professional is None:
        raise PermissionDenied("只有专业技术人员可以选课学习")
    return professional


@transaction.atomic
def enrolment_create(*, actor: Any, course: Course) -> Enrolment:
    """Enrols the actor in a listed course meant for them (idempotent)."""
    professional = _professional(actor)
    if not restrict(Course.objects.filter(pk=course.pk), actor).exists():
        raise PermissionDenied("该课程未上架或不面向您所在地区")
    today = timezone.localdate()
    if course.valid_from > today or (course.valid_to is not None and course.valid_to < today):
        raise ConflictError("课程不在有效期内", field="valid_to")
    if course.target_series and professional.series not in course.target_series:
        raise ConflictError("该课程不面向您的职称系列", field="target_series")
    if course.target_levels and professional.level not in course.target_levels:
        raise ConflictError("该课程不面向您的职称级别", field="target_levels")
    existing = Enrolment.objects.filter(course=course, professional=professional).first()
    if existing is not None:
        return existing
    enrolment = Enrolment(course=course, professional=professional)
    enrolment.full_clean()
    enrolment.save()
    audit(actor=actor, obj=enrolment, action=AuditAction.CREATE, message=f"选课：{course.title}",
          region_path=professional.region.path)
    return enrolment


def _own_enrolment(actor: Any, unit: Unit) -> Enrolment:
    professional = _professional(actor)
    enrolment = Enrolment.objects.filter(course_id=unit.course_id, professional=professional).first()
    if enrolment is None:
        raise PermissionDenied("请先选课")
    return enrolment


@transaction.atomic
def study_session_start(*, actor: Any, unit: Unit, user_agent: str = "") -> tuple[StudySession, UnitProgress]:
    """Opens a player on a unit; resumes from the position the server last saw (any device)."""
    enrolment = _own_enrolment(actor, unit)
    progress, _ = UnitProgress.objects.get_or_create(enrolment=enrolment, unit=unit)
    now = timezone.now()
    # a reload or another device supersedes the earlier window on the same unit
    StudySession.objects.filter(enrolment=enrolment, unit=unit, ended_at__isnull=True).update(ended_at=now)
    session = StudySession(enrolment=enrolment, unit=unit, started_at=now, last_beat_at=now,
                           last_position=progress.position, user_agent=user_agent[:300])
    session.full_clean()
    session.save()
    return session, progress


@dataclass
class BeatResult:
    counted_seconds: float
    reasons: list[str]
    flags: list[str]
    unit_seconds: float
    watched_seconds: float
    unit_completed: bool
    today_seconds: float
    daily_cap_seconds: float
    ended: bool

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _daily_row(professional_id: int, date: dt.date) -> DailyStudy:
    DailyStudy.objects.get_or_create(professional_id=professional_id, date=date)
    return DailyStudy.objects.select_for_update().get(professional_id=professional_id, date=date)


@transaction.atomic
def study_heartbeat(*, actor: Any, session: StudySession, beat: Beat, end: bool = False) -> BeatResult:
    """Judges one heartbeat and counts what it earned (under the person's daily cap)."""
    config = online_config()
    professional = _professional(actor)
    now = timezone.now()
    # one row per person and day, locked: beats of one person are judged one at a time
    daily = _daily_row(professional.pk, timezone.localdate(now))
    session = StudySession.objects.select_for_update().select_related("unit", "enrolment").get(pk=session.pk)
    if session.enrolment.professional_id != professional.pk:
        raise PermissionDenied("不是您的学习会话")
    if session.ended_at is not None:
        raise ConflictError("学习会话已结束，请刷新页面", field="session")
    unit = session.unit
    is_video = unit.kind == UnitKind.VIDEO
    if beat.position is not None and (beat.position < 0 or beat.position > unit.duration_seconds + 5):
        raise ApplicationError("播放位置无效", field="position")
    another = (
        StudySession.objects.filter(
            enrolment__professional_id=professional.pk,
            ended_at__isnull=True,
            last_credited_at__gte=now - dt.timedelta(seconds=config.max_gap_seconds),
        )
        .exclude(pk=session.pk)
        .exists()
    )
    verdict = judge_beat(
        config=config, is_video=is_video, wall_seconds=(now - session.last_beat_at).total_seconds(),
        last_position=session.last_position, beat=beat, another_session_active=another,
    )
    verdict = clamp_to_cap(verdict, remaining_today=config.daily_cap_seconds - daily.credited_seconds)

    new_flags = [f for f in verdict.flags if f not in session.flags]
    session.last_beat_at = now
    if beat.position is not None:
        session.last_position = beat.position
    session.beats += 1
    session.credited_seconds += verdict.seconds
    if verdict.seconds > 0:
        session.last_credited_at = now
    session.flags = [*session.flags, *new_flags]
    session.flagged = bool(session.flags)
    if end:
        session.ended_at = now
    session.save(update_fields=["last_beat_at", "last_position", "beats", "credited_seconds", "last_credited_at",
                                "flags", "flagged", "ended_at"])
    if new_flags:
        audit(actor=actor, obj=session, message=f"学习会话可疑：{'、'.join(new_flags)}",
              region_path=professional.region.path)

    progress = UnitProgress.objects.select_for_update().get(enrolment_id=session.enrolment_id, unit=unit)
    if beat.position is not None:
        progress.position = min(beat.position, float(unit.duration_seconds))
    progress.credited_seconds += verdict.seconds
    if verdict.span is not None:
        progress.watched = merge_span(progress.watched, verdict.span, limit=float(unit.duration_seconds))
    newly_completed = False
    if progress.completed_at is None:
        done = (progress.watched_seconds >= config.completion_ratio * unit.duration_seconds if is_video
                else progress.credited_seconds >= unit.duration_seconds)
        if done:
            progress.completed_at = now
            newly_completed = True
    progress.save(update_fields=["position", "credited_seconds", "watched", "completed_at", "updated_at"])

    if verdict.seconds > 0:
        daily.credited_seconds += verdict.seconds
        daily.save(update_fields=["credited_seconds"])
    if newly_completed:
        audit(actor=actor, obj=progress, message=f"学完课件：{unit.title}", region_path=professional.region.path)
        from .recognition import enrolment_mark_units_complete

        enrolment_mark_units_complete(actor=actor, enrolment=session.enrolment)
    return BeatResult(
        counted_seconds=round(verdict.seconds, 2), reasons=verdict.reasons, flags=verdict.flags,
        unit_seconds=round(progress.credited_seconds, 1), watched_seconds=round(progress.watched_seconds, 1),
        unit_completed=progress.completed_at is not None, today_seconds=round(daily.credited_seconds, 1),
        daily_cap_seconds=config.daily_cap_seconds, ended=end,
    )
