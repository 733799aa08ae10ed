"""Browser journey: an HR officer revokes a base (摘牌, 常人社发〔2011〕11号 第二十五条), chooses to revoke the
hours of one of its classes, sees the preview of the affected people, confirms, and the affected
person's standing shows 未达标 (榕人专〔2009〕145号 一: 72 学时 a year). Screenshots at 1366 and 390 px."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import pytest

from jxjy.conftest import login
from jxjy.core.testing import World
from jxjy.records.models import LearningRecord, StandingVerdict
from jxjy.records.standing_selectors import standing_of

from .test_revocation import recognised_class_scene

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path(os.environ.get("REVOCATION_SHOTS", "/tmp/shots"))


def shot(page: Any, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def test_an_officer_revokes_a_base_previews_the_affected_people_confirms_and_the_person_is_short(
    world: World, live_server: Any, browser: Any, phone_page: Any, monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, training_class = recognised_class_scene(world, monkeypatch)
    context = browser.new_context(locale="zh-CN", viewport={"width": 1366, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    url = live_server.url

    login(page, live_server, "hr_fuzhou")
    page.goto(f"{url}/providers/bases/{base.pk}/")
    page.click("text=摘牌…")
    page.fill("#reason", "乱收费、乱发证")
    page.check("input[type=radio][name=decision][value=revoke]")
    page.check(f"#class-{training_class.pk}")
    shot(page, "revocation-form-1366")
    page.click("button[value=preview]")
    page.wait_for_selector("#preview")
    preview = page.inner_text("#preview")
    assert "尚未保存任何内容" in preview
    assert page.inner_text("#affected-people") == "2" and page.inner_text("#becoming-short") == "1"
    assert "林医生" in preview and "将未达标" in preview and "陈工" in preview
    shot(page, "revocation-preview-1366")
    assert LearningRecord.objects.filter(status="revoked").count() == 0   # the preview wrote nothing

    # the same preview on a phone
    login(phone_page, live_server, "hr_fuzhou")
    phone_page.goto(f"{url}/providers/bases/{base.pk}/revocation/?decision=revoke&period_from=2026-03-01&period_to=2026-03-31")
    assert phone_page.is_checked(f"#class-{training_class.pk}")
    phone_page.fill("#reason", "乱收费、乱发证")
    shot(phone_page, "revocation-form-390")
    phone_page.click("button[value=preview]")
    phone_page.wait_for_selector("#preview")
    shot(phone_page, "revocation-preview-390")

    page.click("button[value=confirm]")
    page.wait_for_selector("text=已摘牌并发布公告；撤销了1个培训班的学时")
    assert "已摘牌" in page.inner_text("main")

    standing = standing_of(professional=world.people["gl_doctor"], year=2026)
    assert standing is not None and standing.verdict == StandingVerdict.SHORT
    page.goto(f"{url}/people/?year=2026&q=林医生")
    row = page.locator("tr", has_text="林医生")
    assert "未达标（差 2 学时）" in row.inner_text()
    shot(page, "revocation-person-short-1366")
    context.close()
