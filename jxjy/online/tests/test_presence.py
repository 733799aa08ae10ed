"""Presence checks (在线确认, issue 14 §4): at moments the server chooses, the learner must answer
a question of the course's bank (or a simple prompt); only a correct answer in time keeps the
credit since the last passed check. The rules ask for the learner's own study time
(常人社发〔2011〕11号 第九条: public subjects learned online by the person), so time nobody
confirms is not counted."""

from __future__ import annotations

import json

import pytest

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.online.heartbeat import Beat
from jxjy.online.models import (
    Course,
    DailyStudy,
    PresenceChallenge,
    Question,
    StudyLease,
    StudySession,
    UnitProgress,
)
from jxjy.online.services.learning import enrolment_create, study_heartbeat, study_session_start
from jxjy.online.services.presence import course_presence_set

from .builders import build_course, fetch_segments
from .presence_helpers import answer_presence

pytestmark = pytest.mark.django_db


@pytest.fixture
def learner(world):  # type: ignore[no-untyped-def]
    return world.users["pro_gl_doctor"]


@pytest.fixture
def course(world, learner):  # type: ignore[no-untyped-def]
    """Two 120 s videos; a presence check exactly 60 s after the last one (min = max = 1 min)."""
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          units=(("video", 120), ("video", 120)))
    course_presence_set(actor=world.users["provider_fz"], course=course, min_minutes=1, max_minutes=1)
    enrolment_create(actor=learner, course=course)
    return course


def beat(learner, session, clock, position, *, wait=15):  # type: ignore[no-untyped-def]
    clock.advance(wait)
    return study_heartbeat(actor=learner, session=session, beat=Beat(position=position))


def open_unit(learner, course, position=1, **kw):  # type: ignore[no-untyped-def]
    session, _ = study_session_start(actor=learner, unit=course.units.get(position=position), **kw)
    fetch_segments(session)
    return session


def progress_of(session):  # type: ignore[no-untyped-def]
    return UnitProgress.objects.get(enrolment_id=session.enrolment_id, unit_id=session.unit_id)


def test_a_beat_after_the_due_moment_earns_nothing_until_the_check_is_answered_correctly(learner, course, clock):  # type: ignore[no-untyped-def]
    session = open_unit(learner, course)
    earned = [beat(learner, session, clock, 15 * n).counted_seconds for n in (1, 2, 3)]
    assert earned == [15, 15, 15]
    due = beat(learner, session, clock, 70, wait=25)  # the check fell due at 60 s: credit runs until then
    assert due.counted_seconds == 15 and "presence" in due.reasons and due.challenge is not None
    assert due.resume_position == 60  # the player goes back to the last credited second
    waiting = beat(learner, session, clock, 60)
    assert waiting.counted_seconds == 0 and waiting.reasons == ["presence"]
    assert waiting.challenge["id"] == due.challenge["id"]  # the same check until answered
    assert answer_presence(learner).passed
    assert beat(learner, session, clock, 75).counted_seconds == 15  # crediting again, from 60 s
    progress = progress_of(session)
    assert progress.credited_seconds == 75 and progress.watched == [[0, 75]]  # nothing taken back, no hole
    lease = StudyLease.objects.get(professional_id=learner.professional_id)
    assert lease.challenge_id is None and lease.pending["units"]  # only the 15 s since the pass are pending
    assert AuditEvent.objects.filter(object_type="online.presencechallenge", message__contains="通过").exists()


def test_a_wrong_answer_takes_back_the_credit_since_the_last_passed_check_and_flags_the_session(learner, course, clock):  # type: ignore[no-untyped-def]
    session = open_unit(learner, course)
    for n in (1, 2, 3):
        beat(learner, session, clock, 15 * n)
    assert progress_of(session).credited_seconds == 45
    beat(learner, session, clock, 45)  # the check is due
    result = answer_presence(learner, correct=False)
    assert not result.passed and result.revoked_seconds == 45
    assert "45 秒学习时间不予计入" in result.message
    progress = progress_of(session)
    assert progress.credited_seconds == 0 and progress.watched == []
    assert DailyStudy.objects.get(professional_id=learner.professional_id).credited_seconds == 0
    session.refresh_from_db()
    assert session.credited_seconds == 0 and "presence" in session.flags and session.presence_failures == 1
    assert session in StudySession.objects.filter(flagged=True)  # shown in the reports' suspicious list
    # a new check comes at once; credit resumes only after it is passed
    again = beat(learner, session, clock, 45)
    assert again.challenge is not None and again.counted_seconds == 0
    assert answer_presence(learner).passed
    assert beat(learner, session, clock, 60).counted_seconds == 15
    outcomes = list(PresenceChallenge.objects.order_by("id").values_list("outcome", flat=True))
    assert outcomes == ["wrong", "passed"]
    assert AuditEvent.objects.filter(object_type="online.presencechallenge", message__contains="未通过").exists()


def test_an_unanswered_check_expires_and_takes_back_the_credit_since_the_last_passed_one(learner, course, clock, settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_MAX_GAP_INTERVALS = 10
    session = open_unit(learner, course)
    for n in (1, 2, 3, 4):
        beat(learner, session, clock, 15 * n)
    challenge = PresenceChallenge.objects.get()
    late = beat(learner, session, clock, 60, wait=61)  # past the 60 s to answer
    assert late.revoked_seconds == 60 and late.counted_seconds == 0
    assert late.challenge is not None and late.challenge["id"] != challenge.pk  # asked again
    challenge.refresh_from_db()
    assert challenge.outcome == "expired" and challenge.revoked_seconds == 60
    assert progress_of(session).credited_seconds == 0
    session.refresh_from_db()
    assert session.credited_seconds == 0 and "presence" in session.flags


def test_an_answer_after_the_time_limit_does_not_count(learner, course, clock):  # type: ignore[no-untyped-def]
    session = open_unit(learner, course)
    for n in (1, 2, 3, 4):
        beat(learner, session, clock, 15 * n)
    clock.advance(61)
    result = answer_presence(learner)
    assert not result.passed and result.outcome == "expired" and result.revoked_seconds == 60


def test_a_new_session_or_another_unit_does_not_put_the_check_off(learner, course, clock):  # type: ignore[no-untyped-def]
    session = open_unit(learner, course)
    for n in (1, 2, 3):
        beat(learner, session, clock, 15 * n)
    other = open_unit(learner, course, position=2, takeover=True)  # another unit: the check stays due 60 s after the first start
    assert beat(learner, other, clock, 15).challenge is not None
    assert answer_presence(learner, correct=False).revoked_seconds == 60  # the first unit's time is taken back too
    assert progress_of(session).credited_seconds == 0


def test_a_unit_completed_since_the_last_check_is_open_again_when_the_check_fails(world, learner, clock):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          code="OC-SHORT", units=(("video", 30), ("video", 60)))
    course_presence_set(actor=world.users["provider_fz"], course=course, min_minutes=1, max_minutes=1)
    enrolment = enrolment_create(actor=learner, course=course)
    session = open_unit(learner, course)
    beat(learner, session, clock, 15)
    assert beat(learner, session, clock, 30).unit_completed
    other = open_unit(learner, course, position=2, takeover=True)
    beat(learner, other, clock, 15)
    beat(learner, other, clock, 30, wait=15)  # 60 s: due
    answer_presence(learner, correct=False)
    progress = progress_of(session)
    assert progress.completed_at is None and progress.credited_seconds == 0
    enrolment.refresh_from_db()
    assert enrolment.units_completed_at is None


def test_the_check_asks_a_question_of_the_course_bank_without_its_answer(learner, course, clock, client_for):  # type: ignore[no-untyped-def]
    client = client_for("pro_gl_doctor")
    started = client.post(f"/api/v1/online/units/{course.units.get(position=1).pk}/sessions").json()
    clock.advance(60)
    body = client.post(started["heartbeat_url"], data=json.dumps({"position": 0}), content_type="application/json")
    shown = body.json()["challenge"]
    assert shown["prompt"] in set(Question.objects.filter(course=course).values_list("stem", flat=True))
    assert shown["options"] == ["正确", "错误"] and "answer" not in shown and "\"answer\"" not in body.content.decode()
    # the answer goes through the API; someone else cannot answer it
    assert client_for("hr_fuzhou").post(shown["answer_url"], data=json.dumps({"choice": [0]}),
                                             content_type="application/json").status_code == 404
    key = PresenceChallenge.objects.get(pk=shown["id"]).answer
    answered = client.post(shown["answer_url"], data=json.dumps({"choice": key}), content_type="application/json")
    assert answered.status_code == 200 and answered.json()["passed"] is True
    again = client.post(shown["answer_url"], data=json.dumps({"choice": key}), content_type="application/json")
    assert again.status_code == 409  # a check is answered once
    bad = client.post(shown["answer_url"], data=json.dumps({"choice": [-1]}), content_type="application/json")
    assert bad.status_code == 422


def test_without_questions_the_check_is_a_simple_prompt(world, learner, clock):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          code="OC-NOBANK", units=(("video", 120),))
    Question.objects.filter(course=course).delete()  # an empty bank
    Course.objects.filter(pk=course.pk).update(presence_min_seconds=30, presence_max_seconds=30)
    enrolment_create(actor=learner, course=course)
    session = open_unit(learner, course)
    beat(learner, session, clock, 15)
    shown = beat(learner, session, clock, 30).challenge
    assert shown is not None and shown["prompt"].startswith("请确认您仍在学习：请选择数字")
    number = shown["prompt"].rsplit(" ", 1)[1]
    assert number in shown["options"]


def test_the_presence_interval_is_the_providers_setting_within_bounds(world, course):  # type: ignore[no-untyped-def]
    provider = world.users["provider_fz"]
    for low, high, field in ((0, 10, "min_minutes"), (5, 241, "max_minutes"), (20, 10, "max_minutes")):
        with pytest.raises(ApplicationError) as err:
            course_presence_set(actor=provider, course=course, min_minutes=low, max_minutes=high)
        assert err.value.field == field
    with pytest.raises(PermissionDenied):
        course_presence_set(actor=world.users["hr_fuzhou"], course=course, min_minutes=5, max_minutes=10)
    course_presence_set(actor=provider, course=course, min_minutes=5, max_minutes=10)
    course.refresh_from_db()
    assert (course.presence_min_seconds, course.presence_max_seconds) == (300, 600)
    assert Course._meta.get_field("presence_min_seconds").default == 600  # about every 10–20 min by default


def test_the_provider_sets_the_presence_interval_through_the_api_and_bad_values_answer_422(world, course, client_for):  # type: ignore[no-untyped-def]
    provider = client_for("provider_fz")
    url = f"/api/v1/online/courses/{course.pk}/presence"
    ok = provider.put(url, data=json.dumps({"min_minutes": 8, "max_minutes": 12}), content_type="application/json")
    assert ok.status_code == 200 and ok.json() == {"presence_min_seconds": 480, "presence_max_seconds": 720}
    for body in ({"min_minutes": 0, "max_minutes": 5}, {"min_minutes": 5, "max_minutes": 1000},
                 {"min_minutes": 20, "max_minutes": 10}, {"min_minutes": "x", "max_minutes": 10}):
        assert provider.put(url, data=json.dumps(body), content_type="application/json").status_code == 422, body
    learner = client_for("pro_gl_doctor")
    assert learner.put(url, data=json.dumps({"min_minutes": 5, "max_minutes": 6}),
                       content_type="application/json").status_code in (403, 404)
    course.refresh_from_db()
    assert (course.presence_min_seconds, course.presence_max_seconds) == (480, 720)
    assert AuditEvent.objects.filter(object_type="online.course", message__contains="在线确认间隔").exists()
