from __future__ import annotations

from typing import Any

from django.db import transaction

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError

from .models import Region, RegionLevel

_CHILD_LEVEL = {None: RegionLevel.PROVINCE, RegionLevel.PROVINCE: RegionLevel.CITY, RegionLevel.CITY: RegionLevel.COUNTY}


@transaction.atomic
def region_create(
    *, actor: Any, code: str, name: str, parent: Region | None = None, ruleset_id: str = ""
) -> Region:
    """Adds a division under `parent`; its level follows from the parent's."""
    level = _CHILD_LEVEL.get(RegionLevel(parent.level) if parent else None)
    if level is None:
        raise ApplicationError("县/区级区划下不能再设下级区划", field="parent")
    region = Region(
        code=code,
        name=name,
        level=level,
        parent=parent,
        path=f"{parent.path if parent else '/'}{code}/",
        ruleset_id=ruleset_id,
    )
    region.full_clean()
    region.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=region, after=snapshot(region))
    return region
