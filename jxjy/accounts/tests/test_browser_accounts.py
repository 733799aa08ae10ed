"""The account pages and the error pages in a real browser at 1366 and 390 px: login, password
reset, activation by code, 403/404/500 — no horizontal overflow, no English or technical text.
With JXJY_SCREENSHOTS=<dir> the screenshots are kept for review."""

from __future__ import annotations

import os
import re

import pytest
from django.test import override_settings

from jxjy.accounts.activation import issue_codes
from jxjy.conftest import CHROMIUM_ARGS, login  # noqa: F401
from jxjy.people.models import Professional

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
ENGLISH = re.compile(r"\b(Page not found|Server Error|Forbidden|Bad Request|Traceback|DEBUG|Constraint|violated)\b")


def _page(browser, kind: str):  # type: ignore[no-untyped-def]
    options: dict = {"locale": "zh-CN", "viewport": WIDTHS[kind]}
    if kind == "phone":
        options |= {"is_mobile": True, "has_touch": True}
    page = browser.new_context(**options).new_page()
    page.set_default_timeout(15000)
    return page


def _check(page, name: str) -> None:  # type: ignore[no-untyped-def]
    width = page.evaluate("document.documentElement.scrollWidth")
    viewport = page.evaluate("window.innerWidth")
    assert width <= viewport, f"{name}: page {width}px wider than the {viewport}px screen"
    text = page.inner_text("body")
    assert not ENGLISH.search(text), f"{name}: {ENGLISH.search(text)}"
    folder = os.environ.get("JXJY_SCREENSHOTS")
    if folder:
        page.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


@pytest.mark.parametrize("kind", list(WIDTHS))
@override_settings(ROOT_URLCONF="jxjy.core.tests.error_urls")
def test_account_and_error_pages_fit_the_screen_in_chinese(world, browser, live_server, kind):
    page = _page(browser, kind)
    page.goto(f"{live_server.url}/accounts/login/")
    assert "用户名、身份证号或手机号" in page.inner_text("body")
    _check(page, f"accounts-login-{kind}")

    page.goto(f"{live_server.url}/accounts/password_reset/")
    _check(page, f"accounts-password-reset-{kind}")
    page.fill("#id_email", "nobody@example.gov.cn")
    page.click("button[type=submit]")
    page.wait_for_url(f"{live_server.url}/accounts/password_reset/done/")
    _check(page, f"accounts-password-reset-done-{kind}")

    teacher = Professional.objects.filter(pk=world.people["gl_teacher"].pk)
    [issued] = issue_codes(actor=world.users["unit_gl_hospital"], people=teacher)
    page.goto(f"{live_server.url}/accounts/activate/")
    page.fill("#id_id_number", world.people["gl_teacher"].id_number)
    page.fill("#id_code", "AAAAA-BBBBB")
    page.fill("#id_password1", "my-own-passphrase-2026")
    page.fill("#id_password2", "my-own-passphrase-2026")
    page.click("button[type=submit]")
    assert "激活码不正确" in page.inner_text("body")
    _check(page, f"accounts-activate-refused-{kind}")
    page.fill("#id_code", issued.code)
    page.fill("#id_password1", "my-own-passphrase-2026")
    page.fill("#id_password2", "my-own-passphrase-2026")
    page.click("button[type=submit]")
    assert "账号已激活" in page.inner_text("body")
    _check(page, f"accounts-activate-done-{kind}")

    for path, status in (("/no-such-page/", "404"), ("/verify/", "404"), ("/__forbidden__/", "403"),
                         ("/__boom__/", "500")):
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and str(response.status) == status
        assert f"错误代码 {status}" in page.inner_text("body")
        _check(page, f"error-{status}-{path.strip('/').replace('_', '') or 'root'}-{kind}")
    page.context.close()


@pytest.mark.parametrize("kind", list(WIDTHS))
def test_the_unit_activation_pages_fit_the_screen(world, browser, live_server, kind):
    page = _page(browser, kind)
    login(page, live_server, "unit_gl_hospital")
    page.goto(f"{live_server.url}/accounts/activation/")
    assert "林医生" in page.inner_text("body")
    _check(page, f"accounts-activation-list-{kind}")
    page.check("input[name=person]")
    with page.expect_navigation():
        page.click("text=为勾选人员打印激活码")
    assert re.search(r"[A-Z0-9]{5}-[A-Z0-9]{5}", page.inner_text("body"))
    _check(page, f"accounts-activation-slips-{kind}")
    page.context.close()
