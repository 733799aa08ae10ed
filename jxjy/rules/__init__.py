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
from .evaluator import evaluate_case
from .loader import load_ruleset, ruleset_ids, ruleset_version
from .parameters import Lookup, number
from .schema import Case, NotCounted, RequirementResult, RulesetInfo, Verdict, parse_case

__all__ = [
    "Case",
    "CaseError",
    "NotCounted",
    "RequirementResult",
    "RulesetDataError",
    "RulesetInfo",
    "UnknownRuleset",
    "Verdict",
    "evaluate",
    "list_rulesets",
    "parameter",
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
    param = load_ruleset(ruleset_id).parameters[name]
    facts = {} if param.by is None else {param.by: key}
    entry = param.at(Lookup(facts, on, "on", ruleset_id))
    return (None if entry.value is None else number(entry.value)), entry.reference
