"""The class page's evidence links in a real browser (Chromium via Playwright), at 1366 and 390 px
(泉洛政人社[2017]27号 一（五）3: 花名册、签到表、讲义和照片 are checked before hours are recognised)."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from jxjy.conftest import login
from jxjy.training.services.attendance import attendance_record_sheet
from jxjy.training.services.recognition import evidence_upload

from .conftest import PDF, PNG, Clock, Scene, accredit_broadly, enrolled_class

CLASS_DAY = dt.date(2026, 3, 18)
SHOTS = os.environ.get("JXJY_SCREENSHOTS", "/tmp/shots")  # noqa: S108


@pytest.mark.browser
def test_an_officer_opens_the_sign_in_sheet_from_the_class_page_on_desktop_and_phone(  # type: ignore[no-untyped-def]
    live_server, transactional_db, world, browser, monkeypatch
):
    """泉洛政人社[2017]27号 一（五）3."""
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    accredit_broadly(world)
    scene = Scene(world, Clock(monkeypatch))
    training_class, _ = enrolled_class(scene)
    scene.clock.set(CLASS_DAY, 18)
    enrolments = [e.pk for e in training_class.enrolments.all()]
    attendance_record_sheet(actor=scene.provider, item=training_class.schedule.all()[0], filename="上午签到.pdf",
                            data=PDF, signed_in=enrolments, signed_out=enrolments)
    scene.clock.set(CLASS_DAY + dt.timedelta(days=1))
    evidence_upload(actor=scene.provider, training_class=training_class, kind="photo", filename="现场.png", data=PNG)
    os.makedirs(SHOTS, exist_ok=True)
    for width, phone in ((1366, False), (390, True)):
        options: dict[str, object] = {"locale": "zh-CN", "viewport": {"width": width, "height": 900}}
        if phone:
            options.update(is_mobile=True, has_touch=True)
        context = browser.new_context(**options)
        pg = context.new_page()
        pg.set_default_timeout(15000)
        login(pg, live_server, "hr_fuzhou")
        pg.goto(f"{live_server.url}/training/classes/{training_class.pk}/")
        sheet_link = pg.locator("#sheets a").first
        assert "签到" in sheet_link.inner_text()
        photo_link = pg.locator("#evidence a").first
        resume_links = pg.locator("#resumes a")
        assert resume_links.count() == 2
        pg.screenshot(path=os.path.join(SHOTS, f"evidence-class-{width}.png"), full_page=True)
        assert pg.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        for link, content_type in ((sheet_link, "application/pdf"), (photo_link, "image/png")):
            response = pg.request.get(live_server.url + str(link.get_attribute("href")))
            assert response.status == 200
            assert response.headers["content-type"] == content_type
            assert response.headers["content-disposition"].startswith("inline;")
        context.close()
