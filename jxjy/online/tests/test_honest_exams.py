"""Honest exams (issue 14 §6; 常人社发〔2011〕11号 第九条 网上考试): a paper with blank questions is
submitted only after the learner confirms it (the server refuses it otherwise, 422, and no attempt
is used); after an attempt only the score is shown — no per-question 正确/错误 and no key — and the
key only after the last attempt, when the provider allows it."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone

from jxjy.online.choices import AttemptStatus
from jxjy.online.models import ExamAttempt, Question
from jxjy.online.services.exams import exam_answer_save, exam_attempt_start, exam_attempt_submit
from jxjy.online.services.learning import enrolment_create

from .builders import answers_for, build_course

pytestmark = pytest.mark.django_db


def ready(world, **kwargs):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"], **kwargs)
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    return course, enrolment


def test_a_blank_paper_submitted_through_the_api_without_confirmation_is_refused_and_uses_no_attempt(world, client_for):  # type: ignore[no-untyped-def]
    course, enrolment = ready(world, max_attempts=1)
    client = client_for("pro_gl_doctor")
    client.post(f"/online/courses/{course.pk}/exam/")
    attempt = ExamAttempt.objects.get(enrolment=enrolment)
    first = attempt.question_ids[0]
    client.put(f"/api/v1/online/attempts/{attempt.pk}/answers/{first}", data=json.dumps({"choice": [0]}),
               content_type="application/json")

    refused = client.post(f"/api/v1/online/attempts/{attempt.pk}/submit")
    assert refused.status_code == 422
    body = refused.json()
    blank = len(attempt.question_ids) - 1
    assert body["field"] == "confirm_unanswered"
    assert f"还有 {blank} 道题未作答" in body["detail"]
    assert body["extra"]["unanswered"] == list(range(2, len(attempt.question_ids) + 1))
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS and attempt.score is None
    # the one allowed attempt is still the open one: starting again resumes it
    assert exam_attempt_start(actor=world.users["pro_gl_doctor"], enrolment=enrolment).pk == attempt.pk

    confirmed = client.post(f"/api/v1/online/attempts/{attempt.pk}/submit?confirm_unanswered=true")
    assert confirmed.status_code == 200 and confirmed.json()["status"] == "submitted"


def test_a_fully_answered_paper_needs_no_confirmation(world):  # type: ignore[no-untyped-def]
    course, enrolment = ready(world)
    learner = world.users["pro_gl_doctor"]
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    for qid, choice in answers_for(attempt.question_ids, correct=True).items():
        exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=choice)
    assert exam_attempt_submit(actor=learner, attempt=attempt).passed is True


def test_the_exam_page_shows_a_confirm_step_and_submits_only_after_it(world, client_for):  # type: ignore[no-untyped-def]
    course, enrolment = ready(world)
    client = client_for("pro_gl_doctor")
    client.post(f"/online/courses/{course.pk}/exam/")
    attempt = ExamAttempt.objects.get(enrolment=enrolment)
    page = client.get(f"/online/attempts/{attempt.pk}/").content.decode()
    assert re.search(r'id="confirm-step"[^>]*hidden', page)  # there, for the script, but not shown yet

    refused = client.post(f"/online/attempts/{attempt.pk}/submit/")
    assert refused.status_code == 422
    text = refused.content.decode()
    assert not re.search(r'id="confirm-step"[^>]*hidden', text)
    assert f"还有 {len(attempt.question_ids)} 道题未作答" in text and "仍然交卷" in text
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.IN_PROGRESS

    done = client.post(f"/online/attempts/{attempt.pk}/submit/", {"confirm_unanswered": "1"})
    assert done.status_code == 302
    attempt.refresh_from_db()
    assert attempt.status == AttemptStatus.SUBMITTED and attempt.score == 0


def result_page(client, attempt: ExamAttempt) -> str:  # type: ignore[no-untyped-def]
    text = client.get(f"/online/attempts/{attempt.pk}/").content.decode()
    text = re.sub(r'"X-CSRFToken": "[^"]+"', "", text)
    return re.sub(r'csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_the_result_page_and_api_do_not_depend_on_the_key_or_the_marks(world, client_for):  # type: ignore[no-untyped-def]
    """The page after an attempt would change if it showed any mark or key; it must not."""
    course, enrolment = ready(world, max_attempts=3, reveal_key=True)
    learner = world.users["pro_gl_doctor"]
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    answers = answers_for(attempt.question_ids, correct=True)
    half = dict(list(answers.items())[: len(answers) // 2])
    for qid, choice in half.items():
        exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=choice)
    exam_attempt_submit(actor=learner, attempt=attempt, confirm_unanswered=True)
    client = client_for("pro_gl_doctor")
    before = result_page(client, attempt)
    api_before = client.get(f"/api/v1/online/attempts/{attempt.pk}").json()
    assert "50.0 分" in before and 'id="no-key"' in before

    for question in Question.objects.filter(pk__in=attempt.question_ids):
        question.answer = [1 - question.answer[0]]
        question.save()
    ExamAttempt.objects.filter(pk=attempt.pk).update(results={str(q): True for q in attempt.question_ids})
    assert result_page(client, attempt) == before
    assert client.get(f"/api/v1/online/attempts/{attempt.pk}").json() == api_before


def test_the_key_is_shown_after_the_last_attempt_only_when_the_provider_allows_it(world, client_for):  # type: ignore[no-untyped-def]
    learner = world.users["pro_gl_doctor"]
    client = client_for("pro_gl_doctor")
    for code, reveal, shown in (("OC-KEY-1", True, True), ("OC-KEY-2", False, False)):
        course, enrolment = ready(world, code=code, max_attempts=1, reveal_key=reveal)
        attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
        wrong = answers_for(attempt.question_ids, correct=False)
        for qid, choice in wrong.items():
            exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=choice)
        exam_attempt_submit(actor=learner, attempt=attempt)
        page = result_page(client, attempt)
        assert ('badge ok">答案' in page) is shown, code
        assert ('id="no-key"' in page) is not shown, code
        assert '"answer"' not in client.get(f"/api/v1/online/attempts/{attempt.pk}").content.decode()
        if shown:  # every correct option is marked, next to the learner's own choice
            assert page.count('badge ok">答案') == len(attempt.question_ids)
            assert page.count('badge">您的选择') == len(attempt.question_ids)


def test_with_attempts_left_the_key_stays_hidden_even_when_the_provider_allows_it(world, client_for):  # type: ignore[no-untyped-def]
    course, enrolment = ready(world, max_attempts=2, reveal_key=True)
    learner = world.users["pro_gl_doctor"]
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    exam_attempt_submit(actor=learner, attempt=attempt, confirm_unanswered=True)
    page = result_page(client_for("pro_gl_doctor"), attempt)
    assert 'badge ok">答案' not in page and 'id="no-key"' in page
