"""待办 of the training workflow on the home page (issue 15 item 3), counted from real classes walked
through the services: 榕人专〔2009〕145号 附件1 (申报、审核), 附件2 (公示与异议), 泉洛政人社[2017]27号 一（五）3
(学时认定)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from jxjy.core.worklist import todo_for
from jxjy.notifications.deadlines import deadlines_for
from jxjy.training.services.notice import objection_file
from jxjy.training.services.review import class_review_return

from .conftest import Scene, approved_class, noticed_class, submitted_class

pytestmark = pytest.mark.django_db


def _todo(user: Any) -> dict[str, int]:
    return {item.label: item.count for item in todo_for(user)}


def _home(user: Any) -> str:
    client = Client()
    client.force_login(user)
    return client.get("/").content.decode()


def test_the_first_reviewer_sees_the_application_waiting_for_them_and_nobody_else_does(scene: Scene) -> None:
    """附件1: the application goes to the supervising authority first, then to the city bureau."""
    submitted_class(scene)
    submitted_class(scene, name="护理质量培训班")
    assert _todo(scene.authority)["办班申请待审核"] == 2
    assert "办班申请待审核" not in _todo(scene.hr)  # not its step yet
    assert "办班申请待审核" not in _todo(scene.world.users["hr_quanzhou"])
    page = _home(scene.authority)
    assert re.search(r"办班申请待审核.*?<span class=\"count\">2</span>", page, re.S)
    assert "/training/reviews/" in page and "暂无" not in page


def test_the_approving_bureau_sees_notices_ending_and_objections_to_answer(scene: Scene) -> None:
    training_class = noticed_class(scene)
    notice = training_class.notice
    objection_file(notice=notice, name="张三", contact="13800000000", reason="收费过高", ip="10.0.0.1")
    scene.clock.set(notice.ends_on - dt.timedelta(days=1))
    todo = _todo(scene.hr)
    assert todo["公示即将期满"] == 1 and todo["公示异议待处理"] == 1
    assert "公示异议待处理" not in _todo(scene.world.users["hr_quanzhou"])


def test_the_provider_sees_returned_applications_and_ended_classes_to_submit_for_recognition(scene: Scene) -> None:
    returned = submitted_class(scene, name="退回的培训班")
    class_review_return(actor=scene.authority, training_class=returned, comment="请补充教学计划")
    training_class = approved_class(scene)
    scene.clock.set(training_class.end_date + dt.timedelta(days=2))
    todo = _todo(scene.provider)
    assert todo["办班申请被退回待修改"] == 1 and todo["培训已结束待申报学时认定"] == 1
    [deadline] = [d for d in deadlines_for(user=scene.provider, on=training_class.end_date + dt.timedelta(days=2))
                  if d.key.startswith("recognition")]
    # Ended 18 March; 福州's rule set states no recognition period, so the default 30 days (the same as
    # 泉洛政人社[2017]27号 一（五）3), which says it is one.
    assert deadline.label == "“医疗质量与安全管理培训班”学时认定申报" and deadline.due == dt.date(2026, 4, 17)
    assert deadline.basis.startswith("默认（default）")
    assert ">培训已结束待申报学时认定<" in _home(scene.provider).replace("<br>", "<")


def test_an_officers_home_page_costs_a_bounded_number_of_queries(scene: Scene) -> None:
    for i in range(3):
        submitted_class(scene, name=f"培训班{i}")
    client = Client()
    client.force_login(scene.authority)
    client.get("/")  # warms the caches (rule sets, the session's refresh) so that the two below compare
    with CaptureQueriesContext(connection) as few:
        client.get("/")
    for i in range(3, 8):
        submitted_class(scene, name=f"培训班{i}")
    with CaptureQueriesContext(connection) as more:
        page = client.get("/").content.decode()
    assert re.search(r"办班申请待审核.*?<span class=\"count\">8</span>", page, re.S)
    assert len(more.captured_queries) == len(few.captured_queries)  # counts, not rows
    assert len(more.captured_queries) <= 40
