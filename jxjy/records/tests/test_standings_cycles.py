"""People whom their rule set judges by cycles get cycle standings: 洛江 school teachers
(泉洛政人社[2017]27号 一（三）3) and 温州 engineers (温经贸培训〔2009〕74号 二)."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.core.testing import make_professional, make_region, make_unit
from jxjy.orgs.models import Sector
from jxjy.records.models import Standing, StandingKind, StandingVerdict
from jxjy.records.services.standings import standings_rebuild, standings_verify

from .helpers import recognised

pytestmark = pytest.mark.django_db


def test_a_luojiang_teachers_cycle_is_judged_and_each_year_points_at_it(world):
    school = make_unit(world.luojiang, "洛江区实验小学", sector=Sector.EDUCATION)
    teacher = make_professional(school, "蔡老师", series="school_teacher")
    standings_rebuild()  # people made past the services get their standings here
    recognised(teacher, dt.date(2023, 7, 1), hours=24, subject="professional", form="centralized", course="教学能力")
    cycle = Standing.objects.get(professional=teacher, kind=StandingKind.CYCLE)
    # the first cycle starts in 2017, when the document took effect (a stated default): 2017–2021, 2022–2026
    assert (cycle.start_year, cycle.end_year) == (2022, 2026)
    assert cycle.verdict == StandingVerdict.SHORT  # one training, but no required public course yet
    unmet = {r["id"] for r in cycle.requirements if r["met"] is False}
    assert unmet == {"cycle-public-required-courses"}
    for course in ("职业道德", "法律法规"):
        recognised(teacher, dt.date(2024, 3, 1), hours=6, subject="public", form="distance", course=course,
                   required_course=True)
    cycle.refresh_from_db()
    assert cycle.verdict == StandingVerdict.MET and "认定学习记录" in cycle.reason
    year = Standing.objects.get(professional=teacher, kind=StandingKind.ANNUAL, start_year=2024)
    assert year.verdict == StandingVerdict.UNKNOWN and year.notes[0] == "按周期考核：见2022—2026周期"
    assert standings_verify(region=world.luojiang)[1] == []


def test_a_wenzhou_engineers_cycle_follows_the_current_title(world):
    zhejiang = make_region("330000", "浙江省")
    wenzhou = make_region("330300", "温州市", zhejiang, "wenzhou-2009-engineering")
    firm = make_unit(wenzhou, "温州某设计院", sector=Sector.INDUSTRY)
    engineer = make_professional(firm, "叶工", title=world.titles["工程师"], title_obtained_on=dt.date(2019, 5, 1))
    standings_rebuild()
    recognised(engineer, dt.date(2025, 4, 1), hours=150, subject="professional", course="专业课")
    assert set(Standing.objects.filter(professional=engineer, kind=StandingKind.CYCLE).values_list(
        "start_year", "end_year")) == {(2020, 2024), (2025, 2029)}  # the standing years fall in two cycles
    cycle = Standing.objects.get(professional=engineer, kind=StandingKind.CYCLE, start_year=2025)
    assert (cycle.start_year, cycle.end_year) == (2025, 2029)  # 5-year cycles from 2020 (the year after the title)
    assert cycle.ruleset_id == "wenzhou-2009-engineering" and cycle.verdict == StandingVerdict.SHORT
    assert cycle.required == 200 and cycle.counted == 150 and cycle.shortfall == 50  # 工程师：5年200学时
    standings_rebuild(from_totals=True)
    assert Standing.objects.get(pk=cycle.pk).verdict == StandingVerdict.SHORT
    assert standings_verify()[1] == []
