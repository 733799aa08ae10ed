"""Chinese 400/403/404/500 pages in production and in development (issue 15 item 8): no English
DEBUG page, no exception text, for unknown addresses, `/verify/` and pages outside one's scope."""

from __future__ import annotations

import pytest
from django.test import Client, override_settings

TECHNICAL = ("DEBUG = True", "Traceback", "Page not found", "Server Error", "RuntimeError", "deliberate")


def _assert_chinese(response, status: int, title: str) -> str:
    html = response.content.decode()
    assert response.status_code == status
    assert title in html and f"错误代码 {status}" in html
    assert '<html lang="zh-hans">' in html
    for text in TECHNICAL:
        assert text not in html, text
    return html


CASES = [
    ("/__suspicious__/", 400, "请求有误"),
    ("/__forbidden__/", 403, "没有权限"),
    ("/no-such-page/", 404, "页面不存在"),
    ("/verify/", 404, "页面不存在"),
    ("/__boom__/", 500, "系统出错"),
]


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
@pytest.mark.parametrize(("url", "status", "title"), CASES)
def test_error_pages_are_chinese(db, url, status, title, debug):
    with override_settings(ROOT_URLCONF="jxjy.core.tests.error_urls", DEBUG=debug):
        response = Client(raise_request_exception=False).get(url)
        _assert_chinese(response, status, title)


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_a_page_outside_ones_jurisdiction_gets_the_chinese_404(world, client_for, debug):
    """A 福州 officer opening a 洛江 professional: 404 (not telling it exists), in Chinese."""
    with override_settings(DEBUG=debug):
        response = client_for("hr_fuzhou").get(f"/people/{world.people['lj_doctor'].pk}/")
        html = _assert_chinese(response, 404, "页面不存在")
        assert "黄医生" not in html


@pytest.mark.parametrize("debug", [False, True], ids=["production", "development"])
def test_a_forbidden_page_gets_the_chinese_403(world, client_for, debug):
    with override_settings(DEBUG=debug):
        _assert_chinese(client_for("hr_fuzhou").get("/accounts/activation/"), 403, "没有权限")


def test_a_bad_host_header_gets_the_chinese_400(db):
    response = Client().get("/accounts/login/", HTTP_HOST="bad host name")
    _assert_chinese(response, 400, "请求有误")


def test_the_development_settings_keep_the_chinese_pages():
    """jxjy.settings.dev runs with DEBUG on; the middleware that swaps the pages is installed."""
    import importlib

    dev = importlib.import_module("jxjy.settings.dev")
    assert dev.DEBUG is True
    assert "jxjy.core.errors.DevelopmentErrorPagesMiddleware" in dev.MIDDLEWARE


def test_api_errors_stay_json_in_development(world, client_for):
    with override_settings(DEBUG=True):
        response = client_for("hr_fuzhou").get("/api/v1/professionals/999999999")
    assert response.status_code == 404
    assert response["Content-Type"].startswith("application/json")


def test_a_form_posted_without_its_csrf_token_gets_a_chinese_page(db):
    response = Client(enforce_csrf_checks=True).post("/accounts/login/", {"username": "x", "password": "y"})
    html = _assert_chinese(response, 403, "页面已过期")
    assert "CSRF verification" not in html and "Forbidden" not in html
