"""Online exams through the API (常人社发〔2011〕11号 第九条 网上考试): start, answer, submit, results.
Results carry only the score and the outcome — no per-question marks, no answer key."""

from __future__ import annotations

import pytest
from django.test import Client
from django.utils import timezone

from jxjy.online.services.learning import enrolment_create
from jxjy.tokens.services import token_create

from .builders import answers_for, build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):  # type: ignore[no-untyped-def]
    return build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                        topics={"法规": 6, "职业道德": 5}, draw=3, pass_mark=80, max_attempts=2, exam_minutes=20)


@pytest.fixture
def learner_api(world, course) -> Client:  # type: ignore[no-untyped-def]
    learner = world.users["pro_gl_doctor"]
    enrolment = enrolment_create(actor=learner, course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    _, secret = token_create(actor=learner, name="学习平台", scopes=["online:write"])
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_learner_starts_answers_submits_and_reads_only_the_score(learner_api: Client, course) -> None:  # type: ignore[no-untyped-def]
    started = learner_api.post(f"/api/v1/online/exams/courses/{course.pk}/attempts")
    assert started.status_code == 201, started.content
    attempt = started.json()
    assert attempt["status"] == "in_progress" and len(attempt["questions"]) == 6
    assert all("key" not in q and "correct" not in q for q in attempt["questions"])
    for qid, choice in answers_for([q["id"] for q in attempt["questions"]], correct=True).items():
        saved = learner_api.put(f"/api/v1/online/attempts/{attempt['id']}/answers/{qid}", {"choice": choice},
                                content_type="application/json")
        assert saved.status_code == 200
    submitted = learner_api.post(f"/api/v1/online/attempts/{attempt['id']}/submit")
    assert submitted.status_code == 200 and submitted.json()["passed"] is True
    results = learner_api.get(f"/api/v1/online/exams/courses/{course.pk}/results")
    assert results.status_code == 200
    rows = results.json()
    assert [(r["number"], r["score"], r["passed"]) for r in rows] == [(1, 100.0, True)]
    assert set(rows[0]) == {"id", "number", "status", "started_at", "submitted_at", "score", "passed"}


def test_an_exam_is_started_only_by_an_enrolled_learner_in_scope(world, course, learner_api: Client) -> None:  # type: ignore[no-untyped-def]
    _, secret = token_create(actor=world.users["pro_gl_doctor"], name="只读", scopes=["online:read"])
    reader = Client(HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert reader.post(f"/api/v1/online/exams/courses/{course.pk}/attempts").status_code == 403  # read-only token
    assert reader.get(f"/api/v1/online/exams/courses/{course.pk}/results").json() == []
    assert learner_api.post("/api/v1/online/exams/courses/999999/attempts").status_code == 404
