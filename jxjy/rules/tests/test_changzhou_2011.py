"""常人社发〔2011〕11号 常州市专业技术人员继续教育管理和考核办法（试行）."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.rules import CaseError, parameter
from jxjy.rules.tests.builders import annual, cycle, ids, line, not_counted, person, rec, summary, verdict

RULESET = "changzhou-2011"
ART10 = "常人社发〔2011〕11号 第十条"


def check(records: list[dict], year: int = 2012, **who: str) -> dict:
    return verdict(RULESET, person(**who), annual(year), records)


def test_art10_72_hours_a_year_with_24_public_and_48_professional_is_compliant() -> None:
    result = check([rec("2012-03-01", "public", hours=24), rec("2012-04-01", "professional", hours=48)])
    assert result["compliant"] is True
    assert ids(result) == ["annual-total", "annual-public", "annual-professional"]
    assert summary(result, "annual-total") == (72, 72, True, 0)
    assert summary(result, "annual-public") == (24, 24, True, 0)
    assert summary(result, "annual-professional") == (48, 48, True, 0)
    assert {r["source"] for r in result["requirements"]} == {ART10}
    assert {r["unit"] for r in result["requirements"]} == {"学时"}


def test_art10_71_hours_falls_short_of_72_by_one() -> None:
    result = check([rec("2012-03-01", "public", hours=24), rec("2012-04-01", "professional", hours=47)])
    assert result["compliant"] is False
    assert summary(result, "annual-total") == (72, 71, False, 1)
    assert summary(result, "annual-professional") == (48, 47, False, 1)
    assert summary(result, "annual-public") == (24, 24, True, 0)


def test_art10_public_subjects_need_24_hours_even_when_the_total_is_reached() -> None:
    result = check([rec("2012-03-01", "public", hours=23), rec("2012-04-01", "professional", hours=60)])
    assert summary(result, "annual-total") == (72, 83, True, 0)
    assert summary(result, "annual-public") == (24, 23, False, 1)
    assert result["compliant"] is False


def test_art10_professional_subjects_need_48_hours_even_when_the_total_is_reached() -> None:
    result = check([rec("2012-03-01", "public", hours=30), rec("2012-04-01", "professional", hours=47)])
    assert summary(result, "annual-professional") == (48, 47, False, 1)
    assert result["compliant"] is False


def test_art10_four_days_public_and_eight_days_professional_at_6_hours_a_day_are_compliant() -> None:
    result = check([rec("2012-03-01", "public", days=4), rec("2012-04-01", "professional", days=8)])
    assert summary(result, "annual-public") == (24, 24, True, 0)
    assert summary(result, "annual-professional") == (48, 48, True, 0)
    assert summary(result, "annual-total") == (72, 72, True, 0)
    assert result["not_counted"] == []


def test_art10_half_a_day_is_3_hours_and_eleven_and_a_half_days_fall_short_by_3() -> None:
    result = check([rec("2012-03-01", "public", days=4), rec("2012-04-01", "professional", days=7.5)])
    assert summary(result, "annual-total") == (72, 69, False, 3)
    assert summary(result, "annual-professional") == (48, 45, False, 3)


def test_art10_a_record_with_both_hours_and_days_counts_its_hours() -> None:
    result = check([rec("2012-03-01", "professional", hours=10, days=1)])
    assert summary(result, "annual-total")[1] == 10


def test_art10_decimal_hours_that_add_up_to_the_minimum_meet_it() -> None:
    records = [rec("2012-03-01", "public", hours=23.9), rec("2012-03-02", "public", hours=0.1)]
    records.append(rec("2012-03-03", "professional", hours=48))
    result = check(records)
    assert summary(result, "annual-public") == (24, 24, True, 0)


def test_only_records_dated_inside_the_calendar_year_count() -> None:
    records = [
        rec("2011-12-31", "professional", hours=10),
        rec("2012-01-01", "public", hours=24),
        rec("2012-12-31", "professional", hours=48),
        rec("2013-01-01", "professional", hours=10),
    ]
    result = check(records)
    assert summary(result, "annual-total") == (72, 72, True, 0)
    reasons = not_counted(result)
    assert sorted(reasons) == [0, 3]
    assert "2011-12-31" in reasons[0][0] and "不在评估期间" in reasons[0][0]


def test_art27_no_requirement_is_in_force_before_1_february_2011() -> None:
    with pytest.raises(CaseError) as error:
        check([], year=2010)
    assert error.value.field == "purpose.year"
    assert "2011-02-01" in error.value.reason


def test_art27_the_year_2011_is_evaluated_against_the_trial_measures() -> None:
    result = check(
        [rec("2011-01-15", "public", hours=24), rec("2011-06-01", "professional", hours=48)], year=2011
    )
    assert result["compliant"] is True


def test_art11_a_cycle_is_checked_year_by_year() -> None:
    records = [rec("2012-03-01", "public", hours=24), rec("2012-04-01", "professional", hours=48)]
    records += [rec("2013-03-01", "public", hours=24), rec("2013-04-01", "professional", hours=40)]
    result = verdict(RULESET, person(), cycle(2012, 2013), records)
    assert ids(result) == [
        "annual-total-2012", "annual-public-2012", "annual-professional-2012",
        "annual-total-2013", "annual-public-2013", "annual-professional-2013",
    ]  # fmt: skip
    assert summary(result, "annual-total-2012") == (72, 72, True, 0)
    assert summary(result, "annual-professional-2013") == (48, 40, False, 8)
    assert line(result, "annual-total-2013")["description"].startswith("2013年度：")
    assert result["compliant"] is False


def test_art11_hours_of_one_year_do_not_make_up_for_another() -> None:
    records = [rec("2012-03-01", "public", hours=48), rec("2012-04-01", "professional", hours=96)]
    result = verdict(RULESET, person(), cycle(2012, 2013), records)
    assert summary(result, "annual-total-2012")[2] is True
    assert summary(result, "annual-total-2013") == (72, 0, False, 72)


def test_art9_credit_records_do_not_count_as_hours() -> None:
    result = check([rec("2012-03-01", "professional", credits=25)], series="health")
    assert summary(result, "annual-total")[1] == 0
    assert "学分" in not_counted(result)[0][0]
    assert any("学分制" in note and "第九条" in note for note in result["notes"])


def test_art9_public_subjects_are_completed_with_the_online_pass_certificate() -> None:
    result = check([])
    assert any("公共科目合格证" in note and "第九条" in note for note in result["notes"])


def test_art23_units_failing_the_check_lose_1_to_2_percent_of_the_excellent_quota() -> None:
    on = dt.date(2012, 1, 1)
    assert parameter(RULESET, "excellent_quota_reduction_min", on) == (
        0.01,
        "常人社发〔2011〕11号 第二十三条（核减1%—2%）",
    )
    assert parameter(RULESET, "excellent_quota_reduction_max", on)[0] == 0.02
