"""Issue 15, Done when: on a freshly loaded demo database every demo role logs in through the real page
and finds a non-empty 待办 and no 暂无 on its home page, at 1366 and 390 px without horizontal overflow
(screenshots under /tmp/shots/demo-role-*.png)."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.core.management import call_command

from jxjy.conftest import login
from jxjy.demo.build import demo_password

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")  # noqa: S108


def test_every_demo_role_finds_work_waiting_on_its_home_page(live_server, browser, capsys):  # type: ignore[no-untyped-def]
    call_command("load_demo", "--scale", "0.2")
    printed = capsys.readouterr().out
    usernames = [line.split()[0] for line in printed.splitlines() if line.startswith("  ")]
    assert len(usernames) >= 14, printed
    SHOTS.mkdir(exist_ok=True)
    for width in (1366, 390):
        context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
        page = context.new_page()
        for username in usernames:
            login(page, live_server, username, demo_password())
            items = page.locator("#todo ul.todo li")
            assert items.count() > 0, f"{username}: 待办 is empty"
            assert "暂无" not in page.locator("main").inner_text(), username
            assert page.evaluate("document.documentElement.scrollWidth") <= width, username
            page.screenshot(path=str(SHOTS / f"demo-role-{username}-{width}.png"), full_page=True)
            context.clear_cookies()  # the next role logs in afresh
        context.close()
