"""People lists with the chosen year's standing (达标情况): the column, the filters and the sort that
the people page, its export and the people API share.

    year, error = standing_year_from(request.GET.get("year"))       # bounded to standing_years()
    people = professionals_with_standing(people=qs, user=user, year=2026, verdict="short", band="0-12",
                                         sort="shortfall")

The standing comes in by one LEFT JOIN on the person (a person has one annual standing a year), so
a page of the list costs the same number of queries however long it is; the verdict and band
filters go through `standings_in_scope`, the one home of the band bounds and of standing scope.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import F, FilteredRelation, Q, QuerySet

from jxjy.accounts.policy import path_prefix_q
from jxjy.people.models import Professional

from .models import StandingKind, StandingVerdict
from .services.standings import standing_years
from .standing_selectors import shortfall_bands, standing_counts, standings_in_scope

#: The 未计算 filter: people with no stored standing for the year yet.
NOT_COMPUTED = "none"
NOT_COMPUTED_LABEL = "未计算"
SORT_SHORTFALL = "shortfall"


def verdict_choices() -> list[tuple[str, str]]:
    return [*StandingVerdict.choices, (NOT_COMPUTED, NOT_COMPUTED_LABEL)]


def band_keys() -> list[str]:
    return [key for key, _label in shortfall_bands()]


def standing_year_choices() -> list[int]:
    """The years a list may show, newest first."""
    return sorted(standing_years(), reverse=True)


def standing_year_message() -> str:
    years = standing_years()
    return f"达标情况只计算{years[0]}至{years[-1]}年度"


def standing_year_from(raw: str | None) -> tuple[int, str]:
    """The year asked for in a query string, or this year with a message saying why not."""
    years = standing_years()
    raw = (raw or "").strip()
    if not raw:
        return years[-1], ""
    if raw.isascii() and raw.isdigit() and len(raw) <= 4 and int(raw) in years:
        return int(raw), ""
    return years[-1], f"{standing_year_message()}，“{raw[:20]}”不在其中，已显示{years[-1]}年度"


def professionals_with_standing(*, people: QuerySet[Professional], user: Any, year: int, verdict: str = "",
                                band: str = "", sort: str = "") -> QuerySet[Professional]:
    """`people` (already scoped) with the year's standing as `standing_*` attributes (None when not
    computed), filtered by verdict (or 未计算) and 差额区间, sorted by shortfall (largest first) on request."""
    qs = people.annotate(
        year_standing=FilteredRelation(
            "standings",
            condition=Q(standings__kind=StandingKind.ANNUAL, standings__start_year=year, standings__end_year=year),
        ),
    ).annotate(
        standing_verdict=F("year_standing__verdict"),
        standing_shortfall=F("year_standing__shortfall"),
        standing_counted=F("year_standing__counted"),
        standing_required=F("year_standing__required"),
        standing_amount_unit=F("year_standing__amount_unit"),
    )
    if verdict == NOT_COMPUTED:
        qs = qs.filter(year_standing__isnull=True)
    elif verdict in StandingVerdict.values or band in band_keys():
        scoped = standings_in_scope(user=user, year=year, verdict=verdict if verdict in StandingVerdict.values else "",
                                    band=band if band in band_keys() else "")
        qs = qs.filter(pk__in=scoped.values("professional_id"))
    if sort == SORT_SHORTFALL:
        qs = qs.order_by(F("standing_shortfall").desc(nulls_last=True), "name", "pk")
    return qs


def _amount(value: Decimal | None) -> str:
    if value is None:
        return "—"
    text = format(value.normalize(), "f")
    return text


def standing_text(person: Professional) -> str:
    """达标 / 未达标（差 N 学时）/ 无法评估 / 未计算, for the list and the export."""
    verdict = getattr(person, "standing_verdict", None)
    if not verdict:
        return NOT_COMPUTED_LABEL
    if verdict == StandingVerdict.SHORT:
        unit = getattr(person, "standing_amount_unit", "") or "学时"
        return f"未达标（差 {_amount(getattr(person, 'standing_shortfall', None))} {unit}）"
    return str(StandingVerdict(verdict).label)


def standing_progress(person: Professional) -> str:
    """已计入 / 应完成, e.g. "40 / 72 学时" ("" when not computed or nothing required)."""
    if not getattr(person, "standing_verdict", None):
        return ""
    required = getattr(person, "standing_required", None)
    unit = getattr(person, "standing_amount_unit", "") or ""
    counted = _amount(getattr(person, "standing_counted", None))
    if required is None:
        return f"已计入 {counted} {unit}".rstrip()
    return f"{counted} / {_amount(required)} {unit}".rstrip()


def standing_summary(*, user: Any, year: int, unit_id: int | None = None, region_path: str = "") -> dict[str, Any]:
    """The year's counts (人数, 达标, 未达标, 无法评估, 达标率) over the user's standings of one unit or
    region subtree: one aggregate query over the stored standings."""
    qs = standings_in_scope(user=user, year=year)
    if unit_id is not None:
        qs = qs.filter(unit_id=unit_id)
    if region_path:
        qs = qs.filter(path_prefix_q("region_path", region_path))
    counts = standing_counts(qs)
    return {**counts, "year": year, "rate_percent": f"{counts['rate'] * 100:.1f}%"}
