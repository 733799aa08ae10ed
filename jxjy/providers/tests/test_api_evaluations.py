"""Trainee evaluations (学员评价) through the API, with the page's rules: only actual trainees, after the
class starts, once each, only the class's teachers — the ratings feed the teacher pool (师资库实行动态管理,
榕人专〔2009〕145号 四)."""

from __future__ import annotations

import pytest
from django.test import Client

from jxjy.core.testing import World
from jxjy.providers.models import TraineeEvaluation
from jxjy.tokens.services import token_create
from jxjy.training.models import TrainingClass

from .test_teachers_and_evaluations import enrol, finished_class, new_teacher  # noqa: F401  (fixture)

pytestmark = pytest.mark.django_db


def _trainee(world: World) -> Client:
    _, secret = token_create(actor=world.users["pro_gl_doctor"], name="移动端", scopes=["providers:write"])
    return Client(HTTP_AUTHORIZATION=f"Bearer {secret}")


def test_a_trainee_reads_the_questionnaire_and_submits_one_evaluation(world: World, finished_class: TrainingClass) -> None:  # noqa: F811
    teacher = new_teacher(world, "王教授")
    enrol(world, finished_class, world.people["gl_doctor"], attended=True)
    api = _trainee(world)
    form = api.get(f"/api/v1/evaluations/classes/{finished_class.pk}")
    assert form.status_code == 200 and form.json()["teachers"] == [{"id": teacher.pk, "name": "王教授"}]
    payload = {"content_score": 5, "organisation_score": 4, "overall_score": 5,
               "teacher_scores": [{"teacher_id": teacher.pk, "score": 5}], "comment": "实操充分"}
    created = api.post(f"/api/v1/evaluations/classes/{finished_class.pk}", payload, content_type="application/json")
    assert created.status_code == 201, created.content
    assert TraineeEvaluation.objects.get().teacher_ratings.get().score == 5
    again = api.post(f"/api/v1/evaluations/classes/{finished_class.pk}", payload, content_type="application/json")
    assert again.status_code == 409 and "每人只能评价一次" in again.json()["detail"]


def test_scores_out_of_range_and_strangers_are_refused(world: World, finished_class: TrainingClass) -> None:  # noqa: F811
    api = _trainee(world)
    assert api.get(f"/api/v1/evaluations/classes/{finished_class.pk}").status_code == 404  # not enrolled
    enrol(world, finished_class, world.people["gl_doctor"], attended=False)
    bad = api.post(f"/api/v1/evaluations/classes/{finished_class.pk}",
                   {"content_score": 6, "organisation_score": 4, "overall_score": 5}, content_type="application/json")
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "content_score"
    never_came = api.post(f"/api/v1/evaluations/classes/{finished_class.pk}",
                          {"content_score": 5, "organisation_score": 4, "overall_score": 5},
                          content_type="application/json")
    assert never_came.status_code == 403 and "实际参加" in never_came.json()["detail"]
