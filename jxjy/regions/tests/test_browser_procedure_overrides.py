"""In a real browser: a district HR officer adjusts the verification deadline of the district with a
reason, and the page shows the adjustment beside the cited value (泉洛政人社[2017]27号 二（一）), at
desktop and phone widths without horizontal overflow."""

from __future__ import annotations

import pytest

from jxjy.conftest import login
from jxjy.core.testing import build_world
from jxjy.regions.models import ProcedureOverride

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.mark.parametrize("width", [1366, 390])
def test_an_officer_sets_an_override_and_sees_it_beside_the_cited_value(live_server, browser, width):
    world = build_world()
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15000)
    login(page, live_server, "hr_gulou")
    page.goto(f"{live_server.url}/regions/procedures/?name=verification_due_month")
    page.fill("#id_value", "3")
    page.fill("#id_valid_from", "2025-01-01")
    page.fill("#id_reason", "本区验证工作量大，经局务会研究延长一个月")
    page.click("form.card button[type=submit]")
    page.wait_for_url(f"{live_server.url}/regions/procedures/")
    row = page.locator("#p-verification_due_month")
    assert "鼓楼区人社局自2025年1月1日起调整：本区验证工作量大" in row.inner_text()
    assert "默认（default）" in row.inner_text()
    assert ProcedureOverride.objects.get().region == world.gulou
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    page.screenshot(path=f"/tmp/shots/procedure-overrides-{width}.png", full_page=False)
    row.scroll_into_view_if_needed()
    page.screenshot(path=f"/tmp/shots/procedure-overrides-row-{width}.png")
    assert overflow <= 0
    context.close()
