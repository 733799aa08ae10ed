"""Edge cases of the engine (issue 13 item 5): a first-time junior applicant has no title, and a
window that starts before a rule set took effect is evaluated for the years in force only."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from jxjy.rules import CaseError, evaluate_summaries
from jxjy.rules.cli import main
from jxjy.rules.schema import Summary
from jxjy.rules.tests.builders import (
    application,
    case,
    cycle,
    ids,
    not_counted,
    person,
    rec,
    summary,
    verdict,
)

WENZHOU = "wenzhou-2009-engineering"
LUOJIANG = "quanzhou-luojiang-2017"


# 温经贸培训〔2009〕74号 二：初次申报初级的人员继续教育脱产学习要达16学时 ---------------------------


@pytest.mark.parametrize("no_title", [{}, {"title": None}, {"title": ""}, {"title": "  "}])
@pytest.mark.parametrize("to_title", ["技术员", "助理工程师"])
def test_wenzhou_2_a_first_time_junior_applicant_without_a_title_needs_16_hours(
    no_title: dict, to_title: str
) -> None:
    who = person("engineering", "none", **no_title)
    result = verdict(WENZHOU, who, application(2012, to_title), [rec("2012-05-01", hours=16)])
    assert ids(result) == ["first-junior-application"]
    assert summary(result, "first-junior-application") == (16, 16, True, 0)
    assert result["requirements"][0]["source"] == "温经贸培训〔2009〕74号 二"


def test_wenzhou_2_the_first_application_is_short_at_15_hours_and_counts_the_application_year_only() -> None:
    who = person("engineering", "none", title="")
    records = [rec("2011-12-31", hours=16), rec("2012-05-01", hours=15)]
    result = verdict(WENZHOU, who, application(2012, "技术员"), records)
    assert summary(result, "first-junior-application") == (16, 15, False, 1)
    assert list(not_counted(result)) == [0]


def test_wenzhou_2_a_first_application_is_only_for_a_junior_title() -> None:
    with pytest.raises(CaseError) as error:
        verdict(WENZHOU, person("engineering", "none", title=""), application(2012, "工程师"), [])
    assert error.value.field == "purpose.to_title"


def test_wenzhou_2_a_titled_engineer_with_a_blank_title_is_still_asked_for_the_title() -> None:
    with pytest.raises(CaseError) as error:
        verdict(WENZHOU, person("engineering", "junior", title=""), application(2012, "工程师"), [])
    assert error.value.field == "person.title"


def test_stored_summaries_treat_a_blank_title_as_none() -> None:
    facts = {"series": "engineering", "level": "none", "title": ""}
    row = Summary(date=dt.date(2012, 5, 1), subject="professional", form="centralized",
                  hours=16.0, days=None, credits=None, course=None, required_course=False, credit_class=None,
                  general_practice=False, count=1)
    result = evaluate_summaries(facts, {"kind": "title_application", "year": 2012, "to_title": "技术员"}, [row], WENZHOU)
    assert result["compliant"] is True


# A cycle that starts before the rule set took effect (泉洛政人社[2017]27号, 2017-03-03) -------------


def health_cycle(records: list[dict], start: int = 2015, end: int = 2019) -> dict:
    return verdict(LUOJIANG, person("health", health_facility="grade1"), cycle(start, end), records)


def test_a_luojiang_medical_cycle_from_2015_is_evaluated_for_2017_to_2019_only() -> None:
    records = [
        rec("2015-05-01", credits=30),
        rec("2017-01-10", credits=25, general_practice=True),
        rec("2018-05-01", credits=25),
        rec("2019-05-01", credits=25),
    ]
    result = health_cycle(records)
    assert result["compliant"] is True
    assert ids(result) == ["annual-credits-2017", "annual-credits-2018", "annual-credits-2019",
                           "cycle-general-practice-credits"]
    [reason] = not_counted(result)[0]
    assert "2015年度不在泉洛政人社[2017]27号的施行期间" in reason
    assert "2017-03-03" in reason
    assert any(n.startswith("2015—2016年不在泉洛政人社[2017]27号的施行期间") for n in result["notes"])
    assert result["notes"][0] == "评估期间：2017-01-01至2019-12-31，只计入该期间内的记录。"


def test_the_years_in_force_still_judge_a_short_year() -> None:
    result = health_cycle([rec("2017-05-01", credits=25, general_practice=True), rec("2018-05-01", credits=24),
                           rec("2019-05-01", credits=25)])
    assert result["compliant"] is False
    assert summary(result, "annual-credits-2018") == (25, 24, False, 1)


def test_a_teachers_cycle_from_2015_names_its_shortened_length() -> None:
    records = [rec("2016-05-01", "public", required_course=True, course="A"),
               rec("2018-05-01", "public", required_course=True, course="B", hours=1),
               rec("2019-05-01", "public", form="distance", required_course=True, course="C", hours=1)]
    records[0]["hours"] = 1
    result = verdict(LUOJIANG, person("school_teacher"), cycle(2015, 2019), records)
    assert "cycle-total" in ids(result)
    assert summary(result, "cycle-public-required-courses")[1] == 2  # the 2016 course is not in force
    assert any("所评估期间为3年" in n for n in result["notes"])


def test_a_window_wholly_before_the_rule_set_is_still_refused_naming_the_date() -> None:
    with pytest.raises(CaseError) as error:
        health_cycle([], 2014, 2016)
    assert error.value.field == "purpose.start"
    assert "2017-03-03" in error.value.reason


def test_rules_check_evaluates_the_first_junior_applicant_with_an_empty_title(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """`jxjy rules check` used to refuse this case with "person.title: must not be empty"."""
    path = tmp_path / "case.json"
    who = person("engineering", "none", title="")
    path.write_text(json.dumps(case(who, application(2012, "助理工程师"), [rec("2012-05-01", hours=16)])),
                    encoding="utf-8")
    assert main(["check", WENZHOU, str(path)]) == 0
    out = capsys.readouterr()
    assert out.err == "" and json.loads(out.out)["compliant"] is True


def test_rules_check_evaluates_a_luojiang_cycle_from_2015(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "case.json"
    path.write_text(json.dumps(case(person("health", health_facility="grade2_or_below"), cycle(2015, 2019), [])),
                    encoding="utf-8")
    assert main(["check", LUOJIANG, str(path)]) == 1  # evaluated (and short), not refused
    assert "2015—2016年不在" in capsys.readouterr().out
