"""The one place that reads a region's procedural parameters (办班提前期限, 公示, 学时认定期限,
验证期限, 延期上限, 优秀比例核减…) from its rule set: the region's own rule set or its nearest
ancestor's (``Region.effective_ruleset_id``). A region without one gets the system default, which
says it is a default. See jxjy/rules/README.md, "Procedural parameters"."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.utils import timezone

from jxjy.rules import Procedure, procedure

from .models import Region


@dataclass(frozen=True, slots=True)
class CitedValue:
    """A procedural value in force for a region, with where it comes from."""

    value: int | float | str | bool | None
    reference: str
    is_default: bool
    ruleset_id: str  # "" for a region without a rule set

    @property
    def basis(self) -> str:
        """The citation, or the default's explanation, for messages and pages."""
        return self.reference


def region_procedure(region: Region | None, name: str, on: dt.date | None = None) -> CitedValue:
    """The procedural parameter ``name`` in force on ``on`` (today) for ``region``."""
    ruleset_id = region.effective_ruleset_id() if region is not None else ""
    found: Procedure = procedure(ruleset_id or None, name, on or timezone.localdate())
    if isinstance(found.value, tuple):
        raise TypeError(f"{name} is a list; use region_procedure_items()")
    return CitedValue(found.value, found.reference, found.is_default, ruleset_id)


@dataclass(frozen=True, slots=True)
class CitedItems:
    """A list-valued procedural parameter in force for a region (e.g. a review chain, the evidence
    kinds of hours recognition), with where it comes from."""

    items: tuple[str, ...]
    reference: str
    is_default: bool
    ruleset_id: str


def region_procedure_items(region: Region | None, name: str, on: dt.date | None = None) -> CitedItems:
    """The list-valued procedural parameter ``name`` in force on ``on`` (today) for ``region``."""
    ruleset_id = region.effective_ruleset_id() if region is not None else ""
    found: Procedure = procedure(ruleset_id or None, name, on or timezone.localdate())
    if not isinstance(found.value, tuple):
        raise TypeError(f"{name} is not a list; use region_procedure()")
    return CitedItems(found.value, found.reference, found.is_default, ruleset_id)
