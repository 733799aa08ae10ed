"""泉洛政人社[2017]27号 洛江区关于规范开展专业技术人员继续教育培训和年度验证工作的通知.

一（三）1 enterprises and institutions; 一（三）2 continuing medical education (credits);
一（三）3 primary and secondary school teachers' 5-year cycle.
"""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.rules import CaseError, parameter
from jxjy.rules.tests.builders import annual, cycle, ids, line, not_counted, person, rec, summary, verdict

RULESET = "quanzhou-luojiang-2017"
DOC = "泉洛政人社[2017]27号"


def general(records: list[dict], year: int = 2018, series: str = "general") -> dict:
    return verdict(RULESET, person(series), annual(year), records)


def health(records: list[dict], purpose: dict | None = None, facility: str = "grade2_or_below") -> dict:
    return verdict(RULESET, person("health", health_facility=facility), purpose or annual(2018), records)


def teacher(records: list[dict], start: int = 2018, end: int = 2022) -> dict:
    return verdict(RULESET, person("school_teacher"), cycle(start, end), records)


# 一（三）1 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("series", ["general", "engineering"])
def test_1_3_1_ninety_hours_a_year_with_sixty_professional_is_compliant(series: str) -> None:
    result = general(
        [rec("2018-03-01", "professional", hours=60), rec("2018-04-01", "public", hours=30)], series=series
    )
    assert result["compliant"] is True
    assert ids(result) == ["annual-total", "annual-professional", "annual-public"]
    assert summary(result, "annual-total") == (90, 90, True, 0)
    assert summary(result, "annual-professional") == (60, 60, True, 0)
    assert line(result, "annual-total")["source"] == f"{DOC} 一（三）1"


def test_1_3_1_eighty_nine_hours_fall_short_by_one() -> None:
    result = general([rec("2018-03-01", "professional", hours=60), rec("2018-04-01", "public", hours=29)])
    assert summary(result, "annual-total") == (90, 89, False, 1)
    assert result["compliant"] is False


def test_1_3_1_fifty_nine_professional_hours_fall_short_even_with_ninety_in_total() -> None:
    result = general([rec("2018-03-01", "professional", hours=59), rec("2018-04-01", "public", hours=31)])
    assert summary(result, "annual-professional") == (60, 59, False, 1)
    assert result["compliant"] is False


def test_1_3_1_the_public_share_is_not_specified_by_the_source_and_does_not_fail() -> None:
    result = general([rec("2018-03-01", "professional", hours=90)])
    public = line(result, "annual-public")
    assert (public["required"], public["counted"], public["met"], public["shortfall"]) == (
        None,
        0,
        None,
        None,
    )
    assert "not specified by the source" in public["description"]
    assert "省人社厅" in public["source"]
    assert result["compliant"] is True


def test_days_are_not_counted_because_the_notice_sets_no_hours_per_day() -> None:
    result = general([rec("2018-03-01", "professional", days=15)])
    assert summary(result, "annual-total")[1] == 0
    assert "折算" in not_counted(result)[0][0]


def test_only_records_dated_inside_the_calendar_year_count() -> None:
    records = [
        rec("2017-12-31", hours=90),
        rec("2018-01-01", hours=60),
        rec("2018-12-31", "public", hours=30),
    ]
    result = general(records + [rec("2019-01-01", hours=90)])
    assert result["compliant"] is True
    assert sorted(not_counted(result)) == [0, 3]


def test_no_requirement_before_the_notice_of_3_march_2017() -> None:
    with pytest.raises(CaseError) as error:
        general([], year=2016)
    assert error.value.field == "purpose.year"
    assert "2017-03-03" in error.value.reason


# 一（三）2 ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("facility", ["grade1", "grade2_or_below"])
def test_1_3_2_twenty_five_credits_a_year_are_compliant(facility: str) -> None:
    result = health(
        [rec("2018-03-01", credits=15, credit_class="II"), rec("2018-05-01", credits=10)], facility=facility
    )
    assert ids(result) == ["annual-credits"]
    assert summary(result, "annual-credits") == (25, 25, True, 0)
    assert line(result, "annual-credits")["unit"] == "学分"
    assert result["compliant"] is True


def test_1_3_2_twenty_four_credits_fall_short_by_one() -> None:
    result = health([rec("2018-03-01", credits=24)])
    assert summary(result, "annual-credits") == (25, 24, False, 1)


def test_1_3_2_class_one_credits_are_not_required() -> None:
    result = health([rec("2018-03-01", credits=25, credit_class="II")])
    assert result["compliant"] is True
    assert any("Ⅰ类学分不做硬性要求" in note for note in result["notes"])


def test_1_3_2_distance_credits_count_at_most_twelve_a_year() -> None:
    result = health(
        [rec("2018-03-01", "professional", "distance", credits=20), rec("2018-05-01", credits=10)]
    )
    assert summary(result, "annual-credits") == (25, 22, False, 3)
    [reason] = not_counted(result)[0]
    assert "12分" in reason and "8学分不计入" in reason


def test_1_3_2_twelve_distance_credits_are_all_counted() -> None:
    result = health(
        [rec("2018-03-01", "professional", "distance", credits=12), rec("2018-05-01", credits=13)]
    )
    assert summary(result, "annual-credits") == (25, 25, True, 0)
    assert result["not_counted"] == []


def test_1_3_2_the_distance_cap_is_per_year_within_a_cycle() -> None:
    records = [rec("2018-03-01", form="distance", credits=12), rec("2019-03-01", form="distance", credits=12)]
    records += [rec("2018-05-01", credits=13), rec("2019-05-01", credits=13)]
    result = health(records, cycle(2018, 2019))
    assert summary(result, "annual-credits-2018") == (25, 25, True, 0)
    assert summary(result, "annual-credits-2019") == (25, 25, True, 0)


def test_1_3_2_hours_are_not_credits() -> None:
    result = health([rec("2018-03-01", hours=90)])
    assert summary(result, "annual-credits")[1] == 0
    assert "学分" in not_counted(result)[0][0]


def test_1_3_2_grade_one_facilities_need_ten_general_practice_credits_per_cycle() -> None:
    records = [rec(f"{year}-03-01", credits=25, general_practice=year == 2019) for year in range(2018, 2021)]
    result = health(records, cycle(2018, 2020), facility="grade1")
    assert ids(result) == [
        "annual-credits-2018",
        "annual-credits-2019",
        "annual-credits-2020",
        "cycle-general-practice-credits",
    ]
    assert summary(result, "cycle-general-practice-credits") == (10, 25, True, 0)
    assert result["compliant"] is True


def test_1_3_2_nine_general_practice_credits_in_a_cycle_fall_short() -> None:
    records = [
        rec("2018-03-01", credits=25),
        rec("2019-03-01", credits=16),
        rec("2019-04-01", credits=9, general_practice=True),
    ]
    result = health(records, cycle(2018, 2019), facility="grade1")
    assert summary(result, "cycle-general-practice-credits") == (10, 9, False, 1)
    assert result["compliant"] is False


def test_1_3_2_general_practice_credits_are_not_required_below_grade_one_level_facilities() -> None:
    result = health([rec("2018-03-01", credits=25)], cycle(2018, 2018))
    assert "cycle-general-practice-credits" not in ids(result)


def test_1_3_2_an_annual_check_of_a_grade_one_facility_notes_the_per_cycle_requirement() -> None:
    result = health([rec("2018-03-01", credits=25)], facility="grade1")
    assert ids(result) == ["annual-credits"]
    assert any("全科医学" in note and "cycle" in note for note in result["notes"])


def test_1_3_2_the_health_series_must_say_which_level_of_facility() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("health"), annual(2018), [])
    assert error.value.field == "person.health_facility"


# 一（三）3 ---------------------------------------------------------------------------------------

TWO_COURSES = [
    rec("2019-03-01", "public", "self_study", hours=10, course="专业技术人员职业道德", required_course=True),
    rec("2020-03-01", "public", "self_study", hours=10, course="法律法规", required_course=True),
]


def test_1_3_3_a_cycle_with_one_centralized_training_and_two_required_courses_is_compliant() -> None:
    result = teacher([rec("2018-07-01", form="centralized", hours=24), *TWO_COURSES])
    assert ids(result) == [
        "cycle-total",
        "cycle-centralized-or-distance-training",
        "cycle-public-required-courses",
    ]
    assert summary(result, "cycle-centralized-or-distance-training") == (1, 1, True, 0)
    assert line(result, "cycle-centralized-or-distance-training")["unit"] == "次"
    assert summary(result, "cycle-public-required-courses") == (2, 2, True, 0)
    assert line(result, "cycle-public-required-courses")["unit"] == "门"
    assert result["compliant"] is True


def test_1_3_3_a_distance_training_also_satisfies_the_training_requirement() -> None:
    result = teacher([rec("2018-07-01", form="distance", hours=24), *TWO_COURSES])
    assert summary(result, "cycle-centralized-or-distance-training")[2] is True


def test_1_3_3_without_a_centralized_or_distance_training_the_cycle_fails() -> None:
    result = teacher([rec("2018-07-01", form="conference", hours=24), *TWO_COURSES])
    assert summary(result, "cycle-centralized-or-distance-training") == (1, 0, False, 1)
    assert result["compliant"] is False


def test_1_3_3_one_required_course_taken_twice_is_one_course() -> None:
    again = rec(
        "2021-03-01", "public", "self_study", hours=10, course="专业技术人员职业道德", required_course=True
    )
    result = teacher([rec("2018-07-01", hours=24), TWO_COURSES[0], again])
    assert summary(result, "cycle-public-required-courses") == (2, 1, False, 1)


def test_1_3_3_public_courses_that_are_not_required_courses_do_not_count() -> None:
    elective = rec("2021-03-01", "public", "self_study", hours=10, course="科学素养")
    result = teacher([rec("2018-07-01", hours=24), TWO_COURSES[0], elective])
    assert summary(result, "cycle-public-required-courses")[1] == 1


def test_1_3_3_a_required_course_without_a_name_cannot_be_counted_as_a_course() -> None:
    unnamed = rec("2021-03-01", "public", "self_study", hours=10, required_course=True)
    result = teacher([rec("2018-07-01", hours=24), TWO_COURSES[0], unnamed])
    assert summary(result, "cycle-public-required-courses")[1] == 1
    assert "课程名称" in not_counted(result)[2][0]


def test_1_3_3_the_teachers_cycle_total_is_not_specified_by_the_source_and_does_not_fail() -> None:
    result = teacher([rec("2018-07-01", hours=24), *TWO_COURSES])
    total = line(result, "cycle-total")
    assert (total["required"], total["counted"], total["met"], total["shortfall"]) == (None, 44, None, None)
    assert "not specified by the source" in total["description"]


def test_1_3_3_the_cycle_is_five_years_and_a_shorter_window_is_noted() -> None:
    five = teacher([])
    assert not any("不一致" in note for note in five["notes"])
    four = teacher([], 2018, 2021)
    assert sum("所评估期间为4年" in note and "5年" in note for note in four["notes"]) == 1


def test_1_3_3_records_outside_the_cycle_do_not_count() -> None:
    result = teacher(
        [rec("2017-12-31", form="centralized", hours=24), rec("2023-01-01", form="distance", hours=24)]
    )
    assert summary(result, "cycle-centralized-or-distance-training")[1] == 0
    assert sorted(not_counted(result)) == [0, 1]


def test_1_3_3_teachers_are_checked_per_cycle_not_per_year() -> None:
    with pytest.raises(CaseError) as error:
        verdict(RULESET, person("school_teacher"), annual(2018), [])
    assert error.value.field == "purpose.kind"
    assert "cycle" in error.value.reason


# 一（五）、二 procedure numbers ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "value", "article"),
    [
        ("class_plan_due_month", 2, "一（五）1"),
        ("class_application_lead_working_days", 10, "一（五）2"),
        ("hours_recognition_days", 30, "一（五）3"),
        ("sign_ins_per_half_day", 1, "一（五）3"),
        ("verification_due_month", 2, "二（一）"),
        ("verification_max_deferral_years", 2, "二（三）2"),
        ("teacher_record_checks_per_year", 1, "二（一）"),
    ],
)
def test_procedure_numbers_are_cited(name: str, value: int, article: str) -> None:
    found, reference = parameter(RULESET, name, dt.date(2018, 1, 1))
    assert found == value
    assert reference.startswith(f"{DOC} {article}")
