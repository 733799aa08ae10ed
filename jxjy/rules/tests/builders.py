"""Small builders so rule tests read like the articles they check."""

from __future__ import annotations

from typing import Any

from jxjy.rules import evaluate


def person(series: str = "general", level: str = "intermediate", **extra: Any) -> dict[str, Any]:
    return {"series": series, "level": level, **extra}


def annual(year: int) -> dict[str, Any]:
    return {"kind": "annual", "year": year}


def cycle(start: int, end: int) -> dict[str, Any]:
    return {"kind": "cycle", "start": start, "end": end}


def application(year: int, to_title: str) -> dict[str, Any]:
    return {"kind": "title_application", "year": year, "to_title": to_title}


def rec(date: str, subject: str = "professional", form: str = "centralized", **fields: Any) -> dict[str, Any]:
    """A record; give hours=, days= or credits= (and any optional field)."""
    return {"date": date, "subject": subject, "form": form, **fields}


def case(who: dict[str, Any], purpose: dict[str, Any], records: list[dict[str, Any]]) -> dict[str, Any]:
    return {"person": who, "purpose": purpose, "records": records}


def verdict(
    ruleset: str, who: dict[str, Any], purpose: dict[str, Any], records: list[dict[str, Any]]
) -> dict[str, Any]:
    return evaluate(case(who, purpose, records), ruleset)


def line(result: dict[str, Any], requirement_id: str) -> dict[str, Any]:
    found = [r for r in result["requirements"] if r["id"] == requirement_id]
    assert len(found) == 1, f"{requirement_id} not in {[r['id'] for r in result['requirements']]}"
    return found[0]


def ids(result: dict[str, Any]) -> list[str]:
    return [r["id"] for r in result["requirements"]]


def summary(result: dict[str, Any], requirement_id: str) -> tuple[Any, Any, Any, Any]:
    """(required, counted, met, shortfall) of one line."""
    found = line(result, requirement_id)
    return found["required"], found["counted"], found["met"], found["shortfall"]


def not_counted(result: dict[str, Any]) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for entry in result["not_counted"]:
        out.setdefault(entry["record"], []).append(entry["reason"])
    return out
