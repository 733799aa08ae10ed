"""Properties over generated cases (hypothesis), across every rule set and person profile."""

from __future__ import annotations

import datetime as dt
import functools
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from jxjy.rules import evaluate
from jxjy.rules.bench import make_purpose, profiles
from jxjy.rules.evaluator import purpose_key
from jxjy.rules.loader import load_ruleset, ruleset_ids
from jxjy.rules.plan import plan_for
from jxjy.rules.schema import facts_of, parse_case

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@functools.cache
def _profiles(ruleset_id: str) -> list[tuple[dict[str, Any], tuple[str, str | None]]]:
    return profiles(ruleset_id)


@st.composite
def setups(draw: st.DrawFn) -> tuple[str, dict[str, Any], dict[str, Any]]:
    """(rule set, person, purpose) that the rule set can evaluate."""
    ruleset_id = draw(st.sampled_from(ruleset_ids()))
    person, template = draw(st.sampled_from(_profiles(ruleset_id)))
    return ruleset_id, person, make_purpose(template, draw(st.integers(2018, 2024)))


def records(first: dt.date, last: dt.date) -> st.SearchStrategy[dict[str, Any]]:
    amount = st.one_of(st.integers(0, 60), st.sampled_from([0.5, 1.5, 2.25, 23.9, 0.1]))
    return st.fixed_dictionaries(
        {
            "date": st.dates(first, last).map(dt.date.isoformat),
            "subject": st.sampled_from(["public", "professional"]),
            "form": st.sampled_from(
                ["centralized", "distance", "self_study", "conference", "degree", "overseas"]
            ),
        },
        optional={
            "hours": amount,
            "days": st.sampled_from([0.5, 1, 2, 5]),
            "credits": amount,
            "course": st.sampled_from(["职业道德", "法律法规", "科学素养"]),
            "required_course": st.booleans(),
            "credit_class": st.sampled_from(["I", "II"]),
            "general_practice": st.booleans(),
        },
    ).filter(lambda r: any(k in r for k in ("hours", "days", "credits")))


ANY_RECORD = records(dt.date(2016, 1, 1), dt.date(2030, 12, 31))


def _lines(verdict: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {line["id"]: line for line in verdict["requirements"]}


@SETTINGS
@given(setup=setups(), base=st.lists(ANY_RECORD, max_size=12), extra=ANY_RECORD)
def test_adding_a_record_never_turns_compliant_into_not_compliant(
    setup: tuple[str, dict[str, Any], dict[str, Any]], base: list[dict[str, Any]], extra: dict[str, Any]
) -> None:
    ruleset_id, person, purpose = setup
    before = evaluate({"person": person, "purpose": purpose, "records": base}, ruleset_id)
    after = evaluate({"person": person, "purpose": purpose, "records": [*base, extra]}, ruleset_id)
    if before["compliant"]:
        assert after["compliant"]
    lines_before, lines_after = _lines(before), _lines(after)
    assert lines_before.keys() == lines_after.keys()
    for requirement_id, line in lines_before.items():
        assert lines_after[requirement_id]["counted"] >= line["counted"], requirement_id


@SETTINGS
@given(setup=setups(), base=st.lists(ANY_RECORD, max_size=12), data=st.data())
def test_records_outside_the_window_never_change_the_verdict(
    setup: tuple[str, dict[str, Any], dict[str, Any]], base: list[dict[str, Any]], data: st.DataObject
) -> None:
    ruleset_id, person, purpose = setup
    case = {"person": person, "purpose": purpose, "records": base}
    parsed = parse_case(case)
    plan = plan_for(load_ruleset(ruleset_id), facts_of(parsed), purpose_key(parsed))
    outside = st.one_of(
        records(dt.date(2000, 1, 1), plan.start - dt.timedelta(days=1)),
        records(plan.end + dt.timedelta(days=1), dt.date(2040, 12, 31)),
    )
    extra = data.draw(st.lists(outside, min_size=1, max_size=5))
    before = evaluate(case, ruleset_id)
    after = evaluate({**case, "records": [*base, *extra]}, ruleset_id)
    assert after["compliant"] == before["compliant"]
    assert after["requirements"] == before["requirements"]
    assert after["notes"] == before["notes"]
    added = [entry for entry in after["not_counted"] if entry["record"] >= len(base)]
    assert sorted(entry["record"] for entry in added) == list(range(len(base), len(base) + len(extra)))
    assert all("不在评估期间" in entry["reason"] for entry in added)
    assert [e for e in after["not_counted"] if e["record"] < len(base)] == before["not_counted"]


@SETTINGS
@given(setup=setups(), base=st.lists(ANY_RECORD, max_size=12))
def test_verdicts_are_well_formed_and_consistent(
    setup: tuple[str, dict[str, Any], dict[str, Any]], base: list[dict[str, Any]]
) -> None:
    ruleset_id, person, purpose = setup
    verdict = evaluate({"person": person, "purpose": purpose, "records": base}, ruleset_id)
    assert verdict["ruleset"] == ruleset_id
    for line in verdict["requirements"]:
        assert line["source"] and line["description"]
        if line["required"] is None:
            assert line["met"] is None and line["shortfall"] is None
        else:
            assert line["met"] == (line["shortfall"] == 0)
            assert (
                line["shortfall"] == max(line["required"] - line["counted"], 0)
                or abs(line["shortfall"] - (line["required"] - line["counted"])) < 1e-6
            )
    assert verdict["compliant"] == all(line["met"] is not False for line in verdict["requirements"])
    assert all(0 <= entry["record"] < len(base) for entry in verdict["not_counted"])
