"""温经贸培训〔2009〕74号 关于全面开展工程技术（一）系列专业技术人员继续教育培训的通知.

二: cycles by current title and the first junior application; 二（一）至（三）: the transition
schedule for title applications 2009–2013, then a full cycle.
"""

from __future__ import annotations

import pytest

from jxjy.rules import CaseError
from jxjy.rules.tests.builders import (
    application,
    cycle,
    ids,
    line,
    not_counted,
    person,
    rec,
    summary,
    verdict,
)

RULESET = "wenzhou-2009-engineering"
DOC = "温经贸培训〔2009〕74号"

LEVEL = {"技术员": "junior", "助理工程师": "junior", "工程师": "intermediate", "高级工程师": "senior"}
NEXT = {"技术员": "助理工程师", "助理工程师": "工程师", "工程师": "高级工程师"}


def engineer(title: str) -> dict:
    return person("engineering", LEVEL[title], title=title)


def spread(first: int, last: int, total: float, public: float) -> list[dict]:
    """``public`` public-course hours in the first year and the rest as professional hours in the last."""
    return [
        rec(f"{first}-01-01", "public", "distance", hours=public, required_course=True, course="公共必修课"),
        rec(f"{last}-12-31", "professional", hours=total - public),
    ]


def window_note(result: dict) -> str:
    return result["notes"][0]


# (current title, application year) -> (required hours, of which public, first year of the window)
SCHEDULE = {
    # 二（一）技术员申报晋升助理工程师: 2009 32 (8), 2010 64 (16), then the technician's full cycle
    ("技术员", 2009): (32, 8, 2009),
    ("技术员", 2010): (64, 16, 2009),
    ("技术员", 2011): (64, 16, 2010),
    ("技术员", 2013): (64, 16, 2012),
    # 二（二）申报晋升工程师: 32 (8), 64 (16), 96 (24), from 2012 128 (32)
    ("助理工程师", 2009): (32, 8, 2009),
    ("助理工程师", 2010): (64, 16, 2009),
    ("助理工程师", 2011): (96, 24, 2009),
    ("助理工程师", 2012): (128, 32, 2009),
    ("助理工程师", 2013): (128, 32, 2010),
    ("助理工程师", 2014): (128, 32, 2011),
    # 二（三）申报晋升高级工程师: 40 (8), 80 (16), 120 (24), 160 (32), from 2013 200 (32)
    ("工程师", 2009): (40, 8, 2009),
    ("工程师", 2010): (80, 16, 2009),
    ("工程师", 2011): (120, 24, 2009),
    ("工程师", 2012): (160, 32, 2009),
    ("工程师", 2013): (200, 32, 2009),
    ("工程师", 2014): (200, 32, 2010),
    ("工程师", 2020): (200, 32, 2016),
}
CELLS = [
    pytest.param(title, year, *value, id=f"{NEXT[title]}-{year}") for (title, year), value in SCHEDULE.items()
]


@pytest.mark.parametrize(("title", "year", "total", "public", "first"), CELLS)
def test_2_transition_schedule_exact_hours_in_the_window_are_compliant(
    title: str, year: int, total: int, public: int, first: int
) -> None:
    result = verdict(
        RULESET, engineer(title), application(year, NEXT[title]), spread(first, year, total, public)
    )
    assert ids(result) == ["application-total", "application-public"]
    assert summary(result, "application-total") == (total, total, True, 0)
    assert summary(result, "application-public") == (public, public, True, 0)
    assert window_note(result).startswith(f"评估期间：{first}-01-01至{year}-12-31")
    assert line(result, "application-total")["source"].startswith(f"{DOC} 二（")
    assert result["compliant"] is True


@pytest.mark.parametrize(("title", "year", "total", "public", "first"), CELLS)
def test_2_transition_schedule_one_hour_short_fails(
    title: str, year: int, total: int, public: int, first: int
) -> None:
    result = verdict(
        RULESET, engineer(title), application(year, NEXT[title]), spread(first, year, total - 1, public - 1)
    )
    assert summary(result, "application-total") == (total, total - 1, False, 1)
    assert summary(result, "application-public") == (public, public - 1, False, 1)
    assert result["compliant"] is False


@pytest.mark.parametrize(("title", "year", "total", "public", "first"), CELLS)
def test_2_hours_before_the_window_do_not_count(
    title: str, year: int, total: int, public: int, first: int
) -> None:
    records = spread(first, year, total, public) + [rec(f"{first - 1}-12-31", hours=total)]
    result = verdict(RULESET, engineer(title), application(year, NEXT[title]), records)
    assert summary(result, "application-total")[1] == total
    assert list(not_counted(result)) == [2]


def test_2_the_window_never_starts_before_2009_when_the_scheme_began() -> None:
    result = verdict(
        RULESET, engineer("工程师"), application(2011, "高级工程师"), [rec("2008-06-01", hours=120)]
    )
    assert summary(result, "application-total") == (120, 0, False, 120)
    assert "2009" in not_counted(result)[0][0]
    assert any("不早于2009年" in note for note in result["notes"])


def test_2_3_applications_for_titles_above_senior_engineer_follow_the_senior_schedule() -> None:
    result = verdict(
        RULESET, engineer("高级工程师"), application(2011, "正高级工程师"), spread(2009, 2011, 120, 24)
    )
    assert summary(result, "application-total") == (120, 120, True, 0)
    assert summary(result, "application-public") == (24, 24, True, 0)


def test_2_no_application_requirement_before_2009() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, engineer("工程师"), application(2008, "高级工程师"), [])
    assert error.value.field == "purpose.year"
    assert "2009-01-01" in error.value.reason


# 二: the first application for a junior title ----------------------------------------------------


@pytest.mark.parametrize("to_title", ["技术员", "助理工程师"])
def test_2_a_first_junior_application_needs_16_hours_in_the_application_year(to_title: str) -> None:
    result = verdict(
        RULESET, person("engineering", "none"), application(2012, to_title), [rec("2012-06-01", hours=16)]
    )
    assert ids(result) == ["first-junior-application"]
    assert summary(result, "first-junior-application") == (16, 16, True, 0)
    assert line(result, "first-junior-application")["source"] == f"{DOC} 二"
    assert result["compliant"] is True


def test_2_a_first_junior_application_with_15_hours_falls_short() -> None:
    result = verdict(
        RULESET, person("engineering", "none"), application(2012, "技术员"), [rec("2012-06-01", hours=15)]
    )
    assert summary(result, "first-junior-application") == (16, 15, False, 1)


def test_2_a_first_junior_application_counts_only_the_application_year() -> None:
    records = [rec("2011-12-31", hours=16), rec("2012-01-01", hours=8), rec("2013-01-01", hours=16)]
    result = verdict(RULESET, person("engineering", "none"), application(2012, "技术员"), records)
    assert summary(result, "first-junior-application") == (16, 8, False, 8)
    assert sorted(not_counted(result)) == [0, 2]


def test_2_a_first_application_from_2009_but_not_before() -> None:
    first = verdict(
        RULESET, person("engineering", "none"), application(2009, "技术员"), [rec("2009-01-01", hours=16)]
    )
    assert first["compliant"] is True
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("engineering", "none"), application(2008, "技术员"), [])
    assert error.value.field == "purpose.year"


def test_2_a_person_without_a_title_can_only_apply_for_a_junior_title() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("engineering", "none"), application(2012, "工程师"), [])
    assert error.value.field == "purpose.to_title"
    assert "技术员" in error.value.reason and "助理工程师" in error.value.reason


# 二: full cycles of the current title --------------------------------------------------------------

CYCLES = [
    pytest.param("高级工程师", 5, 200, 32, id="senior-engineer-5y-200"),
    pytest.param("工程师", 5, 200, 32, id="engineer-5y-200"),
    pytest.param("助理工程师", 4, 128, 32, id="assistant-engineer-4y-128"),
    pytest.param("技术员", 2, 64, 16, id="technician-2y-64"),
]


@pytest.mark.parametrize(("title", "years", "total", "public"), CYCLES)
def test_2_a_full_cycle_of_the_current_title_is_met_exactly(
    title: str, years: int, total: int, public: int
) -> None:
    end = 2015 + years - 1
    result = verdict(RULESET, engineer(title), cycle(2015, end), spread(2015, end, total, public))
    assert ids(result) == ["cycle-total", "cycle-public"]
    assert summary(result, "cycle-total") == (total, total, True, 0)
    assert summary(result, "cycle-public") == (public, public, True, 0)
    assert f"{years}年一个周期" in line(result, "cycle-total")["description"]
    assert not any("不一致" in note for note in result["notes"])


@pytest.mark.parametrize(("title", "years", "total", "public"), CYCLES)
def test_2_a_cycle_one_hour_short_fails(title: str, years: int, total: int, public: int) -> None:
    end = 2015 + years - 1
    result = verdict(RULESET, engineer(title), cycle(2015, end), spread(2015, end, total - 1, public))
    assert summary(result, "cycle-total") == (total, total - 1, False, 1)
    assert result["compliant"] is False


def test_2_a_cycle_of_another_length_than_the_titles_is_noted() -> None:
    result = verdict(RULESET, engineer("工程师"), cycle(2015, 2017), [])
    assert any("所评估期间为3年" in note and "5年" in note for note in result["notes"])


def test_2_public_course_records_count_as_the_public_required_course_module() -> None:
    result = verdict(RULESET, engineer("技术员"), cycle(2015, 2016), [rec("2015-03-01", "public", hours=16)])
    assert summary(result, "cycle-public") == (16, 16, True, 0)


def test_days_are_not_counted_because_the_notice_sets_no_hours_per_day() -> None:
    result = verdict(RULESET, engineer("技术员"), cycle(2015, 2016), [rec("2015-03-01", days=10)])
    assert summary(result, "cycle-total")[1] == 0
    assert "折算" in not_counted(result)[0][0]


# 一: who the notice covers ------------------------------------------------------------------------


def test_1_only_the_engineering_series_is_covered() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("general", "intermediate", title="工程师"), cycle(2015, 2019), [])
    assert error.value.field == "person.series"


def test_the_current_title_is_required() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("engineering", "intermediate"), cycle(2015, 2019), [])
    assert error.value.field == "person.title"


def test_titles_outside_the_notice_are_rejected() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("engineering", "intermediate", title="高级技师"), cycle(2015, 2019), [])
    assert error.value.field == "person.title"
    assert "工程师" in error.value.reason


def test_the_notice_has_no_annual_requirement() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, engineer("工程师"), {"kind": "annual", "year": 2015}, [])
    assert error.value.field == "purpose.kind"


def test_promotion_to_technician_is_not_in_the_schedule() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, engineer("助理工程师"), application(2012, "技术员"), [])
    assert error.value.field == "purpose.to_title"
