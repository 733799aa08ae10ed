"""Browser journey (issue 6 "Done when"): a provider applies for accreditation, a city officer accredits it,
a class outside its scope is refused (办班范围自查, the same check the class application uses), an inspection
orders rectification, the deadline passes unmet and the revocation appears on the public page
(榕人专〔2009〕145号 五; 常人社发〔2011〕11号 第二十五条; 河南 2012 六(二))."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from jxjy.conftest import login
from jxjy.core.testing import World
from jxjy.providers.models import CEBase
from jxjy.providers.services.inspections import rectifications_process

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("PROVIDERS_SHOTS", "/tmp/providers-shots"))


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def switch_user(page: Any, live_server: Any, username: str | None) -> None:
    page.context.clear_cookies()
    if username:
        login(page, live_server, username)


def test_accredit_refuse_out_of_scope_rectify_then_revoke_on_the_public_page(
    world: World, live_server: Any, page: Any, phone_page: Any
) -> None:
    url = live_server.url
    today = timezone.localdate()
    inspected_on = today - dt.timedelta(days=40)  # the inspection happened 40 days ago …
    deadline = today - dt.timedelta(days=1)  # … with a deadline that passed yesterday

    # 1. the provider applies for a city-tier base, scope 卫生系列 专业科目 集中培训
    login(page, live_server, "provider_fz")
    page.goto(f"{url}/providers/applications/new/")
    page.select_option("#id_tier", "city")
    page.check("input[name=scope_series][value=health]")
    page.check("input[name=scope_subjects][value=professional]")
    page.check("input[name=scope_forms][value=centralized]")
    page.fill("#id_facilities", "多媒体教室3间，200座报告厅")
    page.fill("#id_places", "福州市鼓楼区五四路100号")
    page.fill("#id_full_time_teachers", "5")
    page.fill("#id_part_time_teachers", "12")
    page.fill("#id_management_rules", "考勤制度、收费公示制度、证书管理制度")
    shot(page, "application-form-desktop")
    page.click("button[name=submit]")
    page.wait_for_selector("text=已提交认定申请")
    assert "待审核" in page.inner_text("main")

    # 2. the city officer accredits it (授牌)
    switch_user(page, live_server, "hr_fuzhou")
    page.goto(f"{url}/providers/applications/")
    page.click("text=福州市继续教育基地")
    page.select_option("#id_decision", "accredit")
    page.fill("#id_valid_from", (today - dt.timedelta(days=60)).isoformat())
    page.click("#decide button[type=submit]")
    page.wait_for_selector("text=已认定授牌")
    base = CEBase.objects.get()
    assert base.number in page.inner_text("main")

    # 3. a class outside the accredited scope is refused, naming the scope
    switch_user(page, live_server, "provider_fz")
    page.goto(f"{url}/providers/scope-check/")
    page.check("input[name=series][value=engineering]")
    page.select_option("#id_subject", "professional")
    page.select_option("#id_form", "centralized")
    page.fill("#id_total_hours", "8")
    page.click("form.card button[type=submit]")
    result = page.inner_text("#check-result")
    assert "该机构认定的办学范围为：卫生系列 专业科目 集中培训，不包括工程技术系列" in result
    shot(page, "scope-check-desktop")

    # 4. the inspection orders rectification by a deadline
    switch_user(page, live_server, "hr_fuzhou")
    page.goto(f"{url}/providers/bases/{base.pk}/")
    page.click("text=登记年检/评估验收")
    assert "办班期数" in page.inner_text("main")  # facts the system holds, prefilled
    for field in ("score_running", "score_management", "score_development", "score_quality", "score_certificates"):
        page.fill(f"#id_{field}", "10")
    page.fill("#id_inspected_on", inspected_on.isoformat())
    page.fill("#id_findings", "考勤不严，证书登记滞后")
    page.select_option("#id_outcome", "rectify")
    page.fill("#id_rectification_deadline", deadline.isoformat())
    page.fill("#id_rectification_requirements", "健全考勤制度，补登证书")
    shot(page, "inspection-form-desktop")
    page.click("text=登记结论")
    page.wait_for_selector("text=已登记年检结论")
    assert "限期整改中" in page.inner_text("main")
    shot(page, "base-detail-desktop")

    # 5. the deadline passed unmet: today's daily processing (manage.py providers_daily) revokes the base
    assert rectifications_process(on=today)["revoked"] == 1

    # 6. the public page (no login) shows the revocation and its announcement
    switch_user(page, live_server, None)
    page.goto(f"{url}/providers/public/{base.provider_id}/")
    text = page.inner_text("main")
    assert "已摘牌" in text
    assert "关于取消福州市继续教育基地市级继续教育基地资格的公告" in text
    assert "逾期未整改" in text
    assert "失信（D级）" in page.inner_text("#credit-grade")
    shot(page, "public-provider-desktop")
    page.goto(f"{url}/providers/public/")
    assert "已摘牌" in page.inner_text("main")
    assert "关于取消福州市继续教育基地市级继续教育基地资格的公告" in page.inner_text("main")
    shot(page, "public-list-desktop")

    phone_page.goto(f"{url}/providers/public/{base.provider_id}/")
    assert "已摘牌" in phone_page.inner_text("main")
    shot(phone_page, "public-provider-phone")
    from jxjy.providers.services.teachers import teacher_create, teacher_training_record

    teacher = teacher_create(actor=world.users["provider_fz"], provider=world.fz_provider, name="王教授",
                             employment="full_time", title="主任医师", unit="福建医科大学", specialties="急救医学，心血管",
                             shared=True)
    teacher_training_record(actor=world.users["provider_fz"], teacher=teacher, start_date=today.replace(month=1, day=5),
                            end_date=today.replace(month=1, day=14), days=10, content="研修", organiser="省卫健委")
    login(phone_page, live_server, "hr_fuzhou")
    phone_page.goto(f"{url}/providers/bases/{base.pk}/")
    shot(phone_page, "base-detail-phone")
    phone_page.goto(f"{url}/providers/teachers/")
    assert "10/30天" in phone_page.inner_text("main")
    shot(phone_page, "teachers-phone")
    page.goto(f"{url}/providers/public/{base.provider_id}/")
    assert "王教授" in page.inner_text("main")
