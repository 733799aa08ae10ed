"""榕人专〔2009〕145号 福州市人事局关于进一步加强专业技术人员继续教育工作的通知."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.rules import CaseError, parameter
from jxjy.rules.tests.builders import annual, cycle, ids, line, not_counted, person, rec, summary, verdict

RULESET = "fuzhou-2009"
ART1 = "榕人专〔2009〕145号 一"


def check(records: list[dict], year: int = 2010, **who: str) -> dict:
    return verdict(RULESET, person(**who), annual(year), records)


def test_art1_72_hours_a_year_is_compliant() -> None:
    result = check([rec("2010-05-01", "professional", hours=48), rec("2010-06-01", "public", hours=24)])
    assert result["compliant"] is True
    assert ids(result) == ["annual-total"]
    assert summary(result, "annual-total") == (72, 72, True, 0)
    assert line(result, "annual-total")["source"] == ART1
    assert "12天或72学时" in line(result, "annual-total")["description"]


def test_art1_71_hours_falls_short_by_one() -> None:
    result = check([rec("2010-05-01", "professional", hours=71)])
    assert result["compliant"] is False
    assert summary(result, "annual-total") == (72, 71, False, 1)


def test_art1_twelve_days_are_72_hours() -> None:
    result = check([rec("2010-05-01", "professional", days=12)])
    assert summary(result, "annual-total") == (72, 72, True, 0)


def test_art1_eleven_and_a_half_days_fall_short_by_3_hours() -> None:
    result = check([rec("2010-05-01", "professional", days=11.5)])
    assert summary(result, "annual-total") == (72, 69, False, 3)


def test_art1_days_and_hours_add_up() -> None:
    result = check([rec("2010-05-01", "professional", days=6), rec("2010-06-01", "professional", hours=36)])
    assert summary(result, "annual-total") == (72, 72, True, 0)


def test_art1_public_hours_count_only_up_to_one_third_of_72_and_the_excess_is_shown() -> None:
    result = check([rec("2010-03-01", "public", hours=30), rec("2010-04-01", "professional", hours=48)])
    assert summary(result, "annual-total") == (72, 72, True, 0)
    [reason] = not_counted(result)[0]
    assert "24学时" in reason and "6学时不计入" in reason


def test_art1_public_hours_only_count_24_of_72() -> None:
    result = check([rec("2010-03-01", "public", hours=72)])
    assert summary(result, "annual-total") == (72, 24, False, 48)
    assert "48学时不计入" in not_counted(result)[0][0]


def test_art1_public_hours_of_exactly_one_third_are_all_counted() -> None:
    result = check([rec("2010-03-01", "public", hours=24), rec("2010-04-01", "professional", hours=48)])
    assert result["not_counted"] == []
    assert result["compliant"] is True


def test_art1_the_public_cap_falls_on_the_later_records() -> None:
    records = [rec("2010-09-01", "public", hours=10), rec("2010-03-01", "public", hours=20)]
    result = check(records + [rec("2010-04-01", "professional", hours=48)])
    assert summary(result, "annual-total") == (72, 72, True, 0)
    assert list(not_counted(result)) == [0]  # the September record, listed first but dated later
    assert "6学时不计入" in not_counted(result)[0][0]


def test_art1_public_days_are_capped_after_conversion_to_hours() -> None:
    result = check([rec("2010-03-01", "public", days=5), rec("2010-04-01", "professional", hours=42)])
    assert summary(result, "annual-total") == (72, 66, False, 6)
    assert "6学时不计入" in not_counted(result)[0][0]


def test_art1_the_public_cap_applies_to_each_year_of_a_cycle() -> None:
    records = [rec("2010-03-01", "public", hours=24), rec("2011-03-01", "public", hours=30)]
    result = verdict(RULESET, person(), cycle(2010, 2011), records)
    assert summary(result, "annual-total-2010")[1] == 24
    assert summary(result, "annual-total-2011")[1] == 24
    assert list(not_counted(result)) == [1]
    assert not_counted(result)[1][0].startswith("2011年度：")


def test_only_records_dated_inside_the_calendar_year_count() -> None:
    records = [
        rec("2009-12-31", hours=72),
        rec("2010-01-01", hours=36),
        rec("2010-12-31", hours=36),
        rec("2011-01-01", hours=72),
    ]
    result = check(records)
    assert summary(result, "annual-total") == (72, 72, True, 0)
    assert sorted(not_counted(result)) == [0, 3]


def test_no_requirement_before_the_notice_of_26_may_2009() -> None:
    with pytest.raises(CaseError) as error:
        check([], year=2008)
    assert error.value.field == "purpose.year"
    assert check([rec("2009-12-01", hours=72)], year=2009)["compliant"] is True


def test_art1_special_rules_of_higher_authorities_prevail_and_credits_are_not_hours() -> None:
    result = check([rec("2010-03-01", credits=30)], series="health")
    assert summary(result, "annual-total")[1] == 0
    assert 0 in not_counted(result)
    assert any("特别规定" in note and ART1 in note for note in result["notes"])


def test_art3_incomplete_hours_bar_the_excellent_grade_note() -> None:
    assert any("优秀等次" in note for note in check([])["notes"])


def test_art4_full_time_teachers_train_at_least_one_month_a_year() -> None:
    assert parameter(RULESET, "provider_teacher_training_months", dt.date(2010, 1, 1)) == (
        1,
        "榕人专〔2009〕145号 四",
    )


def test_attachments_public_notice_of_5_days_and_copies_of_the_application_form() -> None:
    on = dt.date(2010, 1, 1)
    assert parameter(RULESET, "class_public_notice_days", on)[0] == 5
    assert parameter(RULESET, "class_application_copies_county", on)[0] == 4
    assert parameter(RULESET, "class_application_copies_city", on)[0] == 3


def test_parameters_are_not_in_force_before_the_notice() -> None:
    with pytest.raises(CaseError):
        parameter(RULESET, "class_public_notice_days", dt.date(2009, 5, 25))
