"""The library's public API: signatures, JSON-able verdicts matching the published schema, speed."""

from __future__ import annotations

import json
import time

import pytest

import jxjy.rules as rules
from jxjy.rules import Case, CaseError, UnknownRuleset, Verdict, evaluate, list_rulesets
from jxjy.rules.bench import generate
from jxjy.rules.tests.builders import line, not_counted

ISSUE_EXAMPLE = {
    "person": {"series": "engineering", "level": "intermediate", "title": "工程师", "health_facility": "grade2_or_below"},
    "purpose": {"kind": "annual", "year": 2017},
    "records": [
        {"date": "2017-05-02", "subject": "professional", "form": "centralized", "hours": 6},
        {"date": "2017-06-01", "subject": "public", "form": "distance", "hours": 3, "course": "专业技术人员职业道德",
         "required_course": True},
        {"date": "2017-07-01", "subject": "professional", "form": "distance", "credits": 5, "credit_class": "II",
         "general_practice": True},
        {"date": "2017-08-01", "subject": "professional", "form": "centralized", "days": 2},
    ],
}  # fmt: skip


def test_the_public_api_is_exported() -> None:
    for name in ("evaluate", "list_rulesets", "CaseError", "UnknownRuleset", "Case", "Verdict"):
        assert name in rules.__all__


def test_the_issues_example_case_against_changzhou() -> None:
    verdict = evaluate(ISSUE_EXAMPLE, "changzhou-2011")
    Verdict.model_validate(verdict)
    json.dumps(verdict, ensure_ascii=False)
    assert line(verdict, "annual-total")["counted"] == 6 + 3 + 2 * 6
    assert line(verdict, "annual-public")["counted"] == 3
    assert list(not_counted(verdict)) == [2]  # credits are not 学时
    assert verdict["compliant"] is False


@pytest.mark.parametrize("ruleset_id", [r["id"] for r in list_rulesets()])
def test_verdicts_match_the_published_verdict_schema(ruleset_id: str) -> None:
    for case, case_ruleset in generate(200, seed=7):
        if case_ruleset == ruleset_id:
            verdict = evaluate(case, ruleset_id)
            assert Verdict.model_validate(verdict).model_dump(mode="json") == json.loads(json.dumps(verdict))


def test_case_and_verdict_have_json_schemas_for_openapi() -> None:
    case_schema = Case.model_json_schema()
    assert {"person", "purpose", "records"} <= set(case_schema["properties"])
    assert set(case_schema["required"]) == {"person", "purpose", "records"}
    verdict_schema = Verdict.model_json_schema()
    assert set(verdict_schema["properties"]) == {
        "ruleset",
        "compliant",
        "requirements",
        "not_counted",
        "notes",
    }


def test_errors_format_as_field_colon_reason() -> None:
    assert str(CaseError("records[2].hours", "must be >= 0")) == "records[2].hours: must be >= 0"
    assert "ruleset: unknown rule set 'x'" in str(UnknownRuleset("x"))


def test_evaluating_one_case_takes_well_under_a_millisecond_after_start_up() -> None:
    """Fresh, varied cases (most need a plan of their own); CPU time, so a busy machine does not count."""
    cases = generate(1500, seed=11)
    for case, ruleset_id in cases[:30]:
        evaluate(case, ruleset_id)  # start-up: data files parsed, code warmed
    means = []
    for batch in (cases[0:500], cases[500:1000], cases[1000:1500]):
        started = time.process_time()
        for case, ruleset_id in batch:
            evaluate(case, ruleset_id)
        means.append((time.process_time() - started) / len(batch))
    assert min(means) < 0.001, [f"{m * 1e6:.0f} µs per case" for m in means]
