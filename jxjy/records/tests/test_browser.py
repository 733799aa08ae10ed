"""The journey of issue 5's first "Done when" line, in a real browser: a unit administrator submits a
verification batch, an HR officer verifies part and rejects one with a reason, the professional
sees the stamp; the PDF's QR code verifies and a tampered code fails (泉洛政人社[2017]27号 二)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.conftest import login
from jxjy.core.testing import build_world, make_professional, make_user
from jxjy.records.services import certificate_issue

from .helpers import full_year

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _qr_url(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / "c.pdf"), str(tmp_path / "p")], check=True)  # noqa: S603,S607
    png = next(tmp_path.glob("p*.png"))
    return subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603,S607


def test_unit_submits_hr_verifies_part_rejects_one_professional_sees_stamp_and_qr_verifies(
    live_server, browser, page, phone_page, tmp_path
):
    world = build_world()
    year = timezone.localdate().year
    engineer = world.people["tj_engineer"]
    colleague = make_professional(world.tj_company, "李工", title=world.titles["工程师"])
    short = make_professional(world.tj_company, "赵工", title=world.titles["工程师"])
    full_year(engineer, year)
    full_year(colleague, year)
    full_year(short, year, hours=20)
    make_user("pro_tj_engineer", Role.PROFESSIONAL, professional=engineer, region=world.taijiang)
    certificate_issue(actor=world.users["hr_fuzhou"], professional=engineer)

    # 1. the unit's CE administrator builds and submits the roster
    login(page, live_server, "unit_tj_company")
    page.goto(f"{live_server.url}/records/verification/")
    page.fill("#id_year", str(year))
    page.click("#create-batch")
    page.wait_for_selector("#roster")
    assert page.locator("#roster tr[data-person]").count() == 3
    page.click("#submit-batch")
    page.wait_for_selector("text=花名册已报送")
    assert page.inner_text("#batch-status") == "已报送"
    batch_url = page.url

    # 2. the city HR bureau (intermediate titles) verifies two and rejects one with a reason
    hr = browser.new_context(locale="zh-CN").new_page()
    login(hr, live_server, "hr_fuzhou")
    for name in ("陈工", "李工"):
        hr.goto(batch_url)
        row = hr.locator(f'tr[data-person="{name}"]')
        row.locator("select[name=decision]").select_option("verify")
        row.locator("button").click()
        hr.wait_for_selector("text=已办理")
    hr.goto(batch_url)
    row = hr.locator('tr[data-person="赵工"]')
    assert "未达标（差 52 学时）" in row.locator(".standing").inner_text()
    assert row.locator("select[name=decision]").input_value() == "reject"  # proposed by the standing
    asked: list[str] = []
    hr.once("dialog", lambda dialog: (asked.append(dialog.message), dialog.dismiss()))
    row.locator("select[name=decision]").select_option("verify")  # warned before approving a short person
    row.locator("button").click()
    assert asked and "未达标（差 52 学时）" in asked[0]
    assert row.locator(".outcome").inner_text() == "待验证"
    row.locator("select[name=decision]").select_option("reject")
    row.locator("input[name=reason]").fill("学时不足72学时")
    row.locator("button").click()
    hr.wait_for_selector("text=已办理")
    assert hr.locator('tr[data-person="赵工"] .outcome').inner_text() == "不予验证"
    assert "学时不足72学时" in hr.locator('tr[data-person="赵工"]').inner_text()
    assert hr.inner_text("#batch-status") == "已办结"
    hr.screenshot(path=str(tmp_path / "batch.png"), full_page=True)

    # 3. the professional sees the stamp on their phone
    login(phone_page, live_server, "pro_tj_engineer")
    phone_page.goto(f"{live_server.url}/records/")
    stamps = phone_page.inner_text("#stamps")
    assert "已验证" in stamps and "福州市人社局继续教育专用章" in stamps and str(year) in stamps
    phone_page.screenshot(path=str(tmp_path / "phone.png"), full_page=True)

    # 4. the e-certificate opens, its QR code's URL verifies, a tampered code fails
    response = phone_page.request.get(f"{live_server.url}/records/people/{engineer.pk}/certificate.pdf")
    assert response.ok and response.headers["content-type"] == "application/pdf"
    url = _qr_url(response.body(), tmp_path)
    assert url.startswith(live_server.url + "/verify/")
    anonymous = browser.new_context(locale="zh-CN").new_page()
    anonymous.goto(url)
    assert anonymous.get_attribute("#verify-state", "data-state") == "valid"
    assert "福州市人社局继续教育专用章" in anonymous.content()
    anonymous.goto(url[:-3] + ("abc" if not url.endswith("abc") else "xyz"))
    assert anonymous.get_attribute("#verify-state", "data-state") == "invalid"
