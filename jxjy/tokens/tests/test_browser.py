"""The token page and the one verification page in Chromium at 1366 and 390 px: the secret shown once,
no horizontal overflow, a signed certificate verified."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from jxjy.conftest import login
from jxjy.credentials.issue import certificate_code
from jxjy.records.services import certificate_issue
from jxjy.records.tests.helpers import recognised

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")


def _shot(page: Any, name: str) -> None:
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


@pytest.mark.parametrize("width", [1366, 390])
def test_an_officer_creates_a_token_sees_it_once_and_revokes_it(world, live_server, browser, width: int) -> None:  # type: ignore[no-untyped-def]
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    login(page, live_server, "hr_gulou")
    page.goto(f"{live_server.url}/tokens/")
    page.fill("#id_name", "单位人事系统对接")
    page.check("input[value='people:read']")
    page.check("input[value='records:write']")
    with page.expect_navigation():
        page.click("button:has-text('创建令牌')")
    secret = page.inner_text("code.secret")
    assert secret.startswith("jxjy_") and len(secret) > 40
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _shot(page, f"tokens-created-{width}")
    page.goto(f"{live_server.url}/tokens/")
    assert page.locator("code.secret").count() == 0  # shown once
    page.click("button:has-text('吊销')")
    assert "已吊销" in page.inner_text("table")
    _shot(page, f"tokens-revoked-{width}")
    context.close()


@pytest.mark.parametrize("width", [1366, 390])
def test_a_signed_certificate_verifies_on_the_one_page(world, live_server, browser, width: int) -> None:  # type: ignore[no-untyped-def]
    person = world.people["gl_doctor"]
    recognised(person, dt.date(2025, 3, 1), hours=12, course="急诊医学新进展")
    certificate = certificate_issue(actor=world.users["hr_gulou"], professional=person)
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.goto(f"{live_server.url}/verify/{certificate_code(certificate)}")
    assert page.get_attribute("#verify-state", "data-state") == "valid"
    assert "电子签名校验通过" in page.inner_text("main")
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    _shot(page, f"verify-signed-{width}")
    context.close()
