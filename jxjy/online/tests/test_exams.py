"""Question bank and timed exams (issue 7 §3; 常人社发〔2011〕11号 第九条 网上考试): papers drawn by
blueprint from a recorded seed, a server-side deadline, resume after a dropped connection,
automatic grading, pass mark and attempt limit."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.utils import timezone

from jxjy.core.errors import ConflictError
from jxjy.online.models import ExamAttempt, Question
from jxjy.online.services.exams import (
    exam_answer_save,
    exam_attempt_close_if_expired,
    exam_attempt_start,
    exam_attempt_submit,
    paper_draw,
)
from jxjy.online.services.learning import enrolment_create

from .builders import answers_for, build_course, fake_mp4

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):  # type: ignore[no-untyped-def]
    return build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                        topics={"法规": 6, "职业道德": 5}, draw=3, pass_mark=80, max_attempts=2, exam_minutes=20)


@pytest.fixture
def ready(world, course):  # type: ignore[no-untyped-def]
    """An enrolment whose units are complete, so the exam is open."""
    learner = world.users["pro_gl_doctor"]
    enrolment = enrolment_create(actor=learner, course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    return learner, enrolment


def sit(learner, attempt, *, correct: bool) -> ExamAttempt:  # type: ignore[no-untyped-def]
    for qid, choice in answers_for(attempt.question_ids, correct=correct).items():
        exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=choice)
    return exam_attempt_submit(actor=learner, attempt=attempt)


def test_a_paper_follows_the_blueprint_counts_per_topic_and_type(course):  # type: ignore[no-untyped-def]
    ids, points = paper_draw(course=course, seed=42)
    topics = [Question.objects.get(pk=i).topic for i in ids]
    assert topics.count("法规") == 3 and topics.count("职业道德") == 3
    assert len(set(ids)) == 6 and points == [1] * 6


def test_the_same_seed_draws_the_same_paper_and_other_seeds_differ(course):  # type: ignore[no-untyped-def]
    assert paper_draw(course=course, seed=42) == paper_draw(course=course, seed=42)
    papers = {tuple(paper_draw(course=course, seed=s)[0]) for s in range(20)}
    assert len(papers) > 5  # random per attempt


def test_each_attempt_records_its_seed_so_its_paper_can_be_reproduced(ready, course):  # type: ignore[no-untyped-def]
    learner, enrolment = ready
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    assert paper_draw(course=course, seed=attempt.seed)[0] == attempt.question_ids


def test_a_bank_too_small_for_the_blueprint_cannot_be_drawn(course):  # type: ignore[no-untyped-def]
    Question.objects.filter(course=course, topic="职业道德").update(active=False)
    with pytest.raises(ConflictError, match="题库不足"):
        paper_draw(course=course, seed=1)


def test_the_exam_opens_only_after_all_units_are_complete(world, course):  # type: ignore[no-untyped-def]
    learner = world.users["pro_gl_doctor"]
    enrolment = enrolment_create(actor=learner, course=course)
    with pytest.raises(ConflictError, match="学完全部课件"):
        exam_attempt_start(actor=learner, enrolment=enrolment)


def test_the_deadline_is_kept_on_the_server_and_a_dropped_connection_resumes_the_same_paper(ready, clock):  # type: ignore[no-untyped-def]
    learner, enrolment = ready
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    assert attempt.deadline == clock.now + timezone.timedelta(minutes=20)
    first = attempt.question_ids[0]
    exam_answer_save(actor=learner, attempt=attempt, question_id=first, choice=[1])
    clock.advance(10 * 60)  # the connection drops; the learner comes back within the time limit
    again = exam_attempt_start(actor=learner, enrolment=enrolment)
    assert again.pk == attempt.pk and again.question_ids == attempt.question_ids
    assert again.answers == {str(first): [1]} and again.deadline == attempt.deadline


def test_answers_after_the_deadline_are_refused_and_the_attempt_is_graded_with_what_was_saved(ready, clock):  # type: ignore[no-untyped-def]
    learner, enrolment = ready
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    key = answers_for(attempt.question_ids, correct=True)
    for qid in attempt.question_ids[:5]:
        exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=key[qid])
    clock.advance(20 * 60)
    with pytest.raises(ConflictError, match="时间已到"):
        exam_answer_save(actor=learner, attempt=attempt, question_id=attempt.question_ids[5], choice=key[attempt.question_ids[5]])
    closed = exam_attempt_close_if_expired(actor=learner, attempt=attempt)
    assert closed.status == "submitted" and closed.submitted_at == attempt.deadline
    assert closed.score == Decimal("83.3") and closed.passed is True  # 5 of 6 saved in time


def test_grading_against_the_pass_mark(ready):  # type: ignore[no-untyped-def]
    learner, enrolment = ready
    failed = sit(learner, exam_attempt_start(actor=learner, enrolment=enrolment), correct=False)
    assert failed.score == 0 and failed.passed is False
    enrolment.refresh_from_db()
    assert enrolment.passed_at is None
    passed = sit(learner, exam_attempt_start(actor=learner, enrolment=enrolment), correct=True)
    assert passed.number == 2 and passed.score == 100 and passed.passed is True
    from jxjy.audit.models import AuditEvent

    messages = list(AuditEvent.objects.filter(object_type="online.examattempt").order_by("id").values_list("message", flat=True))
    assert messages == ["开始第1次考试", "第1次考试交卷：0.0 分，不合格", "开始第2次考试", "第2次考试交卷：100.0 分，合格"]
    enrolment.refresh_from_db()
    assert enrolment.passed_at is not None


def test_a_multiple_choice_answer_must_match_the_key_exactly(world, clock):  # type: ignore[no-untyped-def]
    from jxjy.online.services import catalogue

    course = build_course(provider_admin=world.users["provider_fz"], officer=None, code="OC-M", topics={"法规": 1}, draw=1,
                          hours="0.1", units=(("video", 300),), video=fake_mp4(300))
    question = catalogue.question_add(actor=world.users["provider_fz"], course=course, topic="多选", kind="multiple",
                                      stem="哪些是继续教育形式？", options=["集中培训", "网络学习", "打卡", "进修"], answer=[0, 1, 3])
    catalogue.blueprint_item_set(actor=world.users["provider_fz"], course=course, topic="多选", kind="multiple", count=1, points=3)
    catalogue.course_submit(actor=world.users["provider_fz"], course=course)
    catalogue.course_approve(actor=world.users["hr_fuzhou"], course=course)
    learner = world.users["pro_gl_doctor"]
    enrolment = enrolment_create(actor=learner, course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    exam_answer_save(actor=learner, attempt=attempt, question_id=question.pk, choice=[0, 1])
    for qid in attempt.question_ids:
        if qid != question.pk:
            exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=answers_for([qid], correct=True)[qid])
    graded = exam_attempt_submit(actor=learner, attempt=attempt)
    assert graded.results[str(question.pk)] is False
    assert graded.score == 25  # 1 of 4 points


def test_the_attempt_limit_per_course(ready):  # type: ignore[no-untyped-def]
    learner, enrolment = ready
    sit(learner, exam_attempt_start(actor=learner, enrolment=enrolment), correct=False)
    sit(learner, exam_attempt_start(actor=learner, enrolment=enrolment), correct=False)
    with pytest.raises(ConflictError, match="次数已用完"):
        exam_attempt_start(actor=learner, enrolment=enrolment)


def test_a_submitted_attempt_takes_no_more_answers(ready):  # type: ignore[no-untyped-def]
    learner, enrolment = ready
    attempt = sit(learner, exam_attempt_start(actor=learner, enrolment=enrolment), correct=True)
    with pytest.raises(ConflictError):
        exam_answer_save(actor=learner, attempt=attempt, question_id=attempt.question_ids[0], choice=[0])
    with pytest.raises(ConflictError):
        exam_attempt_start(actor=learner, enrolment=enrolment)


def test_single_answer_questions_take_one_choice(ready):  # type: ignore[no-untyped-def]
    from jxjy.core.errors import ApplicationError

    learner, enrolment = ready
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    with pytest.raises(ApplicationError):
        exam_answer_save(actor=learner, attempt=attempt, question_id=attempt.question_ids[0], choice=[0, 1])
    with pytest.raises(ApplicationError):
        exam_answer_save(actor=learner, attempt=attempt, question_id=attempt.question_ids[0], choice=[7])
