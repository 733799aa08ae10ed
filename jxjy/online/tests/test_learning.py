"""Enrolment and server-side progress (issue 7 §2): time counted from heartbeats, a daily cap,
no credit for a second concurrent session, progress that survives reloads and devices."""

from __future__ import annotations

import json

import pytest

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ConflictError, PermissionDenied
from jxjy.online.heartbeat import Beat
from jxjy.online.models import DailyStudy, Enrolment, StudySession, UnitProgress
from jxjy.online.services.learning import enrolment_create, study_heartbeat, study_session_start

from .builders import build_course, fetch_segments
from .presence_helpers import answer_presence

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):  # type: ignore[no-untyped-def]
    return build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                        units=(("video", 60), ("video", 60), ("html", 30)))


@pytest.fixture
def learner(world):  # type: ignore[no-untyped-def]
    return world.users["pro_gl_doctor"]


def play(learner, session, clock, *, seconds: int, start: float = 0, step: int = 15, **beat):  # type: ignore[no-untyped-def]
    """Plays at normal speed from `start`, a heartbeat every `step` seconds (the video downloaded
    through the session's segment URL)."""
    fetch_segments(session)
    position, results = start, []
    for _ in range(seconds // step):
        clock.advance(step)
        position += step
        results.append(study_heartbeat(actor=learner, session=session, beat=Beat(position=position, **beat)))
    return results


def test_watching_a_video_at_normal_speed_to_the_end_counts_its_time_and_completes_the_unit(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment = enrolment_create(actor=learner, course=course)
    unit = course.units.first()
    session, _ = study_session_start(actor=learner, unit=unit)
    results = play(learner, session, clock, seconds=60)
    assert [r.counted_seconds for r in results] == [15, 15, 15, 15]
    progress = UnitProgress.objects.get(enrolment=enrolment, unit=unit)
    assert progress.credited_seconds == 60
    assert progress.watched == [[0, 60]]
    assert progress.completed_at is not None
    assert AuditEvent.objects.filter(object_type="online.unitprogress", message__contains="学完课件").exists()


def test_seeking_to_the_end_does_not_complete_a_video_and_flags_the_session(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment = enrolment_create(actor=learner, course=course)
    unit = course.units.first()
    session, _ = study_session_start(actor=learner, unit=unit)
    play(learner, session, clock, seconds=15)
    clock.advance(10)
    result = study_heartbeat(actor=learner, session=session, beat=Beat(position=60))
    assert result.counted_seconds == 0 and result.flags == ["seek"]
    progress = UnitProgress.objects.get(enrolment=enrolment, unit=unit)
    assert progress.completed_at is None
    assert progress.position == 15  # the resume point is the last credited second, not where the seek went
    session.refresh_from_db()
    assert session.flagged and session.flags == ["seek"]


def test_sped_up_playback_earns_nothing(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    results = play(learner, session, clock, seconds=30, rate=2.0)
    assert sum(r.counted_seconds for r in results) == 0
    session.refresh_from_db()
    assert session.flags == ["speed"]


def test_a_second_session_of_the_same_person_must_take_over_and_the_first_then_stops(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    first_unit, second_unit = list(course.units.all())[:2]
    first, _ = study_session_start(actor=learner, unit=first_unit)
    assert play(learner, first, clock, seconds=15)[0].counted_seconds == 15
    with pytest.raises(ConflictError, match="您正在其他窗口或设备学习《第1讲》") as refused:
        study_session_start(actor=learner, unit=second_unit)
    assert refused.value.extra == {"code": "lease_held"}
    second, _ = study_session_start(actor=learner, unit=second_unit, takeover=True)
    with pytest.raises(ConflictError, match="已在其他窗口或设备接管学习，本窗口已停止计时"):
        study_heartbeat(actor=learner, session=first, beat=Beat(position=30))
    assert play(learner, second, clock, seconds=30)[-1].counted_seconds == 15
    # once the second window is closed, a new one needs no takeover
    study_heartbeat(actor=learner, session=second, beat=Beat(position=30), end=True)
    study_session_start(actor=learner, unit=first_unit)


def test_the_daily_cap_stops_counting_for_the_rest_of_the_day(course, learner, clock, settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_DAILY_CAP_HOURS = 40 / 3600  # 40 seconds a day
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    results = play(learner, session, clock, seconds=60)
    assert [r.counted_seconds for r in results] == [15, 15, 10, 0]
    assert "daily_cap" in results[-1].reasons
    assert DailyStudy.objects.get(professional=learner.professional).credited_seconds == 40
    # the cap is per person and day, across units
    other, _ = study_session_start(actor=learner, unit=course.units.all()[1], takeover=True)
    assert sum(r.counted_seconds for r in play(learner, other, clock, seconds=30)) == 0
    # the next day counts again (after the presence check that fell due overnight)
    clock.advance(24 * 3600)
    fresh, _ = study_session_start(actor=learner, unit=course.units.all()[1])
    assert fresh.last_position == 0  # capped yesterday, nothing credited here: it resumes at the start
    assert play(learner, fresh, clock, seconds=15)[0].reasons == ["presence"]
    assert answer_presence(learner).passed  # the player went back to the last credited second, 0
    assert play(learner, fresh, clock, seconds=15)[0].counted_seconds == 15


def test_progress_survives_a_reload_and_another_device(course, learner, clock, client_for):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    unit = course.units.first()
    session, _ = study_session_start(actor=learner, unit=unit)
    play(learner, session, clock, seconds=30)
    # a new window (reload, or the phone) asks the server where to resume
    response = client_for("pro_gl_doctor").post(f"/api/v1/online/units/{unit.pk}/sessions", content_type="application/json")
    assert response.status_code == 200
    body = response.json()
    assert body["resume_position"] == 30
    assert body["unit_seconds"] == 30
    new_session = StudySession.objects.get(pk=body["session_id"])
    assert new_session.last_position == 30
    fetch_segments(new_session)
    clock.advance(15)
    assert study_heartbeat(actor=learner, session=new_session, beat=Beat(position=45)).counted_seconds == 15


def test_an_html_unit_counts_visible_interactive_time_up_to_completion(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment = enrolment_create(actor=learner, course=course)
    page_unit = course.units.get(kind="html")
    session, _ = study_session_start(actor=learner, unit=page_unit)
    clock.advance(15)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=None, visible=False))
    clock.advance(15)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=None))
    clock.advance(15)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=None))
    progress = UnitProgress.objects.get(enrolment=enrolment, unit=page_unit)
    assert progress.credited_seconds == 30 and progress.completed_at is not None


def test_completing_every_unit_marks_the_enrolment_ready_for_the_exam(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment = enrolment_create(actor=learner, course=course)
    for unit in course.units.all():
        session, _ = study_session_start(actor=learner, unit=unit)
        if unit.kind == "video":
            play(learner, session, clock, seconds=60)
        else:
            for _ in range(2):
                clock.advance(15)
                study_heartbeat(actor=learner, session=session, beat=Beat(position=None))
        study_heartbeat(actor=learner, session=session, beat=Beat(position=None if unit.kind == "html" else 60), end=True)
    enrolment.refresh_from_db()
    assert enrolment.units_completed_at is not None
    assert enrolment.record is None  # the exam is still to pass


def test_an_ended_session_takes_no_more_heartbeats(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    clock.advance(5)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=5), end=True)
    with pytest.raises(ConflictError):
        study_heartbeat(actor=learner, session=session, beat=Beat(position=10))


def test_learning_needs_an_enrolment(course, learner):  # type: ignore[no-untyped-def]
    with pytest.raises(PermissionDenied):
        study_session_start(actor=learner, unit=course.units.first())


def test_heartbeats_of_someone_elses_session_are_not_found(course, learner, clock, world, client_for):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    for name in ("provider_fz", "hr_fuzhou", "unit_tj_company"):
        response = client_for(name).post(f"/api/v1/online/sessions/{session.pk}/heartbeat",
                                         data=json.dumps({"position": 5}), content_type="application/json")
        assert response.status_code == 404, name


def test_the_heartbeat_endpoint_answers_what_counted_and_why(course, learner, clock, client_for):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    client = client_for("pro_gl_doctor")
    unit = course.units.first()
    started = client.post(f"/api/v1/online/units/{unit.pk}/sessions", content_type="application/json").json()
    media = client.get(started["media_url"], HTTP_RANGE="bytes=0-")  # the player downloads the video
    assert media.status_code == 206
    clock.advance(15)
    ok = client.post(started["heartbeat_url"], data=json.dumps({"position": 15, "rate": 1.0}), content_type="application/json")
    assert ok.status_code == 200 and ok.json()["counted_seconds"] == 15
    clock.advance(15)
    fast = client.post(started["heartbeat_url"], data=json.dumps({"position": 45, "rate": 2.0}), content_type="application/json")
    assert fast.json()["counted_seconds"] == 0 and fast.json()["reasons"] == ["speed"]
    assert Enrolment.objects.get(course=course).progress.get(unit=unit).credited_seconds == 15


def test_reopening_a_unit_supersedes_the_earlier_window_so_a_reload_earns_at_once(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    unit = course.units.first()
    old, _ = study_session_start(actor=learner, unit=unit)
    play(learner, old, clock, seconds=15)
    new, _ = study_session_start(actor=learner, unit=unit)  # the reload: the old page never said goodbye
    old.refresh_from_db()
    assert old.ended_at is not None
    fetch_segments(new)
    clock.advance(15)
    assert study_heartbeat(actor=learner, session=new, beat=Beat(position=30)).counted_seconds == 15
    with pytest.raises(ConflictError):  # the old window, if still open, is told to refresh
        study_heartbeat(actor=learner, session=old, beat=Beat(position=30))


def test_suspicious_behaviour_is_audited_once_per_kind(course, learner, clock):  # type: ignore[no-untyped-def]
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    play(learner, session, clock, seconds=45, rate=2.0)
    events = AuditEvent.objects.filter(object_type="online.studysession", object_id=str(session.pk))
    assert [e.message for e in events] == ["学习会话可疑：speed"]


def test_the_daily_cap_limits_completion_too(course, learner, clock, settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_DAILY_CAP_HOURS = 40 / 3600  # 40 seconds a day
    enrolment = enrolment_create(actor=learner, course=course)
    unit = course.units.first()
    session, _ = study_session_start(actor=learner, unit=unit)
    play(learner, session, clock, seconds=60)  # the player reached the end; only 40 s counted
    progress = UnitProgress.objects.get(enrolment=enrolment, unit=unit)
    assert progress.credited_seconds == 40 and progress.watched == [[0, 40]]
    assert progress.completed_at is None
    # the next day the learner goes back to where counting stopped and watches the rest
    clock.advance(24 * 3600)
    fresh, _ = study_session_start(actor=learner, unit=unit)
    fetch_segments(fresh)
    clock.advance(15)
    study_heartbeat(actor=learner, session=fresh, beat=Beat(position=40))  # the seek back earns nothing
    assert answer_presence(learner).passed  # the presence check that fell due overnight
    play(learner, fresh, clock, seconds=15, start=40)
    progress.refresh_from_db()
    assert progress.completed_at is None  # 55 of the 57 s needed
    clock.advance(15)
    study_heartbeat(actor=learner, session=fresh, beat=Beat(position=60))  # the last 5 s, then it ended
    progress.refresh_from_db()
    assert progress.watched == [[0, 60]] and progress.completed_at is not None
