"""The provider's and officer's pages (issue 7 §1, §5): a course built through the forms —
details, a video upload stored through the storage API, questions, a blueprint — submitted,
approved by the officer in scope, then listed; list pages cost a fixed number of queries."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jxjy.online.models import BlueprintItem, Course, Question

from .builders import build_course, fake_mp4

pytestmark = pytest.mark.django_db


def test_a_provider_builds_a_course_through_the_pages_and_the_officer_lists_it(world, client_for):  # type: ignore[no-untyped-def]
    provider = client_for("provider_fz")
    response = provider.post("/online/courses/new/", {
        "code": "FZ-GX-2026", "title": "专业技术人员职业道德", "subject": "public", "hours": "0.1",
        "valid_from": timezone.localdate().isoformat(), "exam_minutes": 20, "pass_mark": 60, "max_attempts": 3,
        "target_series": ["health"],
    })
    course = Course.objects.get(code="FZ-GX-2026")
    assert response.status_code == 302 and course.status == "draft" and course.region == world.fuzhou
    assert course.target_series == ["health"]
    upload = SimpleUploadedFile("lecture.mp4", fake_mp4(300), content_type="video/mp4")
    provider.post(f"/online/courses/{course.pk}/units/", {"title": "第一讲", "kind": "video", "duration_seconds": 600, "file": upload})
    unit = course.units.get()
    assert unit.duration_seconds == unit.content_seconds == 300  # the file's length, not the 600 typed
    assert unit.file.storage.exists(unit.file.name) and unit.file.name.startswith("online/courseware/")
    for n in range(3):
        provider.post(f"/online/courses/{course.pk}/questions/", {
            "topic": "职业道德", "kind": "single", "stem": f"第{n + 1}题", "options": "甲\n乙\n丙", "answer": "2"})
    assert Question.objects.filter(course=course, kind="single").count() == 3
    assert Question.objects.first().answer == [1]  # option numbers are 1-based on the form
    provider.post(f"/online/courses/{course.pk}/blueprint/", {"topic": "职业道德", "kind": "single", "count": 2, "points": 5})
    assert BlueprintItem.objects.get(course=course).count == 2
    provider.post(f"/online/courses/{course.pk}/submit/")
    course.refresh_from_db()
    assert course.status == "submitted"
    page = client_for("hr_fuzhou").get(f"/online/courses/{course.pk}/").content.decode()
    assert 'id="approve"' in page
    client_for("hr_fuzhou").post(f"/online/courses/{course.pk}/review/", {"decision": "approve", "note": "同意"})
    course.refresh_from_db()
    assert course.status == "approved" and course.review_note == "同意"
    assert "FZ-GX-2026" in client_for("pro_gl_doctor").get("/online/").content.decode()


def test_a_blueprint_asking_more_than_the_bank_holds_is_refused_with_a_message(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, topics={"法规": 2}, draw=1)
    response = client_for("provider_fz").post(f"/online/courses/{course.pk}/blueprint/",
                                              {"topic": "法规", "kind": "true_false", "count": 5, "points": 1}, follow=True)
    assert "只有 2 道" in response.content.decode()


def test_the_catalogue_costs_a_fixed_number_of_queries(world, client_for, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    for n in range(6):
        build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"], code=f"OC-{n}",
                     topics={"法规": 1}, draw=1)
    client = client_for("pro_gl_doctor")
    with django_assert_max_num_queries(12):
        body = client.get("/online/").content.decode()
    assert body.count("OC-") >= 6
    officer = client_for("hr_fuzhou")
    with django_assert_max_num_queries(14):
        officer.get("/online/reports/")


def test_anonymous_visitors_are_sent_to_login_except_for_certificate_verification(client):  # type: ignore[no-untyped-def]
    for url in ("/online/", "/online/mine/", "/online/reports/", "/online/courses/1/", "/online/units/1/"):
        assert client.get(url).status_code == 302, url
    assert client.get("/api/v1/online/courses").status_code == 401
    assert client.get("/online/verify/nothing:here", follow=True).status_code == 404


def test_the_api_enrols_and_lists_enrolments_within_scope(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    learner = client_for("pro_gl_doctor")
    created = learner.post(f"/api/v1/online/courses/{course.pk}/enrolment")
    assert created.status_code == 200 and created.json()["course_id"] == course.pk
    assert learner.post(f"/api/v1/online/courses/{course.pk}/enrolment").json()["id"] == created.json()["id"]  # idempotent
    assert client_for("hr_fuzhou").get("/api/v1/online/enrolments").json()["count"] == 1
    assert client_for("hr_quanzhou").get("/api/v1/online/enrolments").json()["count"] == 0
    assert client_for("unit_tj_company").get("/api/v1/online/enrolments").json()["count"] == 0
