from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError
from jxjy.core.request_context import request_memo

from .models import ProcedureOverride, Region, RegionLevel
from .overrides import parse_value, spec_of

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


def _override_state(row: ProcedureOverride | None) -> dict[str, Any] | None:
    if row is None:
        return None
    return {"region": row.region.code, "name": row.name, "value": row.value, "ends": row.ends,
            "valid_from": row.valid_from.isoformat(), "reason": row.reason}


@transaction.atomic
def procedure_override_set(
    *, actor: Any, region: Region, name: str, value: str, valid_from: dt.date | None, reason: str, ends: bool = False
) -> ProcedureOverride:
    """Sets (or, with ``ends``, closes) the bureau's override of ``name`` for ``region`` from
    ``valid_from`` on; a row for the same day is replaced. Audited with before/after. The caller
    has checked that ``actor`` may change the region (``policy.can``)."""
    spec = spec_of(name)
    reason = reason.strip()
    if not reason:
        raise ApplicationError("调整理由：请填写调整的理由（将与原规定一并显示）", field="reason")
    if len(reason) > 300:
        raise ApplicationError("调整理由：不能超过300个字", field="reason")
    if valid_from is None:
        raise ApplicationError("起始日期：请填写有效日期", field="valid_from")
    parsed = None if ends else parse_value(spec, value)
    own = ProcedureOverride.objects.filter(region=region, name=name, valid_from__lte=valid_from).order_by("-valid_from").first()
    if ends and (own is None or own.ends):
        raise ApplicationError("起始日期：该日期本地区没有生效的调整，无需终止", field="valid_from")
    row = (ProcedureOverride.objects.select_for_update().select_related("region")
           .filter(region=region, name=name, valid_from=valid_from).first())
    before = _override_state(row)
    if row is None:
        row = ProcedureOverride(region=region, name=name, valid_from=valid_from)
    row.value, row.ends, row.reason, row.set_by = parsed, ends, reason, actor
    row.save()
    memo = request_memo()
    if memo is not None:  # the rest of this request reads the new value
        memo.pop("procedure_overrides", None)
    audit_record(actor=actor, action=AuditAction.UPDATE if before else AuditAction.CREATE, obj=row,
                 before=before, after=_override_state(row),
                 message=f"{'终止' if ends else '调整'}程序参数 {name}（{spec.description}）：{reason}")
    return row
