"""A standing is the engine's verdict over the person's records summarised per year: for every rule
set, person profile and annual or cycle purpose, the summaries give the same verdict, counts and
shortfalls as the raw records (no database needed)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from hypothesis import given
from hypothesis import strategies as st

from jxjy.records.services.standings import _summary, case_record, summarise
from jxjy.rules import evaluate, evaluate_summaries
from jxjy.rules.bench import make_purpose
from jxjy.rules.loader import ruleset_ids
from jxjy.rules.tests.test_properties import SETTINGS, _profiles, records


@st.composite
def setups(draw: st.DrawFn) -> tuple[str, dict[str, Any], dict[str, Any]]:
    ruleset_id = draw(st.sampled_from(ruleset_ids()))
    choices = [(p, t) for p, t in _profiles(ruleset_id) if t[0] in ("annual", "cycle")]
    person, template = draw(st.sampled_from(choices))
    return ruleset_id, person, make_purpose(template, draw(st.integers(2018, 2024)))


def _row(record: dict[str, Any]) -> dict[str, Any]:
    """A raw record as the database hands it to `summarise` (amounts are decimals)."""
    def dec(name: str) -> Decimal | None:
        return None if name not in record else Decimal(str(record[name]))

    return {
        "professional_id": 1, "year": dt.date.fromisoformat(record["date"]).year, "make_up_for_year": None,
        "subject": record["subject"], "form": record["form"], "credit_class": record.get("credit_class", ""),
        "general_practice": record.get("general_practice", False),
        "required_course": record.get("required_course", False), "course": record.get("course", ""),
        "hours": dec("hours"), "days": dec("days"), "credits": dec("credits"),
    }


@SETTINGS
@given(setup=setups(), raw=st.lists(records(dt.date(2017, 6, 1), dt.date(2029, 12, 31)), max_size=25))
def test_summarised_records_give_the_engines_verdict_over_the_raw_records(
    setup: tuple[str, dict[str, Any], dict[str, Any]], raw: list[dict[str, Any]]
) -> None:
    ruleset_id, person, purpose = setup
    # the database keeps one decimal place
    raw = [{**r, **{k: round(float(r[k]), 1) for k in ("hours", "days", "credits") if k in r}} for r in raw]
    direct = evaluate({"person": person, "purpose": purpose, "records": raw}, ruleset_id)
    by_year = summarise(_row(r) for r in raw)
    first, last = (purpose["year"], purpose["year"]) if purpose["kind"] == "annual" else (purpose["start"], purpose["end"])
    summaries = [case_record(s) for y in range(first, last + 1) for s in by_year.get(y, [])]
    summarised = evaluate({"person": person, "purpose": purpose, "records": summaries}, ruleset_id)
    # the standings' own path: trusted summaries, no validation, same plan and counting
    trusted = evaluate_summaries(
        person, purpose, [_summary(s) for y in range(first, last + 1) for s in by_year.get(y, [])], ruleset_id)
    for verdict in (summarised, trusted):
        assert verdict["compliant"] == direct["compliant"]
        for a, b in zip(verdict["requirements"], direct["requirements"], strict=True):
            assert a["id"] == b["id"] and a["met"] == b["met"], (a, b)
            assert abs(a["counted"] - b["counted"]) < 1e-6
            assert abs((a["shortfall"] or 0) - (b["shortfall"] or 0)) < 1e-6
