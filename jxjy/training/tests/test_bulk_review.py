"""批量初审 (issue 15 item 5): the reviewer selects applications, gives one verdict, and gets a result
per application — each reviewed through the single review service, each audited, a refused one
leaving the others done (榕人专〔2009〕145号 附件1: the supervising authority reviews first)."""

from __future__ import annotations

from typing import Any

import pytest
from django.test import Client

from jxjy.audit.models import AuditEvent
from jxjy.training.choices import ClassStatus, ReviewStatus
from jxjy.training.models import TrainingClass
from jxjy.training.services.review import class_review_approve

from .conftest import Scene, submitted_class

pytestmark = pytest.mark.django_db


def _client(user: Any) -> Client:
    client = Client()
    client.force_login(user)
    return client


def _audits(training_class: TrainingClass) -> list[str]:
    return list(AuditEvent.objects.filter(object_type="training.trainingclass", object_id=str(training_class.pk))
                .order_by("seq").values_list("message", flat=True))


def test_bulk_approval_reviews_each_selected_application_and_reports_each_row(scene: Scene) -> None:
    first, second, third = (submitted_class(scene, name=f"第{i}期医疗质量培训班") for i in (1, 2, 3))
    already = submitted_class(scene, name="已审过的培训班")
    class_review_approve(actor=scene.authority, training_class=already, comment="同意")  # now the city's step
    before = len(_audits(already))
    client = _client(scene.authority)
    queue = client.get("/training/reviews/").content.decode()
    assert all(c.name in queue for c in (first, second, third)) and "已审过的培训班" not in queue
    response = client.post("/training/reviews/", {"ids": [first.pk, second.pk, already.pk, 999999],
                                                  "decision": "approve", "comment": "同意，转人社局"})
    page = response.content.decode()
    assert response.status_code == 200 and "成功 2 行，失败 2 行" in page
    assert "当前应由福州市人社局审核" in page  # the service's own refusal, in Chinese
    assert "不存在或不在您的管辖范围内" in page
    for done in (first, second):
        assert done.reviews.order_by("order")[0].status == ReviewStatus.APPROVED
        assert done.reviews.order_by("order")[1].status == ReviewStatus.PENDING
        assert any("审核同意" in m for m in _audits(done))  # one audit entry per class, by the service
    assert third.reviews.order_by("order")[0].status == ReviewStatus.PENDING  # not selected, not touched
    assert [m for m in _audits(already) if "审核同意" in m] == ["福州市卫健委审核同意，转福州市人社局审核"]
    assert len(_audits(already)) == before  # the refused row wrote nothing


def test_bulk_return_needs_a_comment_and_returns_each_class(scene: Scene) -> None:
    first, second = (submitted_class(scene, name=f"第{i}期培训班") for i in (1, 2))
    client = _client(scene.authority)
    refused = client.post("/training/reviews/", {"ids": [first.pk], "decision": "return", "comment": " "})
    assert "退回修改须填写修改意见" in refused.content.decode()
    assert TrainingClass.objects.get(pk=first.pk).status == ClassStatus.UNDER_REVIEW
    client.post("/training/reviews/", {"ids": [first.pk, second.pk], "decision": "return", "comment": "请补充教学计划"})
    assert set(TrainingClass.objects.filter(pk__in=[first.pk, second.pk]).values_list("status", flat=True)) == {
        ClassStatus.RETURNED}


def test_an_officer_outside_the_chain_gets_no_queue_and_changes_nothing(scene: Scene) -> None:
    training_class = submitted_class(scene)
    outsider = _client(scene.world.users["hr_quanzhou"])
    assert training_class.name not in outsider.get("/training/reviews/").content.decode()
    page = outsider.post("/training/reviews/", {"ids": [training_class.pk], "decision": "approve"}).content.decode()
    assert "成功 0 行，失败 1 行" in page
    assert training_class.reviews.order_by("order")[0].status == ReviewStatus.PENDING


def test_nothing_selected_is_a_clear_error(scene: Scene) -> None:
    submitted_class(scene)
    page = _client(scene.authority).post("/training/reviews/", {"decision": "approve"}).content.decode()
    assert "请至少勾选一行" in page


def test_bulk_recognition_recognises_each_submitted_class_and_refuses_the_rest(scene: Scene) -> None:
    """泉洛政人社[2017]27号 一（五）3: the approving bureau recognises the hours of a class submitted with
    its evidence; a class not yet submitted is refused with the service's reason."""
    from jxjy.records.models import LearningRecord
    from jxjy.training.services.recognition import recognition_submit

    from .test_recognition import _class_held, _upload_evidence

    training_class, (passing, _failing) = _class_held(scene)
    _upload_evidence(scene, training_class)
    recognition_submit(actor=scene.provider, training_class=training_class)
    not_submitted = submitted_class(scene, name="尚未申报的培训班")
    client = _client(scene.hr)
    assert training_class.name in client.get("/training/recognition/").content.decode()
    page = client.post("/training/recognition/", {"ids": [training_class.pk, not_submitted.pk]}).content.decode()
    assert "成功 1 行，失败 1 行" in page and "学时已认定，1人取得学时" in page and "不能认定学时" in page
    assert TrainingClass.objects.get(pk=training_class.pk).status == ClassStatus.RECOGNISED
    assert LearningRecord.objects.filter(professional=passing.professional).count() == 1
