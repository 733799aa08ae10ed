"""Keeping the dated history of a person's unit and region (任职经历). Called by the services that
change where a person works, inside their transaction, before `professionals_changed` fires, so
the standings recomputed by that hook already read the new history."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from jxjy.core.errors import ApplicationError

from ..models import Placement, Professional

#: Where a history starts when nothing earlier is known: the first year anyone may ask about
#: (core.bounds.MIN_YEAR). A person's first placement is taken to have always held, so that a move
#: registered late can still be dated back (records/README.md "Which region judges a year").
HISTORY_START = dt.date(1990, 1, 1)


def placement_start(*, professional: Professional, on: dt.date = HISTORY_START) -> Placement:
    """The first placement of a newly registered person: their unit and region."""
    return Placement.objects.create(
        professional=professional, unit_id=professional.unit_id, region_id=professional.region_id, valid_from=on,
    )


def placement_move(*, professional: Professional, previous_unit_id: int, previous_region_id: int,
                   on: dt.date | None = None) -> Placement:
    """`professional` (already carrying the new unit and region) moved on `on` (today): the open
    placement ends that day and a new one begins. A person without any history first gets one for
    where they were before, from HISTORY_START."""
    on = on or timezone.localdate()
    current = Placement.objects.select_for_update().filter(professional=professional, valid_to__isnull=True).first()
    if current is None:
        current = Placement.objects.create(
            professional=professional, unit_id=previous_unit_id, region_id=previous_region_id,
            valid_from=min(HISTORY_START, on),
        )
    if on < current.valid_from:
        raise ApplicationError(
            f"调动日期不能早于在现单位任职的起始日期（{current.valid_from:%Y-%m-%d}）", field="effective_on"
        )
    current.valid_to = on
    current.save(update_fields=["valid_to"])
    return Placement.objects.create(
        professional=professional, unit_id=professional.unit_id, region_id=professional.region_id, valid_from=on
    )


def placements_of(professional: Professional) -> list[Placement]:
    """The person's history, oldest first (the caller has already scoped the person)."""
    return list(Placement.objects.filter(professional=professional).select_related("unit", "region")
                .order_by("valid_from", "id"))


def current_start(professional: Professional) -> dt.date | None:
    return (Placement.objects.filter(professional=professional, valid_to__isnull=True)
            .values_list("valid_from", flat=True).first())


__all__ = ["HISTORY_START", "current_start", "placement_move", "placement_start", "placements_of"]
