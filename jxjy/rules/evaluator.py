"""Evaluating a validated case against a compiled rule set. Nothing here knows any region:
every number, condition and wording specific to a regulation comes from the rule set's data."""

from __future__ import annotations

import datetime as dt
from typing import Any

from . import explain
from .errors import CaseError
from .kinds import KINDS, Scope
from .model import Requirement, RuleSet, unmet_conditions
from .parameters import Lookup, number
from .schema import Case
from .windows import WINDOW_KINDS, Window, purpose_window

_EPSILON = 1e-9


def _check_applies(ruleset: RuleSet, case: Case) -> None:
    failed, missing = unmet_conditions(ruleset.applies_to, case)
    for condition in missing:
        raise CaseError(condition.path, f"field required by rule set {ruleset.id}")
    for condition in failed:
        allowed = ", ".join(sorted(condition.allowed))
        raise CaseError(
            condition.path, f"must be one of: {allowed} (rule set {ruleset.id} covers only these)"
        )


def _no_requirement(ruleset: RuleSet, case: Case) -> CaseError:
    """Explain why nothing applies: name the purpose kind or detail that this person could use."""
    person_only = [
        r
        for r in ruleset.requirements
        if not any(unmet_conditions(tuple(c for c in r.when if c.path.startswith("person.")), case))
    ]
    if not person_only:
        return CaseError(
            "person", f"rule set {ruleset.id} sets no requirement for this person's series and level"
        )
    kinds = sorted({k for r in person_only for c in r.when if c.path == "purpose.kind" for k in c.allowed})
    if case.purpose.kind not in kinds:
        return CaseError(
            "purpose.kind", f"must be one of: {', '.join(kinds)} for this person (rule set {ruleset.id})"
        )
    for requirement in person_only:
        for condition in requirement.when:
            if condition.path.startswith("purpose.") and condition.path != "purpose.kind":
                allowed = sorted(
                    v for r in person_only for c in r.when if c.path == condition.path for v in c.allowed
                )
                return CaseError(
                    condition.path,
                    f"must be one of: {', '.join(allowed)} for this person (rule set {ruleset.id})",
                )
    return CaseError("purpose", f"rule set {ruleset.id} sets no requirement for this person and purpose")


def _applicable(ruleset: RuleSet, case: Case) -> list[Requirement]:
    chosen = []
    for requirement in ruleset.requirements:
        failed, missing = unmet_conditions(requirement.when, case)
        if failed:
            continue
        if missing:
            raise CaseError(missing[0].path, f"field required by rule set {ruleset.id}")
        chosen.append(requirement)
    if not chosen:
        raise _no_requirement(ruleset, case)
    return chosen


def _in_force(ruleset: RuleSet, window: Window, on: dt.date, date_field: str) -> None:
    if on < ruleset.effective_from:
        raise CaseError(
            date_field,
            f"rule set {ruleset.id} ({ruleset.document}) is in force from {ruleset.effective_from.isoformat()}",
        )
    if ruleset.effective_to is not None and window.start > ruleset.effective_to:
        raise CaseError(
            date_field,
            f"rule set {ruleset.id} ({ruleset.document}) ended on {ruleset.effective_to.isoformat()}",
        )


def _scope(
    requirement: Requirement,
    ruleset: RuleSet,
    case: Case,
    window: Window,
    date_field: str,
    suffix: str,
    prefix: str,
) -> Scope:
    _in_force(ruleset, window, window.end, date_field)
    lookup = Lookup(case, window.end, date_field, ruleset.id)
    conversions = []
    for conversion in ruleset.conversions:
        if conversion.unit == requirement.unit:
            factor, _ = conversion.factor.at(lookup)
            if factor is not None:
                conversions.append((conversion.source_field, factor))
    return Scope(requirement, ruleset, window, lookup, tuple(conversions), requirement.id + suffix, prefix)


def _scopes(requirements: list[Requirement], ruleset: RuleSet, case: Case) -> tuple[list[Scope], list[str]]:
    scopes: list[tuple[tuple[dt.date, int], Scope]] = []
    notes: list[str] = []
    purpose = case.purpose
    for order, requirement in enumerate(requirements):
        if requirement.window is not None:
            window, window_notes = WINDOW_KINDS[requirement.window.kind](requirement.window, case, ruleset)
            date_field = "purpose.year"
            notes.extend(n for n in window_notes if n not in notes)
        else:
            window, date_field = purpose_window(purpose)
        if requirement.period == "year":
            split = purpose.kind != "annual"
            for year_window in window.calendar_years():
                year = year_window.start.year
                suffix, prefix = (f"-{year}", explain.year_prefix(year)) if split else ("", "")
                scope = _scope(requirement, ruleset, case, year_window, date_field, suffix, prefix)
                scopes.append(((year_window.end, order), scope))
        else:
            scope = _scope(requirement, ruleset, case, window, date_field, "", "")
            scopes.append(((window.end, order), scope))
    scopes.sort(key=lambda item: item[0])
    return [scope for _, scope in scopes], notes


def _line(scope: Scope, counted: float) -> tuple[dict[str, Any], str | None]:
    requirement = scope.requirement
    required, reference = requirement.amount.at(scope.lookup)
    note = None
    if requirement.expected_years is not None:
        expected, _ = requirement.expected_years.at(scope.lookup)
        if expected is not None and int(expected) != scope.window.year_count:
            note = explain.cycle_length_mismatch(scope.window.year_count, int(expected))
    if required is None:
        description = explain.unspecified(requirement.name)
        met: bool | None = None
        shortfall: float | None = None
    else:
        purpose = scope.lookup.case.purpose
        description = explain.render(
            requirement.description,
            scope.ruleset,
            scope.lookup,
            required=explain.amount(required),
            unit=requirement.unit,
            start_year=scope.window.start.year,
            end_year=scope.window.end.year,
            years=scope.window.year_count,
            title=scope.lookup.case.person.title or "",
            to_title=getattr(purpose, "to_title", "") or "",
        )
        met = counted + _EPSILON >= required
        shortfall = number(max(required - counted, 0.0))
    line = {
        "id": scope.id,
        "description": scope.prefix + description,
        "unit": requirement.unit,
        "required": None if required is None else number(required),
        "counted": number(counted),
        "met": met,
        "shortfall": shortfall,
        "source": reference or requirement.source,
    }
    return line, note


def evaluate_case(case: Case, ruleset: RuleSet) -> dict[str, Any]:
    """The verdict (a JSON-able dict shaped like ``schema.Verdict``) for a validated case."""
    _check_applies(ruleset, case)
    scopes, notes = _scopes(_applicable(ruleset, case), ruleset, case)

    start = min(s.window.start for s in scopes)
    end = max(s.window.end for s in scopes)
    ordered = sorted(enumerate(case.records), key=lambda item: (item[1].date, item[0]))
    inside = [(i, r) for i, r in ordered if start <= r.date <= end]
    not_counted = [
        (i, explain.outside_window(r.date, start, end)) for i, r in ordered if not start <= r.date <= end
    ]

    lines = []
    used: set[int] = set()
    for scope in scopes:
        records = [(i, r) for i, r in inside if scope.window.contains(r.date)]
        tally = KINDS[scope.requirement.kind].count(scope, records)
        used |= tally.used
        not_counted.extend(tally.not_counted)
        line, note = _line(scope, tally.counted)
        lines.append(line)
        if note is not None and note not in notes:
            notes.append(note)

    explained = {i for i, _ in not_counted}
    not_counted.extend(
        (i, explain.matches_nothing()) for i, _ in inside if i not in used and i not in explained
    )

    lookup = Lookup(case, end, scopes[0].lookup.date_field, ruleset.id)
    data_notes = [
        explain.note(explain.render(rule.text, ruleset, lookup), rule.source)
        for rule in ruleset.notes
        if unmet_conditions(rule.when, case) == ([], [])
    ]
    unique = sorted(dict.fromkeys(not_counted), key=lambda item: item[0])
    return {
        "ruleset": ruleset.id,
        "compliant": all(line["met"] is not False for line in lines),
        "requirements": lines,
        "not_counted": [{"record": i, "reason": reason} for i, reason in unique],
        "notes": [explain.window_note(start, end), *notes, *data_notes],
    }
