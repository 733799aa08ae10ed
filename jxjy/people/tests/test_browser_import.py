"""Browser journey (issue 2): a unit administrator imports a roster with one bad row, sees the
error, fixes it, re-imports, and finds the people listed."""

from __future__ import annotations

import pytest

from jxjy.conftest import login
from jxjy.people.tests.test_roster_import import good_rows, xlsx

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_unit_admin_fixes_a_bad_row_and_finds_the_people_listed(world, live_server, page, tmp_path):
    rows = good_rows(world, 3)
    bad = [list(r) for r in rows]
    bad[1][1] = bad[1][1][:-1] + ("0" if bad[1][1][-1] != "0" else "1")  # wrong check digit
    bad_file = tmp_path / "花名册.xlsx"
    bad_file.write_bytes(xlsx(bad))
    good_file = tmp_path / "花名册-修正.xlsx"
    good_file.write_bytes(xlsx(rows))

    login(page, live_server, "unit_gl_hospital")
    page.click("summary:has-text('基础信息')")
    page.click(".dropdown-items >> text=花名册导入")
    page.set_input_files("#id_file", str(bad_file))
    page.click("text=上传并校验")
    page.wait_for_selector("#import-errors")
    assert page.inner_text("#error-count") == "1"
    error_row = page.inner_text("#import-errors tbody tr")
    assert "3" in error_row and "身份证号码" in error_row and "校验位错误" in error_row
    page.screenshot(path=str(tmp_path / "import-errors.png"), full_page=True)

    page.goto(f"{live_server.url}/people/import/")
    page.set_input_files("#id_file", str(good_file))
    page.click("text=上传并校验")
    page.wait_for_selector("#confirm-import")
    page.click("#confirm-import")
    page.wait_for_selector("#import-result")
    assert "新增 3 人" in page.inner_text("#import-result")

    page.click("text=查看人员名单")
    table = page.inner_text("#people")
    for row in rows:
        assert row[0] in table
        assert row[1] not in table  # identity numbers stay masked in the list
