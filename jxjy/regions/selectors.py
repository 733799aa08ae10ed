from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

from django.db.models import Q, QuerySet

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope
from jxjy.rules import procedure, procedure_catalogue

from .models import ProcedureOverride, Region
from .overrides import choice_label, plain_description
from .procedures import override_in_force


def region_list(*, user: Any, q: str = "", level: str = "", parent_id: int | None = None) -> QuerySet[Region]:
    qs = restrict(Region.objects.select_related("parent"), user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__startswith=q))
    if level:
        qs = qs.filter(level=level)
    if parent_id:
        qs = qs.filter(parent_id=parent_id)
    return qs


def region_get(*, user: Any, pk: int) -> Region:
    return get_in_scope(Region.objects.select_related("parent"), user, pk=pk)


@dataclass(frozen=True)
class ParameterRow:
    """One procedural parameter of a region: the cited (or default) value and what the bureaus set."""

    name: str
    description: str
    unit: str
    cited_value: str
    cited_reference: str
    is_default: bool
    in_force: ProcedureOverride | None  # the override workflows read today (own or an ancestor's)
    in_force_value: str
    history: list[ProcedureOverride]  # the region's own rows, newest first


def shown_value(value: object, unit: str) -> str:
    """A parameter value as an officer reads it."""
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "是" if value else "否"
    if isinstance(value, list | tuple):
        return "，".join(choice_label(str(item)) for item in value)
    if isinstance(value, str):
        return choice_label(value)
    if isinstance(value, int | float) and unit not in ("方式",):
        return f"{value}（{unit}）"
    return str(value)


def region_parameters(region: Region, on: dt.date, q: str = "") -> list[ParameterRow]:
    """Every procedural parameter for ``region`` on ``on``, cited value beside any override."""
    ruleset_id = region.effective_ruleset_id() or None
    own: dict[str, list[ProcedureOverride]] = {}
    for row in ProcedureOverride.objects.filter(region=region).select_related("set_by", "region").order_by("-valid_from"):
        spec = procedure_catalogue().get(row.name)
        row.shown = shown_value(row.value, spec.unit if spec else "")  # type: ignore[attr-defined]
        own.setdefault(row.name, []).append(row)
    rows: list[ParameterRow] = []
    for name, spec in procedure_catalogue().items():
        if q and q not in name and q not in spec.description:
            continue
        cited = procedure(ruleset_id, name, on)
        in_force = override_in_force(region, name, on)
        rows.append(ParameterRow(
            name, plain_description(spec.description), spec.unit, shown_value(cited.value, spec.unit), cited.reference, cited.is_default,
            in_force, shown_value(in_force.value, spec.unit) if in_force else "", own.get(name, []),
        ))
    return rows
