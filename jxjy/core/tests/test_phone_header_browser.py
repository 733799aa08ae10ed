"""Phone first (issue 15 item 9): on a 390 px screen the header is one row — the system's name, 通知 with
its unread count and a 菜单 button — and the menu opens below it; on a wide screen the menu is shown and
the button is not. Screenshots under /tmp/shots/ (phone-header-*.png)."""

from __future__ import annotations

from pathlib import Path

import pytest

from jxjy.conftest import login
from jxjy.core.testing import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")  # noqa: S108


@pytest.mark.parametrize("username", ["unit_gl_hospital", "hr_fuzhou", "pro_gl_doctor"])
def test_on_a_phone_the_menu_folds_behind_one_button(live_server, phone_page, username):  # type: ignore[no-untyped-def]
    build_world()
    SHOTS.mkdir(exist_ok=True)
    login(phone_page, live_server, username)
    header = phone_page.locator("header.topbar")
    assert header.bounding_box()["height"] < 70  # type: ignore[index]
    assert not phone_page.locator("#site-nav").is_visible()
    assert phone_page.locator(".bell-phone").is_visible()
    phone_page.screenshot(path=str(SHOTS / f"phone-header-{username}-closed.png"))
    phone_page.click("#menu-toggle")
    assert phone_page.locator("#menu-toggle").get_attribute("aria-expanded") == "true"
    assert phone_page.locator("#site-nav nav.menu").is_visible()
    assert phone_page.get_by_role("button", name="退出").is_visible()
    phone_page.screenshot(path=str(SHOTS / f"phone-header-{username}-open.png"))
    assert phone_page.evaluate("document.documentElement.scrollWidth") <= 390
    phone_page.click("#menu-toggle")
    assert not phone_page.locator("#site-nav").is_visible()


def test_on_a_wide_screen_the_menu_is_shown_without_a_button(live_server, page):  # type: ignore[no-untyped-def]
    build_world()
    login(page, live_server, "hr_fuzhou")
    assert page.locator("#site-nav nav.menu").is_visible()
    assert not page.locator("#menu-toggle").is_visible()
    assert not page.locator(".bell-phone").is_visible()
