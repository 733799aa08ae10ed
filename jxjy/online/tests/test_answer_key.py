"""Answers never reach the browser before submission (issue 7 §3): every response of the exam
flow — pages and API — is inspected, and must be the same whatever the answer key is."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone

from jxjy.online.models import ExamAttempt, Question
from jxjy.online.services.learning import enrolment_create

from .builders import build_course

pytestmark = pytest.mark.django_db


def normalise(text: str) -> str:
    text = re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", text)
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    return re.sub(r'"remaining_seconds": ?\d+', "", text)


def exam_flow(client, course) -> list[tuple[str, str]]:  # type: ignore[no-untyped-def]
    """Every response a learner's browser gets from opening the exam to just before submitting."""
    seen = []
    start = client.post(f"/online/courses/{course.pk}/exam/", follow=True)
    seen.append(("start", start.content.decode()))
    attempt = ExamAttempt.objects.get(enrolment__course=course)
    seen.append(("page", client.get(f"/online/attempts/{attempt.pk}/").content.decode()))
    seen.append(("api", client.get(f"/api/v1/online/attempts/{attempt.pk}").content.decode()))
    for qid in attempt.question_ids:
        saved = client.put(f"/api/v1/online/attempts/{attempt.pk}/answers/{qid}", data=json.dumps({"choice": [0]}),
                           content_type="application/json")
        assert saved.status_code == 200
        seen.append((f"answer {qid}", saved.content.decode()))
    seen.append(("resume", client.get(f"/online/attempts/{attempt.pk}/").content.decode()))
    seen.append(("course", client.get(f"/online/courses/{course.pk}/").content.decode()))
    return seen


def test_no_response_of_the_exam_flow_carries_the_answer_key(world, client_for, clock):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    client = client_for("pro_gl_doctor")
    first = exam_flow(client, course)
    for name, text in first:
        assert '"answer"' not in text and "answer_key" not in text and "正确答案" not in text, name
        assert "results" not in text, name

    # flip every key and run the same flow on the same paper: the browser must not see a difference
    attempt = ExamAttempt.objects.get(enrolment=enrolment)
    for question in Question.objects.filter(course=course):
        question.answer = [1 - question.answer[0]]
        question.save()
    ExamAttempt.objects.filter(pk=attempt.pk).delete()
    from jxjy.online.services import exams

    real_randbits = exams.secrets.randbits
    exams.secrets.randbits = lambda _bits: attempt.seed  # type: ignore[assignment]
    try:
        second = exam_flow(client, course)
    finally:
        exams.secrets.randbits = real_randbits  # type: ignore[assignment]
    new_attempt = ExamAttempt.objects.get(enrolment=enrolment)
    for (name, a), (_, b) in zip(first, second, strict=True):
        a = a.replace(f"/attempts/{attempt.pk}/", "/attempts/N/").replace(f"/attempts/{attempt.pk}\"", "/attempts/N\"")
        b = b.replace(f"/attempts/{new_attempt.pk}/", "/attempts/N/").replace(f"/attempts/{new_attempt.pk}\"", "/attempts/N\"")
        a = re.sub(rf'^{{"id": ?{attempt.pk},', '{"id": N,', a)
        b = re.sub(rf'^{{"id": ?{new_attempt.pk},', '{"id": N,', b)
        assert normalise(a) == normalise(b), name


def test_after_submission_the_learner_sees_the_score_but_no_marks_and_the_api_sends_no_key(world, client_for):  # type: ignore[no-untyped-def]
    """Issue 14 §6: after an attempt only the score is shown (no 正确/错误 per question)."""
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    client = client_for("pro_gl_doctor")
    client.post(f"/online/courses/{course.pk}/exam/")
    attempt = ExamAttempt.objects.get(enrolment=enrolment)
    done = client.post(f"/online/attempts/{attempt.pk}/submit/", {"confirm_unanswered": "1"}, follow=True).content.decode()
    assert "不合格" in done and "0.0 分" in done
    assert 'badge ok">正确' not in done and 'badge bad">错误' not in done
    assert '"answer"' not in client.get(f"/api/v1/online/attempts/{attempt.pk}").content.decode()


def test_officers_and_providers_cannot_open_a_learners_paper_outside_their_scope(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    client_for("pro_gl_doctor").post(f"/online/courses/{course.pk}/exam/")
    attempt = ExamAttempt.objects.get(enrolment=enrolment)
    for name in ("hr_quanzhou", "unit_tj_company"):
        assert client_for(name).get(f"/online/attempts/{attempt.pk}/").status_code == 404
        assert client_for(name).get(f"/api/v1/online/attempts/{attempt.pk}").status_code == 404
    # an officer in scope may look, but not answer for the learner
    officer = client_for("hr_fuzhou")
    assert officer.get(f"/online/attempts/{attempt.pk}/").status_code == 200
    put = officer.put(f"/api/v1/online/attempts/{attempt.pk}/answers/{attempt.question_ids[0]}",
                      data=json.dumps({"choice": [0]}), content_type="application/json")
    assert put.status_code == 404
