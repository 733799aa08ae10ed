"""Pages per role, public pages without login, plans, and notifications by mail."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core import mail
from django.test import Client

from jxjy.core.errors import ApplicationError
from jxjy.training.choices import ClassStatus, PlanStatus
from jxjy.training.models import TrainingPlan, TrainingSettings
from jxjy.training.services.plans import training_plan_approve, training_plan_create, training_plan_submit

from .conftest import approved_class, enrolled_class, noticed_class, submitted_class

pytestmark = pytest.mark.django_db


def _client(user) -> Client:  # type: ignore[no-untyped-def]
    client = Client()
    client.force_login(user)
    return client


PLAN_ITEM = {"name": "医疗质量培训", "class_type": "training", "audience": "卫生系列", "hours": 6, "runs": 1,
             "trainees": 50, "budget_source": "单位自筹"}


def test_the_annual_plan_is_due_by_the_end_of_february_27号_一五1(scene) -> None:  # type: ignore[no-untyped-def]
    plan = training_plan_create(actor=scene.provider, year=2026, items=[PLAN_ITEM])
    scene.clock.set(dt.date(2026, 3, 1))
    with pytest.raises(ApplicationError, match="应于2026年2月28日前报送，已逾期"):
        training_plan_submit(actor=scene.provider, plan=plan)
    scene.clock.set(dt.date(2026, 2, 28))
    training_plan_submit(actor=scene.provider, plan=plan)
    training_plan_approve(actor=scene.hr, plan=plan)
    plan.refresh_from_db()
    assert plan.status == PlanStatus.APPROVED
    assert "医疗质量培训" in Client().get("/training/plans/published/?year=2026").content.decode()


def test_the_plan_deadline_is_configurable_per_bureau(scene) -> None:  # type: ignore[no-untyped-def]
    TrainingSettings.objects.filter(hr_bureau=scene.world.bureaus["350100"]).update(plan_deadline_month=3, plan_deadline_day=15)
    plan = training_plan_create(actor=scene.provider, year=2026, items=[PLAN_ITEM])
    scene.clock.set(dt.date(2026, 3, 10))
    assert training_plan_submit(actor=scene.provider, plan=plan).status == PlanStatus.SUBMITTED


def test_a_class_outside_an_approved_plan_is_flagged(scene) -> None:  # type: ignore[no-untyped-def]
    scene.clock.set(dt.date(2026, 2, 1))
    plan = training_plan_create(actor=scene.provider, year=2026, items=[PLAN_ITEM])
    training_plan_submit(actor=scene.provider, plan=plan)
    training_plan_approve(actor=scene.hr, plan=plan)
    flagged = submitted_class(scene)
    page = _client(scene.authority).get(f"/training/classes/{flagged.pk}/").content.decode()
    assert "不在已公布的年度计划内" in page
    from jxjy.training.services.classes import training_class_update

    assert TrainingPlan.objects.get().items.count() == 1
    _ = training_class_update


def test_the_public_notice_page_needs_no_login_and_takes_objections(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    anonymous = Client()
    listing = anonymous.get("/training/notices/").content.decode()
    assert training_class.name in listing
    notice_url = f"/training/notices/{training_class.notice.pk}/"
    response = anonymous.post(notice_url, {"name": "张三", "contact": "13900000000", "reason": "收费过高"})
    assert response.status_code == 302
    assert training_class.notice.objections.get().reason == "收费过高"
    officer_page = _client(scene.hr).get(f"/training/classes/{training_class.pk}/").content.decode()
    assert "收费过高" in officer_page and "有 1 条异议待处理" in officer_page


def test_every_role_sees_its_pages(scene) -> None:  # type: ignore[no-untyped-def]
    training_class, (trainee, _) = enrolled_class(scene)
    for name in ("provider_fz", "hr_fuzhou", "auth_fz_health", "unit_gl_hospital", "pro_gl_doctor", "hr_province"):
        client = _client(scene.world.users[name])
        for url in ("/training/", f"/training/classes/{training_class.pk}/", "/notifications/"):
            assert client.get(url).status_code == 200, (name, url)
    provider = _client(scene.provider)
    assert provider.get("/training/classes/new/").status_code == 200
    assert provider.get("/training/plans/new/").status_code == 200
    item = training_class.schedule.first()
    qr = provider.get(f"/training/classes/{training_class.pk}/sessions/{item.pk}/qr/in/")
    assert qr.status_code == 200 and "<svg" in qr.content.decode()
    assert _client(trainee).get(f"/training/classes/{training_class.pk}/sessions/{item.pk}/qr/in/").status_code == 403
    export = provider.get(f"/training/classes/{training_class.pk}/roster.xlsx")
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_the_application_form_creates_a_class_with_its_schedule(scene) -> None:  # type: ignore[no-untyped-def]
    provider = _client(scene.provider)
    data = {
        "class_type": "training", "name": "表单测试班", "start_date": "2026-04-01", "end_date": "2026-04-01",
        "place": "福州", "contact": "王", "phone": "0591-87654321", "total_hours": "3", "runs": "1", "trainees_per_run": "10",
        "subject": "public", "form": "centralized", "audience": "全体", "teaching_plan": "讲授", "funding_source": "自筹",
        "target_region": "350102", "pass_mark": "60", "schedule-TOTAL_FORMS": "2", "schedule-INITIAL_FORMS": "0", "schedule-MIN_NUM_FORMS": "1",
        "schedule-MAX_NUM_FORMS": "1000", "schedule-0-date": "2026-04-01", "schedule-0-half_day": "am",
        "schedule-0-content": "政策解读", "schedule-0-hours": "3", "schedule-0-teacher_name": "赵老师",
        "schedule-0-teacher_title": "教授", "schedule-0-teacher_unit": "福州大学",
    }
    response = provider.post("/training/classes/new/", data)
    assert response.status_code == 302, response.content.decode()[:2000]
    detail = provider.get(response["Location"]).content.decode()
    assert "表单测试班" in detail and "政策解读" in detail
    assert '<dd id="target-region">福建省福州市鼓楼区</dd>' in detail  # 泉洛政人社[2017]27号 一（五）1: the audience's region


def test_the_application_form_offers_only_regions_above_or_below_the_organiser(scene) -> None:  # type: ignore[no-untyped-def]
    """The class's target region (培训对象所在地区) decides its review chain (泉洛政人社[2017]27号 一（五）1);
    a 福州 organiser may name 福州, its districts or 福建省, not 洛江."""
    page = _client(scene.provider).get("/training/classes/new/").content.decode()
    assert '<option value="350102">福建省福州市鼓楼区</option>' in page
    assert '<option value="350000">福建省</option>' in page
    assert '<option value="350100" selected>福建省福州市</option>' in page
    assert "洛江" not in page


def test_a_review_page_action_moves_the_class_on(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    response = _client(scene.authority).post(f"/training/classes/{training_class.pk}/do/return/",
                                             {"comment": "请补充师资"})
    assert response.status_code == 302
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.RETURNED


def test_whoever_something_awaits_gets_a_notification_and_an_email(scene, django_capture_on_commit_callbacks) -> None:  # type: ignore[no-untyped-def]
    scene.authority.email = "auth@example.org"
    scene.authority.save()
    with django_capture_on_commit_callbacks(execute=True):
        submitted_class(scene)
    assert [m.to for m in mail.outbox] == [["auth@example.org"]]
    assert "办班申请待审核" in mail.outbox[0].subject
    assert "办班申请待审核" in _client(scene.authority).get("/notifications/").content.decode()


def test_approved_class_page_shows_the_numbers(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = approved_class(scene)
    page = _client(scene.provider).get(f"/training/classes/{training_class.pk}/").content.decode()
    assert "继教〔2026〕001号" in page and "2026000001 至 2026000003" in page


def test_an_authority_files_its_professional_subject_plan_with_the_bureau_常人社发2011_11号_第十六条(scene) -> None:  # type: ignore[no-untyped-def]
    scene.clock.set(dt.date(2026, 1, 10))
    plan = training_plan_create(actor=scene.authority, year=2026, items=[PLAN_ITEM])
    assert (plan.industry_authority, plan.hr_bureau) == (scene.world.fz_health, scene.world.bureaus["350100"])
    assert training_plan_submit(actor=scene.authority, plan=plan).status == PlanStatus.SUBMITTED
    assert [p.pk for p in TrainingPlan.objects.all()] == [plan.pk]
    assert _client(scene.hr).get(f"/training/plans/{plan.pk}/").status_code == 200
    assert _client(scene.world.users["hr_quanzhou"]).get(f"/training/plans/{plan.pk}/").status_code == 404


def test_a_bureau_may_set_another_plan_deadline_温经贸培训2009_74号_四(scene) -> None:  # type: ignore[no-untyped-def]
    # 温州: county plans are filed by 31 May.
    TrainingSettings.objects.filter(hr_bureau=scene.world.bureaus["350100"]).update(plan_deadline_month=5)
    plan = training_plan_create(actor=scene.provider, year=2026, items=[PLAN_ITEM])
    scene.clock.set(dt.date(2026, 6, 1))
    with pytest.raises(ApplicationError, match="应于2026年5月31日前报送"):
        training_plan_submit(actor=scene.provider, plan=plan)


def test_the_class_list_costs_a_fixed_number_of_queries(scene, django_assert_max_num_queries) -> None:  # type: ignore[no-untyped-def]
    for _ in range(3):
        submitted_class(scene)
    client = _client(scene.hr)
    with django_assert_max_num_queries(12):
        page = client.get("/training/")
    assert page.content.decode().count("医疗质量与安全管理培训班") == 3
    with django_assert_max_num_queries(12):
        assert len(client.get("/api/v1/training/classes").json()["items"]) == 3


def test_pages_ask_anonymous_visitors_to_log_in_and_refuse_actions_to_the_wrong_role(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = submitted_class(scene)
    anonymous = Client()
    for url in ("/training/", f"/training/classes/{training_class.pk}/", "/training/plans/", "/notifications/"):
        response = anonymous.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], url
    assert anonymous.post(f"/training/classes/{training_class.pk}/do/approve/").status_code == 302
    # The provider can see its class but cannot review it; the refusal is shown, nothing changes.
    provider = _client(scene.provider)
    response = provider.post(f"/training/classes/{training_class.pk}/do/approve/", follow=True)
    assert "当前应由福州市卫健委审核" in response.content.decode()
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.UNDER_REVIEW
    assert _client(scene.world.users["pro_gl_doctor"]).get("/training/classes/new/").status_code == 403
