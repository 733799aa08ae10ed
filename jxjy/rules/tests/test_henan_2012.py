"""河南省《关于进一步加强全省专业技术人员继续教育工作的意见》（2012-09-11）三（四）."""

from __future__ import annotations

import pytest

from jxjy.rules import CaseError
from jxjy.rules.tests.builders import annual, cycle, ids, line, not_counted, person, rec, summary, verdict

RULESET = "henan-2012"
ART3_4 = "河南省《关于进一步加强全省专业技术人员继续教育工作的意见》 三（四）"

# level: (total, professional, public)
HOURS = {"senior": (86, 60, 26), "intermediate": (86, 60, 26), "junior": (74, 52, 22)}


def check(records: list[dict], level: str, year: int = 2014, series: str = "general") -> dict:
    return verdict(RULESET, person(series, level), annual(year), records)


@pytest.mark.parametrize("level", HOURS)
def test_art3_4_yearly_hours_by_title_level_are_met_exactly(level: str) -> None:
    total, professional, public = HOURS[level]
    records = [
        rec("2014-03-01", "professional", hours=professional),
        rec("2014-05-01", "public", hours=public),
    ]
    result = check(records, level)
    assert result["compliant"] is True
    assert ids(result) == ["annual-total", "annual-professional", "annual-public"]
    assert summary(result, "annual-total") == (total, total, True, 0)
    assert summary(result, "annual-professional") == (professional, professional, True, 0)
    assert summary(result, "annual-public") == (public, public, True, 0)
    assert {r["source"] for r in result["requirements"]} == {ART3_4}


@pytest.mark.parametrize("level", HOURS)
def test_art3_4_one_professional_hour_short_fails_professional_and_total(level: str) -> None:
    total, professional, public = HOURS[level]
    records = [
        rec("2014-03-01", "professional", hours=professional - 1),
        rec("2014-05-01", "public", hours=public),
    ]
    result = check(records, level)
    assert summary(result, "annual-professional") == (professional, professional - 1, False, 1)
    assert summary(result, "annual-total") == (total, total - 1, False, 1)
    assert result["compliant"] is False


@pytest.mark.parametrize("level", HOURS)
def test_art3_4_public_hours_have_their_own_minimum(level: str) -> None:
    total, professional, public = HOURS[level]
    records = [
        rec("2014-03-01", "professional", hours=professional + 10),
        rec("2014-05-01", "public", hours=public - 1),
    ]
    result = check(records, level)
    assert summary(result, "annual-total")[2] is True
    assert summary(result, "annual-public") == (public, public - 1, False, 1)
    assert result["compliant"] is False


def test_art3_4_the_description_gives_the_clock_hours_of_the_document() -> None:
    assert "86学时（64小时）" in line(check([], "senior"), "annual-total")["description"]
    assert "74学时（56小时）" in line(check([], "junior"), "annual-total")["description"]


def test_art3_4_a_class_hour_is_about_45_minutes_only_as_a_note() -> None:
    result = check([rec("2014-03-01", hours=64)], "senior")
    assert summary(result, "annual-total")[1] == 64  # 学时 are never converted from clock hours
    assert any("45分钟" in note and "64小时" in note for note in result["notes"])


def test_art3_4_people_without_a_title_have_no_number_in_the_source_and_do_not_fail() -> None:
    result = check([rec("2014-03-01", hours=10)], "none")
    assert result["compliant"] is True
    for requirement_id in ("annual-total", "annual-professional", "annual-public"):
        found = line(result, requirement_id)
        assert (found["required"], found["met"], found["shortfall"]) == (None, None, None)
        assert "not specified by the source" in found["description"]
    assert summary(result, "annual-total")[1] == 10
    assert any("未取得职称人员" in note for note in result["notes"])


def test_days_are_not_converted_because_the_document_sets_no_hours_per_day() -> None:
    result = check([rec("2014-03-01", days=20)], "junior")
    assert summary(result, "annual-total")[1] == 0
    assert "折算" in not_counted(result)[0][0]


def test_only_records_dated_inside_the_calendar_year_count() -> None:
    records = [
        rec("2013-12-31", hours=86),
        rec("2014-01-01", hours=60),
        rec("2014-12-31", "public", hours=26),
    ]
    records.append(rec("2015-01-01", hours=86))
    result = check(records, "senior")
    assert result["compliant"] is True
    assert sorted(not_counted(result)) == [0, 3]


def test_a_cycle_is_checked_year_by_year() -> None:
    records = [
        rec("2014-03-01", hours=60),
        rec("2014-03-02", "public", hours=26),
        rec("2015-03-01", hours=86),
    ]
    result = verdict(RULESET, person("general", "senior"), cycle(2014, 2015), records)
    assert summary(result, "annual-total-2014")[2] is True
    assert summary(result, "annual-public-2015") == (26, 0, False, 26)


def test_no_requirement_before_the_opinion_of_11_september_2012() -> None:
    with pytest.raises(CaseError) as error:
        check([], "senior", year=2011)
    assert error.value.field == "purpose.year"
    assert check([], "senior", year=2012)["requirements"][0]["required"] == 86


def test_credit_based_sectors_are_left_to_separate_measures() -> None:
    result = check([rec("2014-03-01", credits=25)], "senior", series="health")
    assert 0 in not_counted(result)
    assert any("学分制" in note for note in result["notes"])
