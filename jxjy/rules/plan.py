"""Everything about a verdict that does not depend on the records: which requirements apply,
their windows, the amounts in force, descriptions and notes. Memoised, since many cases share
a rule set, person profile and purpose."""

from __future__ import annotations

import datetime as dt
import functools
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from . import explain
from .errors import CaseError
from .kinds import Scope
from .model import Requirement, RuleSet, unmet_conditions
from .parameters import Lookup, number
from .schema import FACT_PATHS
from .windows import WINDOW_KINDS, PurposeKey, Window, purpose_window

Facts = Mapping[str, str | None]


@dataclass(frozen=True, slots=True)
class Plan:
    scopes: tuple[Scope, ...]
    start: dt.date  # the union of the scopes' windows
    end: dt.date
    notes: tuple[str, ...]
    # Years of the purpose's window in which the rule set was not in force (not evaluated).
    years_not_in_force: frozenset[int] = frozenset()


def _check_applies(ruleset: RuleSet, facts: Facts) -> None:
    failed, missing = unmet_conditions(ruleset.applies_to, facts)
    for condition in missing:
        raise CaseError(condition.path, f"field required by rule set {ruleset.id}")
    for condition in failed:
        allowed = ", ".join(sorted(condition.allowed))
        raise CaseError(
            condition.path, f"must be one of: {allowed} (rule set {ruleset.id} covers only these)"
        )


def _no_requirement(ruleset: RuleSet, facts: Facts) -> CaseError:
    """Explain why nothing applies: name the purpose kind or detail that this person could use."""
    for_person = [
        r
        for r in ruleset.requirements
        if unmet_conditions(tuple(c for c in r.when if c.path.startswith("person.")), facts) == ([], [])
    ]
    if not for_person:
        return CaseError(
            "person", f"rule set {ruleset.id} sets no requirement for this person's series and level"
        )
    kinds = sorted({k for r in for_person for c in r.when if c.path == "purpose.kind" for k in c.allowed})
    if facts["purpose.kind"] not in kinds:
        return CaseError(
            "purpose.kind", f"must be one of: {', '.join(kinds)} for this person (rule set {ruleset.id})"
        )
    details = sorted(
        {c.path for r in for_person for c in r.when if c.path.startswith("purpose.")} - {"purpose.kind"}
    )
    for path in details:
        allowed = sorted({v for r in for_person for c in r.when if c.path == path for v in c.allowed})
        return CaseError(
            path, f"must be one of: {', '.join(allowed)} for this person (rule set {ruleset.id})"
        )
    return CaseError("purpose", f"rule set {ruleset.id} sets no requirement for this person and purpose")


def _applicable(ruleset: RuleSet, facts: Facts) -> list[Requirement]:
    chosen = []
    for requirement in ruleset.requirements:
        failed, missing = unmet_conditions(requirement.when, facts)
        if failed:
            continue
        if missing:
            raise CaseError(missing[0].path, f"field required by rule set {ruleset.id}")
        chosen.append(requirement)
    if not chosen:
        raise _no_requirement(ruleset, facts)
    return chosen


def _check_in_force(ruleset: RuleSet, window: Window, date_field: str) -> None:
    if window.end < ruleset.effective_from:
        raise CaseError(
            date_field,
            f"rule set {ruleset.id} ({ruleset.document}) is in force from {ruleset.effective_from.isoformat()}",
        )
    if ruleset.effective_to is not None and window.start > ruleset.effective_to:
        raise CaseError(
            date_field,
            f"rule set {ruleset.id} ({ruleset.document}) ended on {ruleset.effective_to.isoformat()}",
        )


def _years_in_force(ruleset: RuleSet, window: Window) -> Window | None:
    """The whole calendar years of ``window`` in which the rule set is in force for at least a day,
    or None when there are none."""
    first, last = window.start.year, window.end.year
    first = max(first, ruleset.effective_from.year)
    if ruleset.effective_to is not None:
        last = min(last, ruleset.effective_to.year)
    return Window.years(first, last) if first <= last else None


def _scope(
    requirement: Requirement, ruleset: RuleSet, facts: Facts, window: Window, date_field: str, split: bool
) -> tuple[Scope, str | None]:
    _check_in_force(ruleset, window, date_field)
    lookup = Lookup(facts, window.end, date_field, ruleset.id)
    suffix, prefix = (f"-{window.start.year}", explain.year_prefix(window.start.year)) if split else ("", "")
    conversions = []
    for conversion in ruleset.conversions:
        if conversion.unit == requirement.unit:
            factor, _ = conversion.factor.at(lookup)
            if factor is not None:
                conversions.append((conversion.source_field, factor))
    caps = []
    for cap in requirement.caps:
        limit, _ = cap.amount.at(lookup)
        if limit is not None:
            caps.append((cap, limit))
    required, reference = requirement.amount.at(lookup)
    if required is None:
        description = explain.unspecified(requirement.name)
    else:
        description = explain.render(
            requirement.description,
            ruleset,
            lookup,
            required=explain.amount(required),
            unit=requirement.unit,
            start_year=window.start.year,
            end_year=window.end.year,
            years=window.year_count,
            title=facts.get("person.title") or "",
            to_title=facts.get("purpose.to_title") or "",
        )
    note = None
    if requirement.expected_years is not None:
        expected, _ = requirement.expected_years.at(lookup)
        if expected is not None and int(expected) != window.year_count:
            note = explain.cycle_length_mismatch(window.year_count, int(expected))
    line: dict[str, Any] = {
        "id": requirement.id + suffix,
        "description": prefix + description,
        "unit": requirement.unit,
        "required": None if required is None else number(required),
        "source": reference or requirement.source,
    }
    scope = Scope(
        requirement, ruleset, window, lookup, tuple(conversions), tuple(caps), prefix, required, line
    )
    return scope, note


@functools.lru_cache(maxsize=65536)
def _cached_scope(
    requirement: Requirement,
    ruleset: RuleSet,
    fact_values: tuple[str | None, ...],
    window: Window,
    date_field: str,
    split: bool,
) -> tuple[Scope, str | None]:
    """Scopes recur across plans (overlapping cycles, people differing in facts a rule ignores)."""
    facts = dict(zip(FACT_PATHS, fact_values, strict=True))
    return _scope(requirement, ruleset, facts, window, date_field, split)


@functools.lru_cache(maxsize=8192)
def _cached_plan(ruleset: RuleSet, fact_values: tuple[str | None, ...], purpose: PurposeKey) -> Plan:
    facts = dict(zip(FACT_PATHS, fact_values, strict=True))
    _check_applies(ruleset, facts)
    ordered: list[tuple[tuple[dt.date, int], Scope]] = []
    notes: list[str] = []
    skipped: set[int] = set()
    for order, requirement in enumerate(_applicable(ruleset, facts)):
        if requirement.window is not None:
            window, window_notes = WINDOW_KINDS[requirement.window.kind](
                requirement.window, purpose, facts, ruleset
            )
            date_field = "purpose.year"
            notes.extend(window_notes)
        else:
            window, date_field = purpose_window(purpose)
            in_force = _years_in_force(ruleset, window)
            if in_force is None:
                _check_in_force(ruleset, window, date_field)  # raises: no year of the window is in force
            elif in_force != window:
                skipped.update(y for y in range(window.start.year, window.end.year + 1)
                               if not in_force.start.year <= y <= in_force.end.year)
                window = in_force
        windows = window.calendar_years() if requirement.period == "year" else [window]
        split = requirement.period == "year" and purpose.kind != "annual"
        for each in windows:
            scope, note = _cached_scope(requirement, ruleset, fact_values, each, date_field, split)
            ordered.append(((each.end, order), scope))
            if note is not None:
                notes.append(note)
    ordered.sort(key=lambda item: item[0])  # by year, then in the data file's order
    scopes = tuple(scope for _, scope in ordered)
    start = min(s.window.start for s in scopes)
    end = max(s.window.end for s in scopes)
    lookup = Lookup(facts, end, scopes[0].lookup.date_field, ruleset.id)
    data_notes = [
        explain.note(explain.render(rule.text, ruleset, lookup), rule.source)
        for rule in ruleset.notes
        if unmet_conditions(rule.when, facts) == ([], [])
    ]
    if skipped:
        notes.insert(0, explain.years_not_in_force(ruleset, sorted(skipped)))
    all_notes = [explain.window_note(start, end), *notes, *data_notes]
    return Plan(scopes, start, end, tuple(dict.fromkeys(all_notes)), frozenset(skipped))


def plan_for(ruleset: RuleSet, facts: Facts, purpose: PurposeKey) -> Plan:
    """The plan for a rule set, a case's facts and its purpose (see ``_cached_plan``)."""
    return _cached_plan(ruleset, tuple(facts.get(path) for path in FACT_PATHS), purpose)
