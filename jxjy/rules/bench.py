"""``jxjy bench rules [--cases N] [--seed S]``: evaluation throughput on synthetic cases.

Cases are generated deterministically from the seed, spread over every rule set, and evaluated
from raw dicts (so validation is timed too); generation is not timed.
"""

from __future__ import annotations

import argparse
import datetime as dt
import itertools
import random
import sys
import time
from typing import Any

from . import evaluate
from .errors import CaseError
from .loader import ruleset_ids

_PEOPLE: list[dict[str, Any]] = [
    {"level": "none"},
    {"level": "junior", "title": "技术员"},
    {"level": "junior", "title": "助理工程师"},
    {"level": "intermediate", "title": "工程师"},
    {"level": "senior", "title": "高级工程师"},
]
_SERIES: list[dict[str, Any]] = [
    {"series": "general"},
    {"series": "engineering"},
    {"series": "school_teacher"},
    {"series": "health", "health_facility": "grade1"},
    {"series": "health", "health_facility": "grade2_or_below"},
]
_TO_TITLES = ["技术员", "助理工程师", "工程师", "高级工程师"]
_FORMS = [
    "centralized",
    "distance",
    "self_study",
    "conference",
    "advanced_study",
    "degree",
    "paper",
    "research",
]
_COURSES = ["专业技术人员职业道德", "法律法规", "科学素养", "心理健康"]
_FIRST_YEAR = 2018  # every rule set is in force for every year of a window from here on


def make_purpose(template: tuple[str, str | None], year: int) -> dict[str, Any]:
    kind, to_title = template
    if kind == "annual":
        return {"kind": "annual", "year": year}
    if kind == "cycle":
        return {"kind": "cycle", "start": year, "end": year + 4}
    return {"kind": "title_application", "year": year, "to_title": to_title}


def profiles(ruleset_id: str) -> list[tuple[dict[str, Any], tuple[str, str | None]]]:
    """The (person, purpose template) pairs that this rule set can evaluate, found by probing."""
    templates: list[tuple[str, str | None]] = [("annual", None), ("cycle", None)]
    templates += [("title_application", t) for t in _TO_TITLES]
    found = []
    for series, person_part, template in itertools.product(_SERIES, _PEOPLE, templates):
        person = {**series, **person_part}
        try:
            evaluate(
                {"person": person, "purpose": make_purpose(template, _FIRST_YEAR), "records": []}, ruleset_id
            )
        except CaseError:
            continue
        found.append((person, template))
    return found


def _record(rng: random.Random, first_year: int, last_year: int) -> dict[str, Any]:
    start = dt.date(first_year - 1, 7, 1).toordinal()  # some records fall outside the window
    end = dt.date(last_year, 12, 31).toordinal()
    record: dict[str, Any] = {
        "date": dt.date.fromordinal(rng.randint(start, end)).isoformat(),
        "subject": rng.choice(["public", "professional"]),
        "form": rng.choice(_FORMS),
    }
    measure = rng.random()
    if measure < 0.7:
        record["hours"] = rng.choice([2, 3, 4, 6, 8, 12, 16, 24])
    elif measure < 0.85:
        record["days"] = rng.choice([0.5, 1, 2, 3])
    else:
        record["credits"] = rng.choice([1, 2, 5, 10])
        record["credit_class"] = rng.choice(["I", "II"])
        record["general_practice"] = rng.random() < 0.3
    if record["subject"] == "public" and rng.random() < 0.5:
        record["required_course"] = True
        record["course"] = rng.choice(_COURSES)
    return record


def generate(count: int, seed: int) -> list[tuple[dict[str, Any], str]]:
    """``count`` (case, rule set id) pairs, the same for the same seed."""
    rng = random.Random(seed)
    ids = ruleset_ids()
    options = {ruleset_id: profiles(ruleset_id) for ruleset_id in ids}
    cases = []
    for i in range(count):
        ruleset_id = ids[i % len(ids)]
        person, template = rng.choice(options[ruleset_id])
        year = rng.randint(_FIRST_YEAR, 2024)
        purpose = make_purpose(template, year)
        # records spread over the purpose's years, a title application's up to 5 years back
        first, last = {"annual": (year, year), "cycle": (year, year + 4)}.get(template[0], (year - 4, year))
        records = [_record(rng, first, last) for _ in range(rng.randint(0, 15))]
        cases.append(({"person": person, "purpose": purpose, "records": records}, ruleset_id))
    return cases


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="jxjy bench rules", description=__doc__)
    parser.add_argument(
        "--cases", type=int, default=100_000, help="number of synthetic cases (default 100000)"
    )
    parser.add_argument("--seed", type=int, default=2009, help="random seed (default 2009)")
    args = parser.parse_args(argv)
    if args.cases < 1:
        parser.error("--cases must be >= 1")

    cases = generate(args.cases, args.seed)
    compliant = invalid = 0
    started = time.perf_counter()
    for case, ruleset_id in cases:
        try:
            compliant += evaluate(case, ruleset_id)["compliant"]
        except CaseError:
            invalid += 1
    elapsed = time.perf_counter() - started

    rate = len(cases) / elapsed
    print(
        f"rules bench: {len(cases)} cases over {len(ruleset_ids())} rule sets in {elapsed:.2f} s: "
        f"{rate:,.0f} cases/s, {elapsed / len(cases) * 1e6:.1f} µs/case (validation + evaluation); "
        f"{compliant} compliant, {invalid} invalid"
    )
    return 0 if invalid == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
