"""The Content-Security-Policy (jxjy/settings/base.py) in a real browser: the main pages load,
their scripts run and Chromium reports no CSP violation."""

from __future__ import annotations

import pytest

from jxjy.conftest import login
from jxjy.core.testing import build_world

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PAGES = ["/", "/stats/", "/people/", "/stats/reports/", "/training/notices/", "/providers/public/"]


def test_the_main_pages_raise_no_content_security_policy_violation(live_server, page):  # type: ignore[no-untyped-def]
    build_world()
    violations: list[str] = []
    page.on("console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None)
    page.on("pageerror", lambda e: violations.append(str(e)))
    login(page, live_server, "hr_province")
    for path in PAGES:
        response = page.goto(f"{live_server.url}{path}")
        assert response is not None and response.status == 200, path
        assert "default-src 'self'" in response.headers["content-security-policy"]
        page.wait_for_load_state("load")
    # the dashboard's scripts ran: ECharts drew its canvases and the year select submits by itself
    page.goto(f"{live_server.url}/stats/")
    page.wait_for_selector("#chart-compliance canvas")
    options = page.locator("select[name=year] option").all_inner_texts()
    if len(options) > 1:
        with page.expect_navigation():
            page.select_option("select[name=year]", options[-1])
        assert f"year={options[-1]}" in page.url
    assert violations == []
