"""Bad input never raises a traceback: every kind of bad case is a CaseError naming the field."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from typing import Any

import pytest

from jxjy.rules import CaseError, UnknownRuleset, evaluate

GOOD: dict[str, Any] = {
    "person": {"series": "general", "level": "intermediate"},
    "purpose": {"kind": "annual", "year": 2017},
    "records": [
        {"date": "2017-03-01", "subject": "public", "form": "distance", "hours": 24},
        {"date": "2017-04-01", "subject": "professional", "form": "centralized", "days": 4},
        {"date": "2017-05-01", "subject": "professional", "form": "centralized", "hours": 24},
    ],
}

Mutation = Callable[[dict[str, Any]], None]


def _set(path: str, value: Any) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = case
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        target[int(last) if last.isdigit() else last] = value

    return mutate


def _drop(path: str) -> Mutation:
    def mutate(case: dict[str, Any]) -> None:
        *parents, last = path.split(".")
        target: Any = case
        for part in parents:
            target = target[int(part)] if part.isdigit() else target[part]
        del target[last]

    return mutate


BAD: list[Any] = [
    pytest.param(_set("records.2.hours", -1), "records[2].hours", "must be >= 0", id="negative-hours"),
    pytest.param(_set("records.1.days", -0.5), "records[1].days", "must be >= 0", id="negative-days"),
    pytest.param(_set("records.0.credits", -3), "records[0].credits", "must be >= 0", id="negative-credits"),
    pytest.param(_set("records.0.hours", "24"), "records[0].hours", "must be a number", id="hours-as-text"),
    pytest.param(_set("records.0.hours", True), "records[0].hours", "must be a number", id="hours-as-bool"),
    pytest.param(
        _set("records.0.hours", float("inf")), "records[0].hours", "must be a finite number", id="infinite"
    ),
    pytest.param(
        _set("records.0.date", "2017-02-30"), "records[0].date", "is not a real calendar date", id="feb-30"
    ),
    pytest.param(
        _set("records.0.date", "2017-13-01"), "records[0].date", "is not a real calendar date", id="month-13"
    ),
    pytest.param(_set("records.0.date", "2017/03/01"), "records[0].date", "YYYY-MM-DD", id="slashes"),
    pytest.param(_set("records.0.date", 20170301), "records[0].date", "YYYY-MM-DD", id="date-as-number"),
    pytest.param(_set("records.0.date", "2017-03-01T10:00"), "records[0].date", "YYYY-MM-DD", id="datetime"),
    pytest.param(_drop("records.0.date"), "records[0].date", "field required", id="no-date"),
    pytest.param(
        _set("records.0.form", "online"), "records[0].form", "must be one of: centralized", id="bad-form"
    ),
    pytest.param(
        _set("records.0.subject", "general"), "records[0].subject", "public, professional", id="bad-subject"
    ),
    pytest.param(_drop("records.0.subject"), "records[0].subject", "field required", id="no-subject"),
    pytest.param(_drop("records.0.hours"), "records[0]", "one of hours, days, credits", id="no-amount"),
    pytest.param(
        _set("records.0.credit_class", "III"), "records[0].credit_class", "I, II", id="credit-class"
    ),
    pytest.param(
        _set("records.0.required_course", "yes"), "records[0].required_course", "true or false", id="flag"
    ),
    pytest.param(_set("records.0.course", ""), "records[0].course", "must not be empty", id="empty-course"),
    pytest.param(_set("records.0.hour", 3), "records[0].hour", "unknown field", id="typo-field"),
    pytest.param(_set("records.1", "x"), "records[1]", "must be an object", id="record-not-object"),
    pytest.param(_set("records", {}), "records", "must be an array", id="records-not-array"),
    pytest.param(_drop("records"), "records", "field required", id="no-records"),
    pytest.param(_set("person.series", "medical"), "person.series", "general, engineering", id="bad-series"),
    pytest.param(_set("person.level", "expert"), "person.level", "none, junior", id="bad-level"),
    pytest.param(_drop("person.level"), "person.level", "field required", id="no-level"),
    pytest.param(
        _set("person.health_facility", "grade3"), "person.health_facility", "grade1", id="bad-facility"
    ),
    pytest.param(_set("person.title", 7), "person.title", "must be a string", id="title-not-text"),
    pytest.param(_drop("person"), "person", "field required", id="no-person"),
    pytest.param(
        _set("purpose.kind", "monthly"), "purpose.kind", "annual, cycle, title_application", id="bad-kind"
    ),
    pytest.param(_drop("purpose.kind"), "purpose.kind", "field required", id="no-kind"),
    pytest.param(_set("purpose.year", "2017"), "purpose.year", "must be an integer", id="year-as-text"),
    pytest.param(_set("purpose.year", 2017.5), "purpose.year", "must be an integer", id="year-fraction"),
    pytest.param(_set("purpose.year", 1900), "purpose.year", "must be >= 1949", id="year-too-early"),
    pytest.param(_drop("purpose.year"), "purpose.year", "field required", id="no-year"),
    pytest.param(
        _set("purpose", {"kind": "cycle", "start": 2018, "end": 2016}),
        "purpose.end",
        ">= purpose.start",
        id="cycle-backwards",
    ),  # fmt: skip
    pytest.param(
        _set("purpose", {"kind": "cycle", "start": 2018}), "purpose.end", "field required", id="no-end"
    ),
    pytest.param(
        _set("purpose", {"kind": "title_application", "year": 2012}),
        "purpose.to_title",
        "field required",
        id="no-to-title",
    ),  # fmt: skip
    pytest.param(_set("purpose", []), "purpose", "must be an object", id="purpose-not-object"),
    pytest.param(_set("extra", 1), "extra", "unknown field", id="unknown-top-level"),
]


@pytest.mark.parametrize(("mutate", "field", "reason"), BAD)
def test_bad_input_is_a_case_error_naming_the_field(mutate: Mutation, field: str, reason: str) -> None:
    case = copy.deepcopy(GOOD)
    mutate(case)
    with pytest.raises(CaseError) as error:
        evaluate(case, "changzhou-2011")
    assert error.value.field == field
    assert reason in error.value.reason
    message = str(error.value)
    assert message == f"{field}: {error.value.reason}"
    assert "\n" not in message


def test_the_good_case_is_valid() -> None:
    assert evaluate(copy.deepcopy(GOOD), "changzhou-2011")["compliant"] is True


def test_the_example_in_the_issue_negative_hours_message() -> None:
    case = copy.deepcopy(GOOD)
    case["records"][2]["hours"] = -1
    with pytest.raises(CaseError, match=r"^records\[2\]\.hours: must be >= 0$"):
        evaluate(case, "changzhou-2011")


def test_every_problem_is_listed_and_the_first_is_the_headline() -> None:
    case = copy.deepcopy(GOOD)
    case["records"][0]["hours"] = -1
    case["records"][1]["form"] = "web"
    with pytest.raises(CaseError) as error:
        evaluate(case, "changzhou-2011")
    assert [field for field, _ in error.value.errors] == ["records[0].hours", "records[1].form"]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        pytest.param('{"person": ', "malformed JSON at line 1", id="truncated"),
        pytest.param("", "malformed JSON", id="empty"),
        pytest.param("[1, 2]", "must be a JSON object", id="array"),
        pytest.param("null", "must be a JSON object", id="null"),
        pytest.param(b"\xff\xfe{", "UTF-8", id="not-utf8"),
    ],
)
def test_malformed_json_is_a_case_error_on_the_whole_case(text: str | bytes, reason: str) -> None:
    with pytest.raises(CaseError) as error:
        evaluate(text, "changzhou-2011")
    assert error.value.field == "case"
    assert reason in error.value.reason


def test_nan_in_json_text_is_rejected() -> None:
    text = json.dumps(GOOD).replace('"hours": 24}', '"hours": NaN}', 1)
    with pytest.raises(CaseError) as error:
        evaluate(text, "changzhou-2011")
    assert error.value.field == "records[0].hours"


def test_a_case_may_be_given_as_json_text() -> None:
    assert evaluate(json.dumps(GOOD), "changzhou-2011") == evaluate(copy.deepcopy(GOOD), "changzhou-2011")


def test_an_unknown_rule_set_is_its_own_error() -> None:
    with pytest.raises(UnknownRuleset) as error:
        evaluate(copy.deepcopy(GOOD), "shanghai-2020")
    assert str(error.value).startswith("ruleset: unknown rule set 'shanghai-2020'")
    assert "changzhou-2011" in str(error.value)


@pytest.mark.parametrize(
    ("ruleset", "who", "purpose", "field"),
    [
        ("wenzhou-2009-engineering", {"series": "general", "level": "junior"}, {"kind": "cycle", "start": 2015, "end": 2016},
         "person.series"),
        ("wenzhou-2009-engineering", {"series": "engineering", "level": "junior"}, {"kind": "cycle", "start": 2015, "end": 2016},
         "person.title"),
        ("quanzhou-luojiang-2017", {"series": "health", "level": "junior"}, {"kind": "annual", "year": 2018},
         "person.health_facility"),
        ("quanzhou-luojiang-2017", {"series": "school_teacher", "level": "junior"}, {"kind": "annual", "year": 2018},
         "purpose.kind"),
        ("changzhou-2011", {"series": "general", "level": "junior"}, {"kind": "title_application", "year": 2018,
         "to_title": "工程师"}, "purpose.kind"),
        ("henan-2012", {"series": "general", "level": "junior"}, {"kind": "cycle", "start": 2010, "end": 2011},
         "purpose.start"),
    ],
)  # fmt: skip
def test_cases_a_rule_set_cannot_evaluate_name_the_field(
    ruleset: str, who: dict, purpose: dict, field: str
) -> None:
    with pytest.raises(CaseError) as error:
        evaluate({"person": who, "purpose": purpose, "records": []}, ruleset)
    assert error.value.field == field
