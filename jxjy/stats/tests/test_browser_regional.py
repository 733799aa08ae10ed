"""Browser checks of the pages issue 13 changed, at 1366 and 390 px (screenshots in /tmp/shots/):
a 洛江 teacher's certificate page shows the 5-year cycle's verdict (泉洛政人社[2017]27号 二（一）), and a
常州 unit sees its 年度考核优秀 quota cut after a failed spot check (常人社发〔2011〕11号 第二十三条)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest

from jxjy.accounts.models import Role
from jxjy.conftest import login
from jxjy.core.testing import build_world, make_professional, make_title, make_unit, make_user
from jxjy.online.tests.builders import add_changzhou
from jxjy.orgs.models import Sector
from jxjy.records.tests.helpers import recognised
from jxjy.stats.choices import UNIT_ITEMS
from jxjy.stats.services.assessments import assessment_unit_record

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]
SHOTS = Path("/tmp/shots")


def _no_overflow(page) -> None:  # type: ignore[no-untyped-def]
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_teacher_cycle_verdict_and_unit_quota_pages_at_desktop_and_phone_width(live_server, browser, page, phone_page):
    SHOTS.mkdir(exist_ok=True)
    world = build_world()
    school = make_unit(world.luojiang, "洛江区实验小学", sector=Sector.EDUCATION)
    teacher = make_professional(school, "王老师", series="school_teacher",
                                title=make_title("一级教师", "school_teacher", "intermediate"))
    recognised(teacher, dt.date(2019, 5, 1), hours=30)
    cz = add_changzhou(world)
    unit = cz.professional.unit
    for i in range(9):
        make_professional(unit, f"员工{i}", title=world.titles["工程师"])
    make_user("unit_cz", Role.UNIT_ADMIN, employer_unit=unit, region=unit.region)
    items = {code: (True, "") for code, _ in UNIT_ITEMS} | {"funding": (False, "继续教育经费未落实")}
    assessment_unit_record(actor=cz.officer, unit=unit, year=2025, items=items, quota_cut_percent=Decimal(2))
    for pg, width in ((page, 1366), (phone_page, 390)):
        if width == 1366:
            pg.set_viewport_size({"width": 1366, "height": 900})
        login(pg, live_server, "hr_quanzhou")
        pg.goto(f"{live_server.url}/records/people/{teacher.pk}/?year=2019")
        assert "按周期考核：2017–2021周期" in pg.inner_text("h2")
        assert "无法评估" not in pg.content()
        _no_overflow(pg)
        pg.screenshot(path=str(SHOTS / f"teacher-cycle-{width}.png"), full_page=True)
        pg.context.clear_cookies()
        login(pg, live_server, "unit_cz")
        pg.goto(f"{live_server.url}/stats/excellent/?year=2025")
        text = pg.inner_text("#excellent-quota")
        assert "核减 2%" in text and "常人社发〔2011〕11号 第二十三条" in text and "最多可评 1 人" in text
        _no_overflow(pg)
        pg.screenshot(path=str(SHOTS / f"excellent-quota-{width}.png"), full_page=True)
        pg.context.clear_cookies()
