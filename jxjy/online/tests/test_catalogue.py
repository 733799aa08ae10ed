"""The catalogue and its jurisdiction (issue 7 §1, §5): providers create courses, an officer
whose jurisdiction covers the course approves it before it is listed (榕人专〔2009〕145号 三:
审核、登记); lists never show, and details answer 404 for, what lies outside a user's scope."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ConflictError, PermissionDenied
from jxjy.online.heartbeat import Beat
from jxjy.online.models import Course
from jxjy.online.services import catalogue
from jxjy.online.services.learning import enrolment_create, study_heartbeat, study_session_start

from .builders import build_course, fake_mp4, fetch_segments

pytestmark = pytest.mark.django_db


@pytest.fixture
def draft(world):  # type: ignore[no-untyped-def]
    """A draft whose 5-minute video carries its 0.1 学时 (45 minutes a 学时 by default)."""
    return build_course(provider_admin=world.users["provider_fz"], officer=None, hours="0.1",
                        units=(("video", 300),), video=fake_mp4(300))


def listed(client, course: Course) -> bool:  # type: ignore[no-untyped-def]
    return course.code in client.get("/online/").content.decode()


def test_a_course_is_listed_for_learners_only_after_an_officer_approves_it(world, draft, client_for):  # type: ignore[no-untyped-def]
    learner = client_for("pro_gl_doctor")
    assert not listed(learner, draft)
    assert learner.get(f"/online/courses/{draft.pk}/").status_code == 404
    catalogue.course_submit(actor=world.users["provider_fz"], course=draft)
    assert not listed(learner, draft)
    response = client_for("hr_fuzhou").post(f"/online/courses/{draft.pk}/review/", {"decision": "approve"})
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.status == "approved" and draft.reviewed_by == world.users["hr_fuzhou"]
    assert listed(learner, draft)
    assert AuditEvent.objects.filter(object_type="online.course", object_id=str(draft.pk), message="审核通过网络课程").exists()


def test_officers_approve_only_courses_within_their_jurisdiction(world, draft):  # type: ignore[no-untyped-def]
    catalogue.course_submit(actor=world.users["provider_fz"], course=draft)
    for name in ("hr_quanzhou", "hr_gulou"):  # another city; a district below the course's city
        with pytest.raises(PermissionDenied):
            catalogue.course_approve(actor=world.users[name], course=draft)
    with pytest.raises(PermissionDenied):  # a provider cannot approve its own course
        catalogue.course_approve(actor=world.users["provider_fz"], course=draft)
    catalogue.course_approve(actor=world.users["hr_province"], course=draft)  # the province covers the city


def test_a_course_must_be_submitted_before_review_and_is_frozen_once_submitted(world, draft):  # type: ignore[no-untyped-def]
    with pytest.raises(ConflictError):
        catalogue.course_approve(actor=world.users["hr_fuzhou"], course=draft)
    catalogue.course_submit(actor=world.users["provider_fz"], course=draft)
    with pytest.raises(ConflictError):
        catalogue.unit_add(actor=world.users["provider_fz"], course=draft, title="追加", kind="html",
                           duration_seconds=60, html_body="x")


def test_rejection_needs_a_reason_and_returns_the_course_to_the_provider(world, draft):  # type: ignore[no-untyped-def]
    catalogue.course_submit(actor=world.users["provider_fz"], course=draft)
    from jxjy.core.errors import ApplicationError

    with pytest.raises(ApplicationError):
        catalogue.course_reject(actor=world.users["hr_fuzhou"], course=draft, note="  ")
    rejected = catalogue.course_reject(actor=world.users["hr_fuzhou"], course=draft, note="课件不完整")
    assert rejected.status == "rejected"
    catalogue.unit_add(actor=world.users["provider_fz"], course=rejected, title="补充", kind="html", duration_seconds=60,
                       html_body="补充材料")


def test_lists_never_show_and_details_404_outside_scope(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    inside = ("pro_gl_doctor", "hr_fuzhou", "hr_province", "provider_fz", "unit_gl_hospital", "auth_fz_health")
    outside = ("hr_quanzhou", "hr_gulou")
    for name in inside:
        client = client_for(name)
        assert listed(client, course), name
        assert client.get(f"/online/courses/{course.pk}/").status_code == 200, name
        assert client.get(f"/api/v1/online/courses/{course.pk}").status_code == 200, name
    for name in outside:
        client = client_for(name)
        assert not listed(client, course), name
        assert client.get(f"/online/courses/{course.pk}/").status_code == 404, name
        assert client.get(f"/api/v1/online/courses/{course.pk}").status_code == 404, name
        assert course.code not in client.get("/api/v1/online/courses").content.decode(), name


def test_a_learner_of_another_city_can_neither_see_nor_enrol(world, client_for):  # type: ignore[no-untyped-def]
    from jxjy.core.testing import make_user

    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    outsider = make_user("pro_lj_doctor", "professional", professional=world.people["lj_doctor"], region=world.luojiang)
    with pytest.raises(PermissionDenied):
        enrolment_create(actor=outsider, course=course)
    client = client_for("admin")
    client.force_login(outsider)
    assert client.post(f"/online/courses/{course.pk}/enrol/").status_code == 404


def test_enrolment_respects_validity_and_target_series(world):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    learner = world.users["pro_gl_doctor"]  # a doctor: health series
    Course.objects.filter(pk=course.pk).update(target_series=["engineering"])
    course.refresh_from_db()
    with pytest.raises(ConflictError, match="系列"):
        enrolment_create(actor=learner, course=course)
    Course.objects.filter(pk=course.pk).update(target_series=[], valid_to=timezone.localdate() - dt.timedelta(days=1))
    course.refresh_from_db()
    with pytest.raises(ConflictError, match="有效期"):
        enrolment_create(actor=learner, course=course)


def test_a_provider_sees_only_its_own_courses(world, client_for):  # type: ignore[no-untyped-def]
    from jxjy.core.testing import make_user

    course = build_course(provider_admin=world.users["provider_fz"], officer=None)
    qz = make_user("provider_qz", "provider_admin", provider=world.qz_provider, region=world.quanzhou)
    client = client_for("admin")
    client.force_login(qz)
    assert not listed(client, course)
    assert client.get(f"/online/courses/{course.pk}/").status_code == 404
    with pytest.raises(PermissionDenied):
        catalogue.unit_add(actor=qz, course=course, title="x", kind="html", duration_seconds=10, html_body="x")


def test_uploads_must_be_video_or_pdf_of_the_declared_kind(world, draft):  # type: ignore[no-untyped-def]
    from django.core.files.uploadedfile import SimpleUploadedFile

    from jxjy.core.errors import ApplicationError

    Course.objects.filter(pk=draft.pk).update(status="draft")
    with pytest.raises(ApplicationError, match="文件类型"):
        catalogue.unit_add(actor=world.users["provider_fz"], course=draft, title="x", kind="video", duration_seconds=10,
                           file=SimpleUploadedFile("x.exe", b"MZ", content_type="application/octet-stream"))


def test_reports_show_rates_median_time_per_unit_and_suspicious_sessions_within_scope(world, client_for, clock):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    learner = world.users["pro_gl_doctor"]
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    fetch_segments(session)
    clock.advance(10)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=3))
    clock.advance(10)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=6, rate=2.0))
    for name in ("hr_fuzhou", "provider_fz"):
        body = client_for(name).get("/online/reports/").content.decode()
        assert course.title in body and "0.0%" in body, name
        assert "3 秒" in body, name  # the median counted time of the unit
        assert "倍速播放" in body and world.people["gl_doctor"].name in body, name
    outside = client_for("hr_quanzhou").get("/online/reports/").content.decode()
    assert course.title not in outside and world.people["gl_doctor"].name not in outside


def test_a_unit_administrator_sees_only_its_own_peoples_learning(world, client_for, clock):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          units=(("video", 60),))
    learner = world.users["pro_gl_doctor"]
    enrolment_create(actor=learner, course=course)
    session, _ = study_session_start(actor=learner, unit=course.units.first())
    fetch_segments(session)
    clock.advance(10)
    study_heartbeat(actor=learner, session=session, beat=Beat(position=40))  # 40 s of video in 10 s: flagged
    own = client_for("unit_gl_hospital").get("/online/reports/").content.decode()
    other = client_for("unit_tj_company").get("/online/reports/").content.decode()
    assert world.people["gl_doctor"].name in own and "拖动进度" in own
    assert world.people["gl_doctor"].name not in other
