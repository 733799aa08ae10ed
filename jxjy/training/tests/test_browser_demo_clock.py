"""Issue 15, Done when: on the 模拟日期 (development settings only), a trial walks one class from its
application to recognised hours in minutes — review, public notice with an objection, approval, QR
sign-in and sign-out on a phone, exam scores, evidence and recognition — with the HR officer moving the
date forward from the bar under the header; the professional then sees the hours on their certificate
page. The rule-set periods hold throughout (泉洛政人社[2017]27号 一（五）2/3; 榕人专〔2009〕145号 附件2)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jxjy.conftest import login
from jxjy.core import demo_clock
from jxjy.training.choices import ClassStatus, NoticeMode
from jxjy.training.models import TrainingClass

from .conftest import PDF, PNG, accredit_broadly, settings_override
from .test_browser import XLSX, _as, _ok, _shot

pytestmark = pytest.mark.browser


def _move_to(hr, day: dt.date) -> None:  # type: ignore[no-untyped-def]
    """The HR officer sets the 模拟日期 from the bar under the header."""
    hr.goto(hr.url)
    hr.fill("#demo-clock input[name=day]", day.isoformat())
    hr.click("#demo-clock button[value=set]")
    assert hr.inner_text("#demo-clock-today") == day.isoformat()


def test_a_class_walks_to_recognised_hours_on_the_demo_clock(  # type: ignore[no-untyped-def]
    live_server, transactional_db, world, browser, page, phone_page, settings
):
    settings.JXJY_DEMO_CLOCK = True
    demo_clock.forget()
    settings_override(world, notice_mode=NoticeMode.CONTINUOUS)  # the city bureau publishes as classes come
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    accredit_end = accredit_broadly(world).valid_to
    today = timezone.localdate()
    class_day = today + dt.timedelta(days=28)  # at least 10 working days ahead whatever the holidays
    if class_day > accredit_end:
        pytest.skip("the test world's CE base expires before the class day")
    url = live_server.url

    # the application, today
    login(page, live_server, "provider_fz")
    page.goto(f"{url}/training/classes/new/")
    values = {"name": "院感防控专题培训班", "start_date": class_day.isoformat(), "end_date": class_day.isoformat(),
              "place": "福州市鼓楼区五四路1号", "contact": "王老师", "phone": "0591-88888888", "total_hours": "3",
              "runs": "1", "trainees_per_run": "3", "audience": "卫生系列中级及以上", "teaching_plan": "讲授与研讨",
              "funding_source": "单位自筹", "pass_mark": "60"}
    for field, value in values.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_subject", "professional")
    for field, value in (("date", class_day.isoformat()), ("content", "院感防控新规解读"), ("hours", "3"),
                         ("teacher_name", "李教授"), ("teacher_title", "主任医师"), ("teacher_unit", "福建医科大学")):
        page.fill(f"#id_schedule-0-{field}", value)
    page.select_option("#id_schedule-0-half_day", "am")
    page.click("#class-form button[type=submit]")
    _ok(page)
    page.fill("input[name=teacher_name]", "李教授")
    page.set_input_files("#provider-draft input[type=file]",
                         files=[{"name": "李教授简历.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.click("#provider-draft form:nth-of-type(1) button")
    _ok(page)
    page.click("#submit-application")
    _ok(page)
    class_url = page.url

    # review along the chain, then public notice with an objection
    authority = _as(browser, live_server, "auth_fz_health")
    authority.goto(class_url)
    authority.fill("#comment", "同意")
    authority.click("#approve")
    _ok(authority)
    hr = _as(browser, live_server, "hr_fuzhou")
    hr.goto(class_url)
    hr.fill("#comment", "同意，予以公示")
    hr.click("#approve")
    _ok(hr)
    assert hr.inner_text("#status") == "公示中"
    anonymous = browser.new_context(locale="zh-CN").new_page()
    anonymous.goto(f"{url}/training/notices/")
    anonymous.click("#notices a")
    anonymous.fill("#id_name", "张先生")
    anonymous.fill("#id_contact", "13900000000")
    anonymous.fill("#id_reason", "请核实授课教师资质")
    anonymous.click("#objection-form button")
    _ok(anonymous)

    # the notice cannot end early; the officer moves the date past its five days
    hr.goto(class_url)
    hr.click("#conclude")
    assert hr.locator(".messages li.error").count() == 1
    notice_end = TrainingClass.objects.get().notice.ends_on
    _move_to(hr, notice_end + dt.timedelta(days=1))
    hr.goto(class_url)
    hr.fill("#objections input[name=resolution]", "经核实，教师资质符合要求")
    hr.click("#objections button")
    _ok(hr)
    hr.click("#conclude")
    _ok(hr)
    assert hr.inner_text("#status") == "已批准"
    _shot(hr, "demo-clock-approved")

    # the trainee enrols; on the class day they sign in and out by QR on the phone
    login(phone_page, live_server, "pro_gl_doctor")
    phone_page.goto(class_url)
    phone_page.click("#enrol")
    _ok(phone_page)
    _move_to(hr, class_day)
    item = TrainingClass.objects.get().schedule.get()
    for kind in ("in", "out"):
        page.goto(f"{class_url}sessions/{item.pk}/qr/{kind}/")
        scanned = page.get_attribute("#sign-link", "href")
        phone_page.goto(scanned)  # type: ignore[arg-type]
        phone_page.click("#confirm-sign")
        _ok(phone_page)

    # scores, evidence two days later, recognition
    page.goto(class_url)
    for field in page.locator("#roster input").all():
        field.fill("88")
    page.click("#save-scores")
    _ok(page)
    _move_to(hr, class_day + dt.timedelta(days=2))
    page.goto(class_url)
    for kind, name, mime, data in (("roster", "花名册.xlsx", "application/octet-stream", XLSX),
                                   ("sign_in", "签到表.pdf", "application/pdf", PDF),
                                   ("handout", "讲义.pdf", "application/pdf", PDF),
                                   ("photo", "现场.png", "image/png", PNG)):
        page.select_option("#recognition select[name=kind]", kind)
        page.set_input_files("#recognition input[type=file]", files=[{"name": name, "mimeType": mime, "buffer": data}])
        page.click("#recognition form:nth-of-type(1) button")
        _ok(page)
    page.click("#submit-recognition")
    _ok(page)
    hr.goto(class_url)
    hr.click("#recognise")
    _ok(hr)
    assert TrainingClass.objects.get().status == ClassStatus.RECOGNISED

    # the professional sees the hours on the certificate page
    phone_page.goto(f"{url}/records/")
    text = phone_page.inner_text("main")
    assert "院感防控专题培训班" in text
    _shot(phone_page, "demo-clock-certificate")
    _move_to(hr, today)  # back to the real date
