"""Pages and API: jurisdiction of lists and details (missing and forbidden both 404), public pages without
login (河南 2012 六(二)), and the forms driving the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse

from jxjy.core.testing import World
from jxjy.providers.models import BaseApplication, CEBase
from jxjy.providers.services.fees import fee_standard_create
from jxjy.providers.services.teachers import teacher_create

from .conftest import SCORES_POOR


@pytest.fixture
def pages(world: World, fz_base: CEBase) -> dict[str, str]:
    teacher = teacher_create(actor=world.users["provider_fz"], provider=world.fz_provider, name="王教授",
                             employment="full_time", title="主任医师", unit="医大", specialties="急救")
    return {
        "base": reverse("providers:base_detail", args=[fz_base.pk]),
        "application": reverse("providers:application_detail", args=[fz_base.application_id]),
        "inspect": reverse("providers:inspection_create", args=[fz_base.pk]),
        "teacher": reverse("providers:teacher_detail", args=[teacher.pk]),
        "credit": reverse("providers:credit_record", args=[world.fz_provider.pk]),
        "api_base": f"/api/v1/ce-bases/{fz_base.pk}",
        "api_application": f"/api/v1/ce-bases/applications/{fz_base.application_id}",
    }


@pytest.mark.parametrize("user,visible", [
    ("hr_province", True), ("hr_fuzhou", True), ("auth_fz_health", True), ("provider_fz", True),
    ("hr_quanzhou", False), ("hr_gulou", False), ("unit_gl_hospital", False), ("pro_gl_doctor", False),
])
def test_details_outside_jurisdiction_are_404(client_for: Any, pages: dict[str, str], user: str, visible: bool) -> None:
    client = client_for(user)
    for name in ("base", "application", "teacher", "credit", "api_base", "api_application"):
        status = client.get(pages[name]).status_code
        assert status == (200 if visible else 404), (name, status)


def test_lists_show_only_what_is_in_jurisdiction(client_for: Any, fz_base: CEBase) -> None:
    assert fz_base.number in client_for("hr_fuzhou").get(reverse("providers:base_list")).content.decode()
    assert fz_base.number not in client_for("hr_quanzhou").get(reverse("providers:base_list")).content.decode()
    assert client_for("hr_quanzhou").get("/api/v1/ce-bases/").json()["count"] == 0
    assert client_for("hr_fuzhou").get("/api/v1/ce-bases/").json()["count"] == 1
    assert str(fz_base.provider) not in client_for("hr_quanzhou").get(
        reverse("providers:application_list")).content.decode()


def test_only_the_accrediting_bureau_may_open_the_inspection_form(client_for: Any, pages: dict[str, str]) -> None:
    assert client_for("hr_fuzhou").get(pages["inspect"]).status_code == 200
    assert client_for("hr_province").get(pages["inspect"]).status_code == 404  # sees the base, may not inspect it


def test_public_pages_need_no_login_and_show_what_henan_2012_6_2_asks(world: World, fz_base: CEBase) -> None:
    fee_standard_create(actor=world.users["hr_fuzhou"], region=world.fuzhou, document_no="榕价费[2008]40号",
                        title="收费标准", valid_from=dt.date(2008, 6, 1), caps=[("training", "per_hour", Decimal(10))])
    teacher_create(actor=world.users["provider_fz"], provider=world.fz_provider, name="王教授", employment="full_time",
                   title="主任医师", unit="医大", specialties="急救")
    from django.utils import timezone

    from jxjy.training.models import TrainingClass

    today = timezone.localdate()
    TrainingClass.objects.create(
        provider=world.fz_provider, name="全科医师急救技能培训班", start_date=today, end_date=today, place="五四路100号",
        contact="张", phone="1", total_hours=Decimal(8), trainees_per_run=30, subject="professional", audience="医师",
        teaching_plan="x", funding_source="自筹", charges_fee=True, fee_per_person=Decimal(80), status="approved",
        created_by=world.users["provider_fz"])
    anonymous = Client()
    listing = anonymous.get(reverse("providers:public_list")).content.decode()
    assert "福州市继续教育基地" in listing and "守信（A级）" in listing
    page = anonymous.get(reverse("providers:public_provider", args=[world.fz_provider.pk])).content.decode()
    for expected in (fz_base.number, "卫生系列 专业科目 集中培训", "王教授", "榕价费[2008]40号", "多媒体教室",
                     "五四路100号", "守信（A级）", "全科医师急救技能培训班", "80.00", "关于认定福州市继续教育基地为市级继续教育基地的公告"):
        assert expected in page, expected
    assert anonymous.get(reverse("providers:public_provider", args=[world.qz_provider.pk])).status_code == 404
    assert anonymous.get("/api/v1/ce-bases/public/credit").json()[0]["grade"] == "A"
    assert anonymous.get(reverse("providers:base_list")).status_code == 302  # management pages need login


def test_the_application_form_and_the_decision_form(world: World, client_for: Any) -> None:
    provider = client_for("provider_fz")
    response = provider.post(reverse("providers:application_create"), {
        "tier": "city", "scope_series": ["health"], "scope_subjects": ["professional"], "scope_forms": ["centralized"],
        "facilities": "教室", "places": "福州", "full_time_teachers": 3, "part_time_teachers": 5,
        "management_rules": "制度", "submit": "1"})
    application = BaseApplication.objects.get()
    assert response.status_code == 302 and application.status == "submitted"
    refused = client_for("hr_province").post(reverse("providers:application_detail", args=[application.pk]),
                                             {"decision": "accredit"})
    assert "市级继续教育基地由福州市人社局认定" in refused.content.decode()
    ok = client_for("hr_fuzhou").post(reverse("providers:application_detail", args=[application.pk]),
                                      {"decision": "accredit", "valid_to": "2029-12-31"})
    base = CEBase.objects.get()
    assert ok.status_code == 302 and base.valid_to == dt.date(2029, 12, 31)


def test_the_scope_self_check_page_uses_the_class_check(world: World, client_for: Any, fz_base: CEBase) -> None:
    response = client_for("provider_fz").post(reverse("providers:scope_check"), {
        "class_type": "training", "series": ["engineering"], "subject": "professional", "form": "centralized",
        "total_hours": "8", "fee_per_person": "", "fee_licence_no": "", "on": "2026-06-01"})
    assert "该机构认定的办学范围为：卫生系列 专业科目 集中培训，不包括工程技术系列" in response.content.decode()


def test_the_inspection_page_prefills_facts_and_orders_rectification(world: World, client_for: Any,
                                                                     fz_base: CEBase) -> None:
    client = client_for("hr_fuzhou")
    url = reverse("providers:inspection_create", args=[fz_base.pk])
    assert "办班期数" in client.get(url).content.decode()
    data = {"year": 2026, "inspected_on": "2026-11-20", "findings": "考勤不严", "outcome": "rectify",
            "rectification_deadline": "2026-12-31", "rectification_requirements": "健全考勤",
            **{k: str(v) for k, v in SCORES_POOR.items()}}
    assert client.post(url, data).status_code == 302
    fz_base.refresh_from_db()
    assert fz_base.status == "rectifying"


def test_api_class_check_and_credit_events(world: World, client_for: Any, fz_base: CEBase) -> None:
    body = {"provider_id": world.fz_provider.pk, "class_type": "training", "series": ["health"], "subject": "public",
            "form": "centralized", "total_hours": "8", "on": "2026-06-01"}
    result = client_for("provider_fz").post("/api/v1/ce-bases/class-check", body, content_type="application/json").json()
    assert result["ok"] is False and "不包括公需科目" in result["problems"][0]["message"]
    assert client_for("hr_quanzhou").post("/api/v1/ce-bases/class-check", body,
                                          content_type="application/json").status_code == 404
    event = {"kind": "commendation", "occurred_on": "2026-06-01", "source": "市人社局表彰文件"}
    url = f"/api/v1/ce-bases/providers/{world.fz_provider.pk}/credit-events"
    assert client_for("provider_fz").post(url, event, content_type="application/json").status_code == 403
    assert client_for("hr_fuzhou").post(url, event, content_type="application/json").status_code == 201


def test_reminders_are_personal(world: World, client_for: Any, fz_base: CEBase) -> None:
    from jxjy.providers.services.inspections import inspection_record

    inspection_record(actor=world.users["hr_fuzhou"], base=fz_base, year=2026, scores=SCORES_POOR, findings="x",
                      outcome="rectify", inspected_on=dt.date(2026, 11, 20), rectification_deadline=dt.date(2026, 12, 31),
                      rectification_requirements="y")
    assert "被责令于2026年12月31日前完成整改" in client_for("provider_fz").get(reverse("providers:reminders")).content.decode()
    assert "被责令" not in client_for("hr_province").get(reverse("providers:reminders")).content.decode()


