"""Reads of standings (达标情况), always scoped through `restrict`. Pages, gates, batches and
dashboards read these instead of recomputing verdicts.

    standings_in_scope(user=…, year=2025)            # QuerySet[Standing], the user's jurisdiction
    standing_counts(qs)                               # {"people", "met", "short", "unknown", "rate"}
    standing_of(professional=…, year=2025)            # one person's year (None if not computed)
    shortfall_bands()                                 # the 差额区间 filter's choices
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Count, Q, QuerySet

from jxjy.accounts.policy import restrict
from jxjy.people.models import Professional

from .models import Standing, StandingKind, StandingVerdict

# (key, label, lower bound inclusive, upper bound exclusive or None) in 学时/学分
SHORTFALL_BANDS: tuple[tuple[str, str, Decimal, Decimal | None], ...] = (
    ("0-12", "差 12 以内", Decimal("0.1"), Decimal("12.1")),
    ("12-24", "差 12–24", Decimal("12.1"), Decimal("24.1")),
    ("24-48", "差 24–48", Decimal("24.1"), Decimal("48.1")),
    ("48+", "差 48 以上", Decimal("48.1"), None),
)


def shortfall_bands() -> list[tuple[str, str]]:
    return [(key, label) for key, label, _lo, _hi in SHORTFALL_BANDS]


def standings_in_scope(*, user: Any, year: int, kind: str = StandingKind.ANNUAL,
                       verdict: str = "", band: str = "") -> QuerySet[Standing]:
    """The standings of `year` (the end year of a cycle) that `user` may see, optionally filtered."""
    qs = restrict(Standing.objects.all(), user).filter(kind=kind, end_year=year)
    if verdict:
        qs = qs.filter(verdict=verdict)
    for key, _label, lo, hi in SHORTFALL_BANDS:
        if band == key:
            qs = qs.filter(verdict=StandingVerdict.SHORT, shortfall__gte=lo)
            if hi is not None:
                qs = qs.filter(shortfall__lt=hi)
    return qs


def standing_counts(qs: QuerySet[Standing]) -> dict[str, Any]:
    """Counts by verdict in one aggregate query; `rate` is met / people (0 when nobody)."""
    agg = qs.aggregate(
        people=Count("pk"),
        met=Count("pk", filter=Q(verdict=StandingVerdict.MET)),
        short=Count("pk", filter=Q(verdict=StandingVerdict.SHORT)),
        unknown=Count("pk", filter=Q(verdict=StandingVerdict.UNKNOWN)),
    )
    agg["rate"] = round(agg["met"] / agg["people"], 4) if agg["people"] else 0.0
    return agg


def standing_of(*, professional: Professional, year: int, kind: str = StandingKind.ANNUAL) -> Standing | None:
    """One person's standing for a year (or the cycle ending that year); callers have already scoped
    the person."""
    return Standing.objects.filter(professional=professional, kind=kind, end_year=year).order_by("-start_year").first()
