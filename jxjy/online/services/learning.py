"""Enrolment and study sessions: the server counts time from the player's heartbeats."""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from typing import Any

from django.db import transaction
from django.db.models import F
from django.http import Http404
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditAction
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from ..choices import SessionFlag, UnitKind
from ..config import online_config
from ..heartbeat import Beat, Verdict, clamp_to_cap, judge_beat, merge_span
from ..media import covered_until, segment_of
from ..models import Course, DailyStudy, Enrolment, SegmentFetch, StudyLease, StudySession, Unit, UnitProgress
from . import delivery, presence
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


_TAKEN_OVER = "taken_over"
_SUPERSEDED = "superseded"
_ENDED = "ended"
_ENDED_MESSAGES = {
    _TAKEN_OVER: "已在其他窗口或设备接管学习，本窗口已停止计时",
    _SUPERSEDED: "本课件已在新窗口打开，本窗口已停止计时",
}


def _lease_row(professional_id: int) -> StudyLease:
    """The person's study lease, locked: beats and session starts of one person go one at a time."""
    lease, _ = StudyLease.objects.select_for_update().get_or_create(professional_id=professional_id)
    return lease


@transaction.atomic
def study_session_start(
    *, actor: Any, unit: Unit, user_agent: str = "", takeover: bool = False,
) -> tuple[StudySession, UnitProgress]:
    """Opens a player on a unit; resumes from the position the server last saw (any device).

    The new session takes the person's study lease. While another session of the person holds it
    (another course, unit or device, still beating), the start is refused unless `takeover` is
    given; that session is then ended and told so at its next beat. A reload of the same unit
    supersedes the earlier window without asking."""
    config = online_config()
    enrolment = _own_enrolment(actor, unit)
    now = timezone.now()
    lease = _lease_row(enrolment.professional_id)
    if lease.session_id is not None:
        holder = StudySession.objects.select_related("unit").get(pk=lease.session_id)
        live = lease.expires_at is not None and lease.expires_at > now and holder.ended_at is None
        same_window = holder.enrolment_id == enrolment.pk and holder.unit_id == unit.pk
        if live and not same_window and not takeover:
            raise ConflictError(
                f"您正在其他窗口或设备学习《{holder.unit.title}》。同一时间只计一处学习时间；"
                "如要在这里学习，请选择“在此处学习”，另一处将停止计时",
                field="takeover", extra={"code": "lease_held"},
            )
        if holder.ended_at is None:
            holder.ended_at, holder.ended_reason = now, (_SUPERSEDED if same_window else _TAKEN_OVER)
            holder.save(update_fields=["ended_at", "ended_reason"])
    progress, _ = UnitProgress.objects.get_or_create(enrolment=enrolment, unit=unit)
    # a reload or another device supersedes the earlier window on the same unit
    StudySession.objects.filter(enrolment=enrolment, unit=unit, ended_at__isnull=True).update(
        ended_at=now, ended_reason=_SUPERSEDED)
    session = StudySession(enrolment=enrolment, unit=unit, progress=progress, started_at=now, last_beat_at=now,
                           last_position=progress.position, user_agent=user_agent[:300])
    session.full_clean()
    session.save()
    lease.session, lease.taken_at = session, now
    lease.expires_at = now + dt.timedelta(seconds=config.lease_seconds)
    if lease.challenge_due_at is None:  # kept across sessions: a new window does not put the check off
        lease.challenge_due_at = presence.next_due(enrolment.course, now)
    lease.save(update_fields=["session", "taken_at", "expires_at", "challenge_due_at"])
    return session, progress


def unit_needed_seconds(unit: Unit) -> float:
    """Credited seconds (and, for a video, watched seconds) that complete a unit."""
    if unit.kind == UnitKind.VIDEO:
        return online_config().completion_ratio * unit.duration_seconds
    return float(unit.duration_seconds)


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
    rate_limited: bool = False
    resume_position: float = 0.0
    challenge: dict[str, Any] | None = None
    revoked_seconds: float = 0.0
    media_url: str | None = None

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def _region_path(actor: Any) -> str:
    return str(_professional(actor).region.path)


def _session_for_beat(pk: int, professional_id: int) -> StudySession:
    """The session, its unit, enrolment and progress in one query; only the session row is locked
    (many learners share a unit; the person's lease already serialises their beats)."""
    session = (StudySession.objects.select_for_update(of=("self",))
               .select_related("unit", "enrolment", "progress").filter(pk=pk).first())
    if session is None or session.enrolment.professional_id != professional_id:
        raise Http404("未找到该对象，或您无权访问")
    if session.ended_at is not None:
        raise ConflictError(_ENDED_MESSAGES.get(session.ended_reason, "学习会话已结束，请刷新页面"), field="session",
                            extra={"code": session.ended_reason or _ENDED})
    return session


def _covered_until(session: StudySession, start: float, now: dt.datetime) -> float | None:
    """How far from `start` the segments this session fetched (by now) reach without a hole."""
    unit = session.unit
    config = online_config()
    size = unit.file_size if unit.file_size is not None else unit.file.size
    segment_bytes = int(config.segment_bytes)
    first = segment_of(start, duration=unit.duration_seconds, size=size, segment_bytes=segment_bytes)
    fetched = {index: (now - at).total_seconds() for index, at in
               SegmentFetch.objects.filter(session=session, index__gte=first, fetched_at__lte=now)
               .values_list("index", "fetched_at")}
    return covered_until(start, fetched, duration=unit.duration_seconds, size=size, segment_bytes=segment_bytes)


def _today_seconds(lease: StudyLease, day: dt.date) -> float:
    """Today's credited seconds of the person, mirrored on the locked lease row (read from the
    DailyStudy row once a day)."""
    if lease.day != day:
        lease.day = day
        lease.day_seconds = float(DailyStudy.objects.filter(professional_id=lease.professional_id, date=day)
                                  .values_list("credited_seconds", flat=True).first() or 0.0)
    return lease.day_seconds


def _daily_add(professional_id: int, day: dt.date, seconds: float) -> None:
    if not DailyStudy.objects.filter(professional_id=professional_id, date=day).update(
            credited_seconds=F("credited_seconds") + seconds):
        DailyStudy.objects.create(professional_id=professional_id, date=day, credited_seconds=seconds)


def _progress_of(session: StudySession) -> UnitProgress:
    if session.progress is None:  # sessions opened before progress was linked
        session.progress = UnitProgress.objects.get(enrolment_id=session.enrolment_id, unit_id=session.unit_id)
        StudySession.objects.filter(pk=session.pk).update(progress=session.progress)
    return session.progress


def _presence_due(*, actor: Any, lease: StudyLease, session: StudySession, now: dt.datetime, may_issue: bool) -> tuple[
        dict[str, Any] | None, float, dt.datetime | None]:
    """The open presence challenge this beat must carry (issuing one when due), the seconds
    revoked by one that expired, and — when this beat issued it — the moment it fell due (credit
    runs until then). No query unless a check is due or open."""
    revoked = presence.challenge_expire_if_due(actor=actor, lease=lease, now=now, current=session) or 0.0
    due = lease.challenge_due_at
    if lease.challenge is None and (due is None or due > now or not may_issue):
        return None, revoked, None
    fell_due = None
    if lease.challenge is None:
        presence.challenge_issue(actor=actor, lease=lease, session=session, now=now)
        fell_due = due if not revoked else now
    assert lease.challenge is not None
    return presence.challenge_payload(lease.challenge, now), revoked, fell_due


@transaction.atomic
def study_heartbeat(*, actor: Any, session: StudySession | int, beat: Beat, end: bool = False) -> BeatResult:
    """Judges one heartbeat and counts what it earned (under the person's daily cap).

    The interval a beat may earn runs from the session's previous accepted beat to now, on the
    server's clock. A beat sooner than the minimum interval is answered, earns nothing and leaves
    the interval running. More than `ONLINE_MAX_BEATS_PER_MINUTE` beats of one person in a minute
    are refused (`rate_limited`). After the person's presence check fell due, beats earn nothing
    until it is answered correctly (`services.presence`).

    A constant number of queries: the lease, the session with its unit, enrolment and progress,
    the segments (videos), and the updates of session, lease, progress and the day row."""
    config = online_config()
    professional_id = getattr(actor, "professional_id", None)
    if professional_id is None:  # no one else's session is found for them, as for any other scope
        raise Http404("未找到该对象，或您无权访问")
    now = timezone.now()
    today = timezone.localdate(now)
    lease = _lease_row(professional_id)
    if lease.minute_started_at is None or (now - lease.minute_started_at).total_seconds() >= 60:
        lease.minute_started_at, lease.minute_beats = now, 0
    lease.minute_beats += 1
    if lease.minute_beats > config.max_beats_per_minute:
        lease.save(update_fields=["minute_started_at", "minute_beats"])
        return BeatResult(counted_seconds=0, reasons=["rate_limited"], flags=[], unit_seconds=0, watched_seconds=0,
                          unit_completed=False, today_seconds=0, daily_cap_seconds=config.daily_cap_seconds,
                          ended=False, rate_limited=True)
    session = _session_for_beat(session if isinstance(session, int) else session.pk, professional_id)
    if lease.session_id != session.pk:
        raise ConflictError(_ENDED_MESSAGES[_TAKEN_OVER], field="session", extra={"code": _TAKEN_OVER})
    unit = session.unit
    is_video = unit.kind == UnitKind.VIDEO
    if beat.position is not None and (beat.position < 0 or beat.position > unit.duration_seconds + 5):
        raise ApplicationError("播放位置无效", field="position")
    today_seconds = _today_seconds(lease, today)

    wall = (now - session.last_beat_at).total_seconds()
    early = 0 < wall < config.min_beat_seconds
    # the credited span continues from where the last one ended when the player reported a little
    # more than was credited (network jitter); the span still never exceeds the credit
    start = session.last_position
    if (session.credited_position is not None
            and 0 <= start - session.credited_position <= config.slack_seconds):
        start = session.credited_position
    challenge, revoked, fell_due = _presence_due(actor=actor, lease=lease, session=session, now=now,
                                                 may_issue=not early)
    lease_held = lease.taken_at is not None and lease.taken_at <= session.last_beat_at
    if challenge is not None and fell_due is None:  # a check is open: nothing until it is answered
        verdict = Verdict(seconds=0.0).nothing("presence")
    else:
        covered = _covered_until(session, start, now) if is_video and not early and unit.file else None
        verdict = judge_beat(config=config, is_video=is_video, wall_seconds=wall, last_position=start, beat=beat,
                             lease_held=lease_held, covered_until=covered)
        if fell_due is not None:  # the check fell due during this interval: credit runs until then
            verdict = clamp_to_cap(verdict, remaining_today=(fell_due - session.last_beat_at).total_seconds(),
                                   reason="presence")
    verdict = clamp_to_cap(verdict, remaining_today=config.daily_cap_seconds - today_seconds)
    # while a check is open the player resumes from the last credited second (it is told so)
    reported = beat.position
    if challenge is not None and is_video and beat.position is not None:
        reported = verdict.span[1] if verdict.span is not None else min(beat.position, start)

    if early:
        session.early_beats += 1
        if session.early_beats > config.early_beats_flag:
            verdict.flags.append(SessionFlag.EARLY_BEATS)
    else:  # an accepted beat closes the interval
        session.last_beat_at = now
        if reported is not None:
            session.last_position = reported
        lease.expires_at = now + dt.timedelta(seconds=config.lease_seconds)
    new_flags = [f for f in verdict.flags if f not in session.flags]  # a failed check flagged it already
    session.beats += 1
    session.credited_seconds += verdict.seconds
    if verdict.seconds > 0:
        session.last_credited_at = now
        if verdict.span is not None:
            session.credited_position = verdict.span[1]
    session.flags = [*session.flags, *new_flags]
    session.flagged = bool(session.flags)
    if end:
        session.ended_at, session.ended_reason = now, _ENDED
        lease.session, lease.taken_at, lease.expires_at = None, None, None
    session.save(update_fields=["last_beat_at", "last_position", "beats", "credited_seconds", "last_credited_at",
                                "credited_position", "early_beats", "flags", "flagged", "ended_at", "ended_reason",
                                "presence_failures"])
    if new_flags:
        audit(actor=actor, obj=session, message=f"学习会话可疑：{'、'.join(new_flags)}",
              region_path=_region_path(actor))

    progress = _progress_of(session)
    if revoked:  # the expiry changed it through its own row
        progress.refresh_from_db()
    watched_before = [list(s) for s in progress.watched]
    if reported is not None and (verdict.seconds > 0 or reported < progress.position):
        # the resume point is the last credited second (or earlier, when the learner went back):
        # beats that earned nothing — offline, refused, a seek ahead — do not move it forward
        resume = min(reported, verdict.span[1]) if verdict.span is not None else reported
        progress.position = min(resume, float(unit.duration_seconds))
    progress.credited_seconds += verdict.seconds
    if verdict.span is not None:
        progress.watched = merge_span(progress.watched, verdict.span, limit=float(unit.duration_seconds))
    newly_completed = False
    if progress.completed_at is None:
        # completion is measured in credited time: watched spans are credited spans, never bridged
        needed = unit_needed_seconds(unit)
        done = progress.credited_seconds >= needed and (not is_video or progress.watched_seconds >= needed)
        if done:
            progress.completed_at = now
            newly_completed = True
    progress.save(update_fields=["position", "credited_seconds", "watched", "completed_at", "updated_at"])

    if verdict.seconds > 0:
        lease.day_seconds += verdict.seconds
        presence.pending_add(lease, progress=progress, watched_before=watched_before, seconds=verdict.seconds,
                             day=today, session_id=session.pk)
        _daily_add(professional_id, today, verdict.seconds)
    lease.save(update_fields=["minute_started_at", "minute_beats", "expires_at", "session", "taken_at", "day",
                              "day_seconds", "pending", "challenge", "challenge_due_at"])
    if newly_completed:
        audit(actor=actor, obj=progress, message=f"学完课件：{unit.title}", region_path=_region_path(actor))
        from .recognition import enrolment_mark_units_complete

        enrolment_mark_units_complete(actor=actor, enrolment=session.enrolment)
    return BeatResult(
        counted_seconds=round(verdict.seconds, 2), reasons=verdict.reasons, flags=verdict.flags,
        unit_seconds=round(progress.credited_seconds, 1), watched_seconds=round(progress.watched_seconds, 1),
        unit_completed=progress.completed_at is not None, today_seconds=round(lease.day_seconds, 1),
        daily_cap_seconds=config.daily_cap_seconds, ended=end, resume_position=progress.position,
        challenge=challenge, revoked_seconds=revoked,
        media_url=delivery.media_url(session) if is_video and not end else None,
    )
