"""Browser view of the fraud signals (issue 14 §8): the unit administrator opens 学时异常 and sees a
trainee credited online study while signed in to a class, and a day holding more than it can.
Screenshots at 1366 and 390 px wide go to /tmp/shots/."""

from __future__ import annotations

from pathlib import Path

import pytest

from jxjy.conftest import login

from .test_overlaps import at, attend_morning, online_enrolment, studied

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")


@pytest.mark.parametrize("width", [1366, 390])
def test_the_unit_administrator_sees_overlaps_and_impossible_days(scene, live_server, browser, width):  # type: ignore[no-untyped-def]
    world = scene.world
    training_class = attend_morning(scene, world.users["pro_gl_doctor"])
    enrolment = online_enrolment(world)
    studied(enrolment, at(10), at(11, 30))  # while signed in to the class
    studied(enrolment, at(13), at(23))  # 10 hours: with the class, more than a day can hold
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900},
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, live_server, "unit_gl_hospital")
        page.goto(f"{live_server.url}/records/signals/?start=2026-03-01&end=2026-03-31")
        table = page.locator("#signals")
        assert "时间重叠" in table.inner_text() and "超出一天可计学时" in table.inner_text()
        assert training_class.name in table.inner_text()
        assert "共 2 条" in page.inner_text("body")
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"signals-{width}.png"), full_page=True)
    finally:
        context.close()
