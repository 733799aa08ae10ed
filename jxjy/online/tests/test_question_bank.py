"""Providers edit and delete their courses' questions (issue 14 §5), through pages and the API,
audited, and only inside their own courses. A question already on an exam paper is never changed
under that paper: an edit keeps it (retired) and saves the change as a new question; a delete keeps
it stored but out of the bank. Papers still draw from the bank per attempt (常人社发〔2011〕11号 第九条)."""

from __future__ import annotations

import json
import re

import pytest
from django.utils import timezone

from jxjy.accounts.models import User
from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ConflictError
from jxjy.online.models import ExamAttempt, Question
from jxjy.online.services import catalogue
from jxjy.online.services.exams import exam_answer_save, exam_attempt_start, exam_attempt_submit, paper_draw
from jxjy.online.services.learning import enrolment_create

from .builders import build_course

pytestmark = pytest.mark.django_db


@pytest.fixture
def course(world):  # type: ignore[no-untyped-def]
    return build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                        topics={"法规": 3}, draw=2)


def sat_paper(world, course) -> ExamAttempt:  # type: ignore[no-untyped-def]
    learner = world.users["pro_gl_doctor"]
    enrolment = enrolment_create(actor=learner, course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    attempt = exam_attempt_start(actor=learner, enrolment=enrolment)
    for qid in attempt.question_ids:
        exam_answer_save(actor=learner, attempt=attempt, question_id=qid, choice=Question.objects.get(pk=qid).answer)
    return exam_attempt_submit(actor=learner, attempt=attempt)


def unused(course, attempt=None) -> Question:  # type: ignore[no-untyped-def]
    return course.questions.exclude(pk__in=attempt.question_ids if attempt else []).first()


def test_a_question_not_yet_on_any_paper_is_edited_in_place_and_audited(world, course, client_for):  # type: ignore[no-untyped-def]
    question = course.questions.first()
    response = client_for("provider_fz").post(f"/online/questions/{question.pk}/edit/", {
        "topic": "法规", "kind": "single", "stem": "继续教育的主管部门是？", "options": "人社部门\n税务部门", "answer": "1"})
    assert response.status_code == 302
    question.refresh_from_db()
    assert (question.kind, question.stem, question.options, question.answer) == ("single", "继续教育的主管部门是？",
                                                                                 ["人社部门", "税务部门"], [0])
    event = AuditEvent.objects.get(object_type="online.question", object_id=str(question.pk), message="修改试题")
    assert event.before is not None and event.after is not None
    assert event.before["stem"] == "法规判断题1" and event.after["stem"] == "继续教育的主管部门是？"


def page(client, attempt: ExamAttempt) -> str:  # type: ignore[no-untyped-def]
    text = client.get(f"/online/attempts/{attempt.pk}/").content.decode()
    return re.sub(r'"X-CSRFToken": "[^"]+"|csrfmiddlewaretoken" value="[^"]+"', "", text)


def test_editing_a_question_already_on_a_paper_keeps_the_paper_as_it_was(world, client_for):  # type: ignore[no-untyped-def]
    # one attempt and the key shown after it: the result page shows every question and its key
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          topics={"法规": 3}, draw=2, max_attempts=1, reveal_key=True)
    attempt = sat_paper(world, course)
    learner = client_for("pro_gl_doctor")
    before = page(learner, attempt)
    used = Question.objects.get(pk=attempt.question_ids[0])
    assert used.stem in before
    stem = used.stem
    saved = catalogue.question_update(actor=world.users["provider_fz"], question=used, topic="法规", kind="true_false",
                                      stem="修改后的题干", options=[], answer=[1 - used.answer[0]])
    used.refresh_from_db()
    assert saved.pk != used.pk and used.replaced_by_id == saved.pk and not used.active and used.deleted_at
    assert used.stem == stem and saved.stem == "修改后的题干"
    attempt.refresh_from_db()
    assert attempt.score == 100
    assert page(learner, attempt) == before  # same stems, same key on the old paper
    # later papers draw the changed question, never the retired one
    drawn = set()
    for seed in range(30):
        ids, _ = paper_draw(course=course, seed=seed)
        drawn.update(ids)
    assert used.pk not in drawn and saved.pk in drawn


def test_deleting_a_question_on_a_paper_keeps_it_for_that_paper_and_takes_it_out_of_the_bank(world, course, client_for):  # type: ignore[no-untyped-def]
    attempt = sat_paper(world, course)
    used = Question.objects.get(pk=attempt.question_ids[0])
    spare = unused(course, attempt)
    client = client_for("provider_fz")
    client.post(f"/online/questions/{spare.pk}/delete/")
    assert not Question.objects.filter(pk=spare.pk).exists()  # on no paper: gone
    with pytest.raises(ConflictError, match="组卷规则"):  # the blueprint draws 2 and only 2 are left
        catalogue.question_delete(actor=world.users["provider_fz"], question=used)
    used.refresh_from_db()
    assert used.active  # the refused delete changed nothing


def test_a_used_question_deleted_stays_stored_and_its_paper_still_opens(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          topics={"法规": 4}, draw=1)
    attempt = sat_paper(world, course)
    used = Question.objects.get(pk=attempt.question_ids[0])
    response = client_for("provider_fz").post(f"/online/questions/{used.pk}/delete/")
    assert response.status_code == 302
    used.refresh_from_db()
    assert not used.active and used.deleted_at is not None
    assert AuditEvent.objects.filter(object_type="online.question", object_id=str(used.pk),
                                     message="删除试题：已用于考试，保留存档并停用").exists()
    assert client_for("pro_gl_doctor").get(f"/online/attempts/{attempt.pk}/").status_code == 200
    bank = client_for("provider_fz").get(f"/online/courses/{course.pk}/bank/").content.decode()
    assert f'id="question-{used.pk}"' not in bank


def test_only_the_courses_own_provider_may_edit_or_delete(world, course, client_for):  # type: ignore[no-untyped-def]
    from jxjy.core.testing import make_user

    question = course.questions.first()
    make_user("provider_qz", "provider_admin", provider=world.qz_provider, region=world.quanzhou)
    body = json.dumps({"topic": "法规", "kind": "true_false", "stem": "改", "options": [], "answer": [0]})
    for name in ("hr_fuzhou", "pro_gl_doctor", "provider_qz", "unit_gl_hospital"):
        client = client_for("admin")
        client.force_login(User.objects.get(username=name))
        assert client.post(f"/online/questions/{question.pk}/edit/", {"stem": "改"}).status_code == 404, name
        assert client.post(f"/online/questions/{question.pk}/delete/").status_code == 404, name
        assert client.put(f"/api/v1/online/bank/questions/{question.pk}", data=body,
                          content_type="application/json").status_code == 404, name
        assert client.delete(f"/api/v1/online/bank/questions/{question.pk}").status_code == 404, name
    question.refresh_from_db()
    assert question.stem == "法规判断题1"
    # the officer in scope may read the bank (page and API), the learner may not
    assert client_for("hr_fuzhou").get(f"/online/courses/{course.pk}/bank/").status_code == 200
    assert client_for("hr_fuzhou").get(f"/api/v1/online/bank/courses/{course.pk}/questions").status_code == 200
    assert client_for("pro_gl_doctor").get(f"/online/courses/{course.pk}/bank/").status_code == 404
    assert client_for("pro_gl_doctor").get(f"/api/v1/online/bank/courses/{course.pk}/questions").status_code in (403, 404)


def test_the_api_edits_and_deletes_with_field_errors_in_chinese(world, course, client_for):  # type: ignore[no-untyped-def]
    client = client_for("provider_fz")
    question = course.questions.first()
    bad = client.put(f"/api/v1/online/bank/questions/{question.pk}", content_type="application/json",
                     data=json.dumps({"topic": "法规", "kind": "single", "stem": "题", "options": ["甲", "乙"], "answer": [5]}))
    assert bad.status_code in (400, 422) and bad.json()["field"] == "answer" and "答案" in bad.json()["detail"]
    ok = client.put(f"/api/v1/online/bank/questions/{question.pk}", content_type="application/json",
                    data=json.dumps({"topic": "法规", "kind": "single", "stem": "题", "options": ["甲", "乙"], "answer": [1]}))
    assert ok.status_code == 200 and ok.json()["replaced"] is False and ok.json()["question"]["answer"] == [1]
    course.questions.create(topic="法规", kind="true_false", stem="补充", options=["正确", "错误"], answer=[0])
    gone = client.delete(f"/api/v1/online/bank/questions/{question.pk}")
    assert gone.status_code == 204 and not Question.objects.filter(pk=question.pk).exists()
