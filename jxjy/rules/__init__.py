"""Rules as code for continuing-education (继续教育) requirements.

Pure Python, no Django. Each regulation is a data file in ``data/`` whose every number carries its
citation and effective dates; ``evaluate`` checks a case against one and explains the verdict.

    >>> from jxjy.rules import evaluate
    >>> [r["id"] for r in list_rulesets()]          # the regulations available
    >>> evaluate({"person": {...}, "purpose": {...}, "records": [...]}, ruleset_id)
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from .errors import CaseError, RulesetDataError, UnknownRuleset
from .evaluator import evaluate_case, evaluate_plan
from .loader import load_ruleset, ruleset_ids, ruleset_version
from .parameters import Lookup, number
from .procedures import Procedure, ProcedureSpec, catalogue
from .procedures import lookup as _procedure_lookup
from .schema import Case, NotCounted, RequirementResult, RulesetInfo, Summary, Verdict, parse_case
from .windows import PurposeKey

__all__ = [
    "Case",
    "CaseError",
    "NotCounted",
    "RequirementResult",
    "RulesetDataError",
    "RulesetInfo",
    "Summary",
    "UnknownRuleset",
    "Verdict",
    "evaluate",
    "evaluate_summaries",
    "cycle_of",
    "list_rulesets",
    "load_ruleset_info",
    "parameter",
    "Procedure",
    "procedure",
    "procedure_catalogue",
    "procedures_of",
    "parse_case",
    "ruleset_version",
]


def evaluate(case: dict[str, Any] | str | bytes | Case, ruleset_id: str) -> dict[str, Any]:
    """Evaluate ``case`` (a dict, JSON text or ``Case``) against rule set ``ruleset_id``.

    Returns the verdict as a JSON-able dict shaped like ``Verdict``. Raises ``UnknownRuleset`` for
    an unknown id and ``CaseError`` (with the offending field) for input that cannot be evaluated.
    """
    ruleset = load_ruleset(ruleset_id)
    return evaluate_case(parse_case(case), ruleset)


def evaluate_summaries(
    person: dict[str, Any], purpose: dict[str, Any], summaries: list[Summary], ruleset_id: str
) -> dict[str, Any]:
    """Like ``evaluate``, for summaries the caller built itself from trusted data (stored
    standings): person and purpose are plain facts, the records are not validated again. The
    plan and the counting are the same code as ``evaluate``'s."""
    ruleset = load_ruleset(ruleset_id)
    facts = {
        "person.series": person.get("series"), "person.level": person.get("level"),
        "person.title": person.get("title") or None, "person.health_facility": person.get("health_facility"),
        "purpose.kind": purpose["kind"], "purpose.to_title": purpose.get("to_title"),
    }
    if purpose["kind"] == "annual":
        key = PurposeKey("annual", int(purpose["year"]), None, None)
    elif purpose["kind"] == "cycle":
        key = PurposeKey("cycle", None, int(purpose["start"]), int(purpose["end"]))
    else:
        key = PurposeKey(purpose["kind"], int(purpose["year"]), None, None)
    return evaluate_plan(ruleset, facts, key, summaries)


def cycle_of(
    ruleset_id: str, person: dict[str, Any], year: int, title_obtained_year: int | None = None
) -> tuple[int, int, str] | None:
    """The cycle (first year, last year, citation) of ``year`` for a person the rule set judges by
    cycles (its ``cycles`` section), or None when it judges the person year by year."""
    ruleset = load_ruleset(ruleset_id)
    facts = {"person.series": person.get("series"), "person.level": person.get("level"),
             "person.title": person.get("title"), "person.health_facility": person.get("health_facility"),
             "purpose.kind": "cycle", "purpose.to_title": None}
    for rule in ruleset.cycles:
        if any(facts.get(c.path) not in c.allowed for c in rule.when):
            continue
        try:
            length, _ref = rule.years.at(Lookup(facts, dt.date(year, 12, 31), "year", ruleset_id))
        except CaseError:
            return None  # e.g. a title the cycle lengths do not name
        if not length:
            return None
        base = rule.first_year
        if rule.anchor == "title_obtained" and title_obtained_year is not None:
            base = max(base, title_obtained_year + 1)
        if year < base:
            return None
        n = int(length)
        start = base + (year - base) // n * n
        return start, start + n - 1, rule.reference
    return None


def load_ruleset_info(ruleset_id: str) -> dict[str, str | None]:
    """One rule set's ``{id, title, document, region, effective_from, effective_to}``."""
    return load_ruleset(ruleset_id).info()


def list_rulesets() -> list[dict[str, str | None]]:
    """Every rule set as ``{id, title, document, region, effective_from, effective_to}``."""
    return [load_ruleset(ruleset_id).info() for ruleset_id in ruleset_ids()]


def parameter(
    ruleset_id: str, name: str, on: dt.date, key: str | None = None
) -> tuple[int | float | None, str]:
    """A rule set's parameter in force on ``on`` (``key`` for keyed ones), with its citation.

    For parts of the system outside evaluation that need a cited number, e.g. how many days a
    class application is publicly noticed. ``None`` means the source states no number.
    """
    ruleset = load_ruleset(ruleset_id)
    if name not in ruleset.parameters and name in catalogue():
        found = procedure(ruleset_id, name, on)
        if found.is_default:
            raise CaseError("on", f"rule set {ruleset_id} ({ruleset.document}) states no {name} in force on {on.isoformat()}")
        if not isinstance(found.value, int | float) or isinstance(found.value, bool):
            raise TypeError(f"{name} is not a number; use procedure()")
        return found.value, found.reference
    param = ruleset.parameters[name]
    facts = {} if param.by is None else {param.by: key}
    entry = param.at(Lookup(facts, on, "on", ruleset_id))
    return (None if entry.value is None else number(entry.value)), entry.reference


def procedure(ruleset_id: str | None, name: str, on: dt.date) -> Procedure:
    """A procedural parameter (see ``procedures.yaml``) for the region whose rule set is
    ``ruleset_id``, in force on ``on``: ``(value, reference, is_default)``.

    The rule set's own value when its document states one (cited); otherwise the system default,
    whose reference starts with "默认（default）". ``None`` (a region without a rule set) gives the
    default. An unknown name is a ``KeyError``.
    """
    section = load_ruleset(ruleset_id).procedures if ruleset_id else None
    return _procedure_lookup(section, name, on)


def procedure_catalogue() -> dict[str, ProcedureSpec]:
    """Every procedural parameter: description, unit, type and default."""
    return dict(catalogue())


def procedures_of(ruleset_id: str | None, on: dt.date) -> dict[str, Procedure]:
    """Every procedural parameter in force on ``on`` for the rule set (cited or default)."""
    return {name: procedure(ruleset_id, name, on) for name in catalogue()}
