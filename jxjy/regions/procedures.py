"""The one place that reads a region's procedural parameters (办班提前期限, 公示, 学时认定期限,
验证期限, 延期上限, 优秀比例核减…) from its rule set: the region's own rule set or its nearest
ancestor's (``Region.effective_ruleset_id``). A region without one gets the system default, which
says it is a default. A bureau's override (``ProcedureOverride``) in force for the region replaces
the value, its reference naming the reason and the cited original. See jxjy/rules/README.md,
"Procedural parameters" and "A bureau's override"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from jxjy.core.request_context import request_memo
from jxjy.rules import Procedure, procedure

from .models import ProcedureOverride, Region


@dataclass(frozen=True, slots=True)
class CitedValue:
    """A procedural value in force for a region, with where it comes from."""

    value: int | float | str | bool | None
    reference: str
    is_default: bool
    ruleset_id: str  # "" for a region without a rule set
    original: CitedValue | None = None  # the rule set's (or default) value a bureau's override replaced

    @property
    def basis(self) -> str:
        """The citation, or the default's explanation, for messages and pages."""
        return self.reference


def region_procedure(region: Region | None, name: str, on: dt.date | None = None) -> CitedValue:
    """The procedural parameter ``name`` in force on ``on`` (today) for ``region``."""
    ruleset_id = region.effective_ruleset_id() if region is not None else ""
    on = on or timezone.localdate()
    found: Procedure = procedure(ruleset_id or None, name, on)
    if isinstance(found.value, tuple):
        raise TypeError(f"{name} is a list; use region_procedure_items()")
    cited = CitedValue(found.value, found.reference, found.is_default, ruleset_id)
    override = override_in_force(region, name, on)
    if override is None:
        return cited
    return CitedValue(override.value, override_reference(override, cited.reference), False, ruleset_id, cited)


@dataclass(frozen=True, slots=True)
class CitedItems:
    """A list-valued procedural parameter in force for a region (e.g. a review chain, the evidence
    kinds of hours recognition), with where it comes from."""

    items: tuple[str, ...]
    reference: str
    is_default: bool
    ruleset_id: str
    original: CitedItems | None = None  # the rule set's (or default) list a bureau's override replaced


def region_procedure_items(region: Region | None, name: str, on: dt.date | None = None) -> CitedItems:
    """The list-valued procedural parameter ``name`` in force on ``on`` (today) for ``region``."""
    ruleset_id = region.effective_ruleset_id() if region is not None else ""
    on = on or timezone.localdate()
    found: Procedure = procedure(ruleset_id or None, name, on)
    if not isinstance(found.value, tuple):
        raise TypeError(f"{name} is not a list; use region_procedure()")
    cited = CitedItems(found.value, found.reference, found.is_default, ruleset_id)
    override = override_in_force(region, name, on)
    if override is None:
        return cited
    items = tuple(str(item) for item in (override.value or []))
    return CitedItems(items, override_reference(override, cited.reference), False, ruleset_id, cited)


def override_reference(override: ProcedureOverride, cited_reference: str) -> str:
    """How a workflow cites an overridden value: the bureau, its reason and the cited original."""
    return f"{override.region.name}人社局调整：{override.reason}（原规定：{cited_reference}）"


def _overrides_named(name: str) -> list[ProcedureOverride]:
    """Every stored override of ``name``; inside a request all overrides are read once (one small query)."""
    memo = request_memo()
    if memo is None:
        return list(ProcedureOverride.objects.filter(name=name).select_related("region"))
    if "procedure_overrides" not in memo:
        memo["procedure_overrides"] = list(ProcedureOverride.objects.select_related("region"))
    return [o for o in memo["procedure_overrides"] if o.name == name]


def override_in_force(region: Region | None, name: str, on: dt.date) -> ProcedureOverride | None:
    """The bureau's override of ``name`` in force on ``on`` for ``region``: the region's own, else
    the nearest ancestor's, as jurisdiction goes down a subtree (a city's override covers its
    districts) — but not across a region with a rule set of its own: a district whose document
    states its own procedures (洛江) is adjusted only by its own bureau. An ``ends`` row closes the
    region's earlier override (the search then goes on upwards)."""
    if region is None:
        return None
    codes = set(region.ancestor_codes())
    if not any(o.region.code in codes and o.valid_from <= on for o in _overrides_named(name)):
        return None  # the usual case, answered without a query inside a request
    chain = list(reversed(region.ancestors(include_self=True)))
    covered: list[Region] = []
    for candidate in chain:
        covered.append(candidate)
        if candidate.ruleset_id:
            break
    rows = (ProcedureOverride.objects.filter(region__in=covered, name=name, valid_from__lte=on)
            .select_related("region").order_by("region_id", "-valid_from"))
    latest: dict[int, ProcedureOverride] = {}
    for row in rows:
        latest.setdefault(row.region_id, row)
    for candidate in covered:
        own = latest.get(candidate.pk)
        if own is not None and not own.ends:
            return own
    return None
