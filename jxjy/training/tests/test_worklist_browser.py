"""The reviewer's working day in a real browser (Chromium), at 1366 and 390 px: the home page's 待办,
the notifications with the unread badge, and 批量初审 with a result per row (issue 15 items 3–5;
榕人专〔2009〕145号 附件1: the supervising authority reviews first). With JXJY_SCREENSHOTS=<dir> the
pages are kept as screenshots."""

from __future__ import annotations

import os

import pytest

from jxjy.conftest import login

from .conftest import Clock, Scene, accredit_broadly, submitted_class

WIDTHS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}


def _shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    folder = os.environ.get("JXJY_SCREENSHOTS")
    if folder:
        pg.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _no_horizontal_overflow(pg) -> None:  # type: ignore[no-untyped-def]
    """Nothing of the page sticks out sideways (wide tables scroll inside their own box)."""
    overflow = pg.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 0, f"页面横向溢出 {overflow}px"


@pytest.mark.browser
@pytest.mark.parametrize("size", list(WIDTHS))
def test_a_reviewer_sees_todo_reads_notifications_and_reviews_in_bulk(  # type: ignore[no-untyped-def]
        size, live_server, transactional_db, world, browser, monkeypatch):
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    accredit_broadly(world)
    scene = Scene(world, Clock(monkeypatch))
    classes = [submitted_class(scene, name=f"第{i}期医疗质量管理培训班") for i in (1, 2, 3)]
    options: dict[str, object] = {"locale": "zh-CN", "viewport": WIDTHS[size]}
    if size == "phone":
        options |= {"is_mobile": True, "has_touch": True}
    pg = browser.new_context(**options).new_page()
    pg.set_default_timeout(15000)
    login(pg, live_server, "auth_fz_health")

    todo = pg.locator("#todo")
    assert "办班申请待审核" in todo.inner_text() and "3" in todo.locator(".count").first.inner_text()
    assert pg.locator(".unread-badge >> visible=true").inner_text() == "3"  # one notification per submitted application
    _no_horizontal_overflow(pg)
    _shot(pg, f"home-todo-{size}")

    pg.click("a.bell >> visible=true")
    assert pg.locator("#notifications tbody tr.unread").count() == 3
    _no_horizontal_overflow(pg)
    _shot(pg, f"notifications-{size}")
    pg.locator("#notifications tbody a").first.click()  # opening one reads it
    pg.goto(f"{live_server.url}/notifications/")
    assert pg.locator(".unread-badge >> visible=true").inner_text() == "2"

    pg.goto(f"{live_server.url}/training/reviews/")
    pg.check("input[data-select-all]")
    assert pg.locator("[data-selected-count]").inner_text() == "3"
    pg.uncheck(f"input[name=ids][value='{classes[2].pk}']")
    pg.select_option("select[name=decision]", "approve")
    pg.fill("input[name=comment]", "同意，转人社局")
    pg.click(".bulk-bar button[type=submit]")
    results = pg.locator("#bulk-results")
    assert "成功 2 行，失败 0 行" in results.inner_text() and "已同意，转福州市人社局审核" in results.inner_text()
    assert results.locator(".result-ok").count() == 2
    _no_horizontal_overflow(pg)
    _shot(pg, f"bulk-review-{size}")
    pg.context.close()
