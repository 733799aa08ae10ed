"""In a real browser (Chromium via Playwright): a 泉州 city provider's class for 洛江 professionals is
reviewed by the 洛江 district bureau before the 泉州 city bureau approves it (泉洛政人社[2017]27号 一（五）1),
each officer logging in through the real pages."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from jxjy.conftest import CHROMIUM_ARGS, login  # noqa: F401
from jxjy.core.testing import make_user
from jxjy.training.choices import ClassStatus
from jxjy.training.models import TrainingClass

from .conftest import PDF, Clock, accredit_broadly


def _page(browser, live_server, username: str, width: int = 1366):  # type: ignore[no-untyped-def]
    pg = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900}).new_page()
    pg.set_default_timeout(15000)
    login(pg, live_server, username)
    return pg


def _shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """With JXJY_SCREENSHOTS=<dir>, keeps a full-page screenshot for review."""
    folder = os.environ.get("JXJY_SCREENSHOTS")
    if folder:
        pg.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _ok(pg) -> None:  # type: ignore[no-untyped-def]
    errors = pg.locator(".messages li.error, .errorbox")
    assert errors.count() == 0, errors.all_inner_texts()
    assert pg.locator(".messages li.success").count() >= 1


@pytest.mark.browser
def test_a_city_class_for_luojiang_staff_is_reviewed_by_luojiang_before_the_city_approves_it_27号_一五1(  # type: ignore[no-untyped-def]
    live_server, transactional_db, world, browser, monkeypatch
):
    clock = Clock(monkeypatch)
    clock.set(dt.date(2026, 3, 2))
    make_user("provider_qz", "provider_admin", provider=world.qz_provider, region=world.quanzhou)
    make_user("hr_luojiang", "hr_officer", hr_bureau=world.bureaus["350504"], region=world.luojiang)
    accredit_broadly(world, world.qz_provider, officer="hr_quanzhou", tier="city")
    url = live_server.url

    # The provider applies for a class for 洛江 professionals, 10 working days ahead (一（五）2).
    provider = _page(browser, live_server, "provider_qz")
    provider.goto(f"{url}/training/classes/new/")
    values = {"name": "洛江区卫生系列专业科目培训班", "start_date": "2026-03-20", "end_date": "2026-03-20",
              "place": "泉州市丰泽区培训中心", "contact": "陈老师", "phone": "0595-22222222", "total_hours": "3",
              "runs": "1", "trainees_per_run": "30", "audience": "洛江区卫生系列中级专业技术人员",
              "teaching_plan": "讲授与案例研讨", "funding_source": "单位自筹", "pass_mark": "60"}
    for field, value in values.items():
        provider.fill(f"#id_{field}", value)
    provider.select_option("#id_subject", "professional")
    provider.select_option("#id_target_region", label="福建省泉州市洛江区")
    for field, value in (("date", "2026-03-20"), ("content", "基层医疗质量管理"), ("hours", "3"),
                         ("teacher_name", "郑教授"), ("teacher_title", "主任医师"), ("teacher_unit", "泉州市第一医院")):
        provider.fill(f"#id_schedule-0-{field}", value)
    provider.select_option("#id_schedule-0-half_day", "am")
    _shot(provider, "regional-01-application-form-1366")
    provider.click("#class-form button[type=submit]")
    _ok(provider)
    assert provider.inner_text("#target-region") == "福建省泉州市洛江区"
    provider.fill("input[name=teacher_name]", "郑教授")
    provider.set_input_files("#provider-draft input[type=file]",
                             files=[{"name": "郑教授简历.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    provider.click("#provider-draft form:nth-of-type(1) button")
    _ok(provider)
    provider.click("#submit-application")
    _ok(provider)
    assert provider.inner_text("#status") == "审核中"
    class_url = provider.url

    # The city bureau, which will approve, cannot act before the district has reviewed.
    city = _page(browser, live_server, "hr_quanzhou")
    city.goto(class_url)
    assert city.locator("#approve").count() == 0
    assert "洛江区人社局" in city.inner_text("#reviews")
    assert "泉洛政人社[2017]27号 一（五）1" in city.inner_text("#chain-basis")

    # The 洛江 district bureau reviews first and agrees.
    district = _page(browser, live_server, "hr_luojiang")
    district.goto(class_url)
    _shot(district, "regional-02-district-review-1366")
    district.fill("#comment", "同意，面向我区卫生系列专业技术人员")
    district.click("#approve")
    _ok(district)
    assert district.inner_text("#status") == "审核中"

    # Then the city bureau approves it, and the class goes to notice.
    city.goto(class_url)
    city.fill("#comment", "同意，予以公示")
    city.click("#approve")
    _ok(city)
    assert city.inner_text("#status") == "公示中"
    assert city.locator("#reviews tbody td:nth-child(2)").all_inner_texts() == ["洛江区人社局", "泉州市人社局"]
    phone = _page(browser, live_server, "hr_luojiang", width=390)
    phone.goto(class_url)
    _shot(phone, "regional-03-class-detail-390")

    training_class = TrainingClass.objects.get(name="洛江区卫生系列专业科目培训班")
    assert training_class.status == ClassStatus.UNDER_NOTICE
    assert training_class.approving_bureau == world.bureaus["350500"]
    decided = training_class.reviews.order_by("order").values_list("decided_by__username", flat=True)
    assert list(decided) == ["hr_luojiang", "hr_quanzhou"]
