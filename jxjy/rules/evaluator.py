"""Evaluating a validated case against a compiled rule set. Nothing here knows any region:
every number, condition and wording specific to a regulation comes from the rule set's data."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from . import explain
from .kinds import KINDS
from .model import RuleSet
from .parameters import number
from .plan import plan_for
from .schema import Case, TitleApplicationPurpose, facts_of
from .windows import PurposeKey


def purpose_key(case: Case) -> PurposeKey:
    purpose = case.purpose
    if purpose.kind == "cycle":
        return PurposeKey("cycle", None, purpose.start, purpose.end)
    assert purpose.kind == "annual" or isinstance(purpose, TitleApplicationPurpose)
    return PurposeKey(purpose.kind, purpose.year, None, None)


def evaluate_case(case: Case, ruleset: RuleSet) -> dict[str, Any]:
    """The verdict (a JSON-able dict shaped like ``schema.Verdict``) for a validated case."""
    return evaluate_plan(ruleset, facts_of(case), purpose_key(case), case.records)


def evaluate_plan(ruleset: RuleSet, facts: dict[str, str | None], key: PurposeKey, records: Sequence[Any]) -> dict[str, Any]:
    """The verdict for the facts and purpose over ``records``: anything with a record's attributes
    (validated ``schema.Record`` objects, or ``schema.Summary`` rows a caller built itself)."""
    plan = plan_for(ruleset, facts, key)
    start, end = plan.start, plan.end

    ordered = sorted(enumerate(records), key=lambda item: (item[1].date, item[0]))
    inside = [(i, r) for i, r in ordered if start <= r.date <= end]
    skipped = plan.years_not_in_force
    not_counted = [
        (i, explain.record_not_in_force(r.date, ruleset) if r.date.year in skipped
         else explain.outside_window(r.date, start, end))
        for i, r in ordered if not start <= r.date <= end
    ]

    by_year: dict[int, list[tuple[int, Any]]] = {}
    for item in inside:
        by_year.setdefault(item[1].date.year, []).append(item)

    lines = []
    used: set[int] = set()
    for scope in plan.scopes:
        window = scope.window
        if window.start.year == window.end.year:  # every window is made of whole calendar years
            records = by_year.get(window.start.year, [])
        else:
            records = [(i, r) for i, r in inside if window.start <= r.date <= window.end]
        tally = KINDS[scope.requirement.kind].count(scope, records)
        used |= tally.used
        not_counted.extend(tally.not_counted)
        required = scope.required
        # met and shortfall agree by construction: both come from the rounded shortfall
        shortfall = None if required is None else number(max(required - tally.counted, 0.0))
        lines.append(
            {
                **scope.line,
                "counted": number(tally.counted),
                "met": None if shortfall is None else shortfall == 0,
                "shortfall": shortfall,
            }
        )

    explained = {i for i, _ in not_counted}
    not_counted.extend(
        (i, explain.matches_nothing()) for i, _ in inside if i not in used and i not in explained
    )
    unique = sorted(dict.fromkeys(not_counted), key=lambda item: item[0])
    return {
        "ruleset": ruleset.id,
        "compliant": all(line["met"] is not False for line in lines),
        "requirements": lines,
        "not_counted": [{"record": i, "reason": reason} for i, reason in unique],
        "notes": list(plan.notes),
    }
