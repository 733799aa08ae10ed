"""Browser journey of an honest exam (issue 14 §6): a learner who leaves questions blank is asked to
confirm before the paper is submitted, and the result shows the score only. Screenshots at 1366 and
390 px wide go to /tmp/shots/."""

from __future__ import annotations

from pathlib import Path

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from jxjy.conftest import login
from jxjy.online.models import ExamAttempt
from jxjy.online.services.learning import enrolment_create

from .builders import build_course

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")


@pytest.mark.parametrize("width", [1366, 390])
def test_a_blank_question_needs_a_confirm_step_and_the_result_shows_only_the_score(world, live_server, browser, width):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          topics={"法规": 4, "职业道德": 4}, draw=2)
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    enrolment.units_completed_at = timezone.now()
    enrolment.save()
    context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900},
                                  is_mobile=width < 500, has_touch=width < 500)
    page = context.new_page()
    page.set_default_timeout(15000)
    try:
        login(page, live_server, "pro_gl_doctor")
        page.goto(f"{live_server.url}/online/courses/{course.pk}/")
        page.click("#start-exam")
        page.wait_for_selector("#paper")
        page.locator(".question").first.locator("input").first.check()
        expect(page.locator("#save-state")).to_have_text("已保存")
        page.click("#submit-paper")
        step = page.locator("#confirm-step")
        step.wait_for(state="visible")
        assert "还有 3 道题未作答（第 2、3、4 题）" in step.inner_text()
        attempt = ExamAttempt.objects.get(enrolment=enrolment)
        assert attempt.status == "in_progress"  # nothing submitted yet
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        SHOTS.mkdir(exist_ok=True)
        step.scroll_into_view_if_needed()
        page.screenshot(path=str(SHOTS / f"exam-confirm-{width}.png"), full_page=False)

        page.click("#confirm-back")  # back to the paper: still open
        assert step.is_hidden()
        page.click("#submit-paper")
        page.click("#confirm-submit")
        page.wait_for_selector("#result")
        text = page.inner_text("main") if page.locator("main").count() else page.inner_text("body")
        assert "分" in text and "不合格" in text and "正确" not in text and "错误" not in text
        assert page.locator("#no-key").is_visible()
        assert page.evaluate("document.documentElement.scrollWidth") <= width
        page.screenshot(path=str(SHOTS / f"exam-result-{width}.png"), full_page=True)
        attempt.refresh_from_db()
        assert attempt.status == "submitted" and attempt.number == 1
    finally:
        context.close()
