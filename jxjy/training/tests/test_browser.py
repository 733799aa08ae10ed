"""One class from plan to recognised hours in a real browser (Chromium via Playwright): the provider,
two reviewers, an anonymous objector, and two trainees signing in and out by QR on a phone."""

from __future__ import annotations

import datetime as dt
import os

import pytest

from jxjy.conftest import CHROMIUM_ARGS, login  # noqa: F401
from jxjy.core.testing import make_professional, make_user
from jxjy.records.models import LearningRecord
from jxjy.training.choices import ClassStatus, NoticeMode
from jxjy.training.models import TrainingClass

from .conftest import PDF, PNG, Clock, accredit_broadly, settings_override

XLSX = b"PK\x03\x04" + b"\0" * 40


def _as(browser, live_server, username: str, *, phone: bool = False):  # type: ignore[no-untyped-def]
    options = {"locale": "zh-CN", "viewport": {"width": 1280, "height": 900}}
    if phone:
        options = {"locale": "zh-CN", "viewport": {"width": 390, "height": 844}, "is_mobile": True, "has_touch": True}
    pg = browser.new_context(**options).new_page()
    pg.set_default_timeout(15000)
    login(pg, live_server, username)
    return pg


def _shot(pg, name: str) -> None:  # type: ignore[no-untyped-def]
    """With JXJY_SCREENSHOTS=<dir>, keeps a full-page screenshot for review."""
    folder = os.environ.get("JXJY_SCREENSHOTS")
    if folder:
        pg.screenshot(path=os.path.join(folder, f"{name}.png"), full_page=True)


def _ok(pg) -> None:  # type: ignore[no-untyped-def]
    errors = pg.locator(".messages li.error")
    assert errors.count() == 0, errors.all_inner_texts()
    assert pg.locator(".messages li.success").count() >= 1


@pytest.mark.browser
def test_one_class_walks_from_plan_to_recognised_hours_145号_27号(  # type: ignore[no-untyped-def]
    live_server, transactional_db, world, browser, page, phone_page, monkeypatch
):
    clock = Clock(monkeypatch)
    # 福州 publishes notices in the first week of each quarter (榕人专〔2009〕145号 附件2); this journey's
    # city bureau overrides that to publish as classes come, as the shared scene does
    settings_override(world, notice_mode=NoticeMode.CONTINUOUS)
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    accredit_broadly(world)
    second = make_user("pro_second", "professional", region=world.gulou,
                       professional=make_professional(world.gl_hospital, "吴护士", title=world.titles["主治医师"]))
    url = live_server.url

    # 1. The provider files its annual plan by the end of February; the city bureau publishes it.
    clock.set(dt.date(2026, 2, 10))
    login(page, live_server, "provider_fz")
    page.goto(f"{url}/training/plans/new/")
    page.fill("#year", "2026")
    for field, value in (("name", "医疗质量与安全管理培训班"), ("audience", "卫生系列中级"), ("hours", "3"),
                         ("runs", "1"), ("trainees", "3"), ("budget_source", "单位自筹")):
        page.fill(f"#id_items-0-{field}", value)
    page.click("#plan-form button[type=submit]")
    page.click("#submit-plan")
    _ok(page)
    hr = _as(browser, live_server, "hr_fuzhou")
    hr.goto(f"{url}/training/plans/")
    hr.click("#plans a")
    hr.click("#approve-plan")
    _ok(hr)

    # 2. The application, ten working days ahead, with the schedule and teacher résumés.
    clock.set(dt.date(2026, 3, 2))
    page.goto(f"{url}/training/classes/new/")
    page.select_option("#id_plan_item", label="2026年 医疗质量与安全管理培训班（已公布）")
    values = {"name": "医疗质量与安全管理培训班", "start_date": "2026-03-18", "end_date": "2026-03-18",
              "place": "福州市鼓楼区五四路1号", "contact": "王老师", "phone": "0591-88888888", "total_hours": "3",
              "runs": "1", "trainees_per_run": "3", "audience": "卫生系列中级及以上", "teaching_plan": "讲授与研讨",
              "funding_source": "单位自筹", "pass_mark": "60"}
    for field, value in values.items():
        page.fill(f"#id_{field}", value)
    page.select_option("#id_subject", "professional")
    for field, value in (("date", "2026-03-18"), ("content", "医疗质量管理新规解读"), ("hours", "3"),
                         ("teacher_name", "李教授"), ("teacher_title", "主任医师"), ("teacher_unit", "福建医科大学")):
        page.fill(f"#id_schedule-0-{field}", value)
    page.select_option("#id_schedule-0-half_day", "am")
    _shot(page, "01-application-form")
    page.click("#class-form button[type=submit]")
    _ok(page)
    page.fill("input[name=teacher_name]", "李教授")
    page.set_input_files("#provider-draft input[type=file]",
                         files=[{"name": "李教授简历.pdf", "mimeType": "application/pdf", "buffer": PDF}])
    page.click("#provider-draft form:nth-of-type(1) button")
    _ok(page)
    page.click("#submit-application")
    _ok(page)
    assert page.inner_text("#status") == "审核中"
    class_url = page.url

    # 3. Two reviewers: the supervising authority, then the city HR bureau.
    authority = _as(browser, live_server, "auth_fz_health")
    authority.goto(class_url)
    _shot(authority, "02-review")
    authority.fill("#comment", "同意")
    authority.click("#approve")
    _ok(authority)
    hr.goto(class_url)
    hr.fill("#comment", "同意，予以公示")
    hr.click("#approve")
    _ok(hr)
    assert hr.inner_text("#status") == "公示中"

    # 4. An anonymous objector on the public notice page.
    anonymous = browser.new_context(locale="zh-CN").new_page()
    anonymous.goto(f"{url}/training/notices/")
    _shot(anonymous, "03-public-notices")
    anonymous.click("#notices a")
    anonymous.fill("#id_name", "张先生")
    anonymous.fill("#id_contact", "13900000000")
    anonymous.fill("#id_reason", "请核实授课教师资质")
    anonymous.click("#objection-form button")
    _ok(anonymous)

    # 5. After five days the open objection blocks approval until the officer resolves it.
    clock.set(dt.date(2026, 3, 7))
    hr.goto(class_url)
    hr.click("#conclude")
    assert "异议尚未处理" in hr.inner_text(".messages li.error")
    hr.fill("#objections input[name=resolution]", "经核实，教师资质符合要求")
    hr.click("#objections button")
    _ok(hr)
    hr.click("#conclude")
    _ok(hr)
    assert hr.inner_text("#approval-no") == "继教〔2026〕001号"
    _shot(hr, "04-approved")

    # 6. Two trainees enrol and sign in and out by QR on their phones.
    trainees = []
    for username in ("pro_gl_doctor", "pro_second"):
        ph = phone_page if username == "pro_gl_doctor" else _as(browser, live_server, username, phone=True)
        if ph is phone_page:
            login(ph, live_server, username)
        ph.goto(class_url)
        ph.click("#enrol")
        _ok(ph)
        trainees.append(ph)
    clock.set(dt.date(2026, 3, 18), 8)
    item = TrainingClass.objects.get().schedule.get()
    for kind, hour in (("in", 8), ("out", 12)):
        clock.set(dt.date(2026, 3, 18), hour)
        page.goto(f"{class_url}sessions/{item.pk}/qr/{kind}/")
        assert page.locator("#qr svg").count() == 1
        scanned = page.get_attribute("#sign-link", "href")
        _shot(page, f"05-qr-{kind}")
        for ph in trainees:
            ph.goto(scanned)
            ph.click("#confirm-sign")
            _ok(ph)
            assert ("已签退" if kind == "out" else "已签到") in ph.inner_text("#signed")
            _shot(ph, f"06-phone-{kind}")

    # 7. Scores, evidence within 30 days, recognition.
    page.goto(class_url)
    for field in page.locator("#roster input").all():
        field.fill("88")
    page.click("#save-scores")
    _ok(page)
    clock.set(dt.date(2026, 3, 20))
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
    assert hr.inner_text("#status") == "学时已认定"
    _shot(hr, "07-recognised")

    training_class = TrainingClass.objects.get()
    assert training_class.status == ClassStatus.RECOGNISED
    records = LearningRecord.objects.filter(source="training_class", source_ref="继教〔2026〕001号")
    assert sorted(r.professional.name for r in records) == ["吴护士", "林医生"]
    assert {float(r.hours) for r in records} == {3.0}
    assert second.professional.learning_records.count() == 1
