"""What inspectors see next to each sampled unit or person: the live standings (达标情况) of the
sample's year — a person's verdict and shortfall, a unit's compliance rate over its staff."""

from __future__ import annotations

from typing import Any

from jxjy.records.models import Standing, StandingKind, StandingVerdict

from ..models import Sample, SampleItem
from .base import STANDING_COUNTS, rate


def _person_label(standing: Standing | None) -> str:
    if standing is None:
        return "尚无达标情况"
    if standing.verdict == StandingVerdict.SHORT:
        return f"未达标（差{standing.shortfall.normalize():f}{standing.amount_unit}）"
    return standing.get_verdict_display()


def item_standings(sample: Sample, items: list[SampleItem]) -> dict[int, str]:
    """Item id → the standing shown on the checklist (classes have none). Two queries at most."""
    annual = Standing.objects.filter(kind=StandingKind.ANNUAL, end_year=sample.year)
    out: dict[int, str] = {}
    people = [i.professional_id for i in items if i.professional_id is not None]
    if people:
        by_person = {s.professional_id: s for s in annual.filter(professional_id__in=people)}
        for i in items:
            if i.professional_id is not None:
                out[i.pk] = _person_label(by_person.get(i.professional_id))
    units = [i.unit_id for i in items if i.unit_id is not None]
    if units:
        counts: dict[int, Any] = {
            r["unit_id"]: r for r in annual.filter(unit_id__in=units).values("unit_id").annotate(**STANDING_COUNTS)
            .order_by()
        }
        for i in items:
            if i.unit_id is not None:
                c = counts.get(i.unit_id)
                out[i.pk] = (f"达标率{rate(c['compliant'], c['evaluated'])}%（{c['compliant']}/{c['evaluated']}人）"
                             if c else "尚无达标情况")
    return out
