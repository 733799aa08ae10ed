"""Writing audit events. Services call `audit_record` inside their own transaction."""

from __future__ import annotations

from typing import Any

from django.db import models
from django.forms.models import model_to_dict

from jxjy.core.request_context import current_ip

from .models import AuditAction, AuditEvent

_HIDDEN = {"password"}


def snapshot(obj: models.Model, *, exclude: set[str] | None = None) -> dict[str, Any]:
    """The object's field values, as JSON-able data for before/after comparison."""
    data = model_to_dict(obj)
    for field in obj._meta.concrete_fields:
        if field.name not in data and field.name != "id":
            data[field.name] = getattr(obj, field.attname)
    for key in _HIDDEN | (exclude or set()):
        data.pop(key, None)
    if "id_number" in data:  # the log must not become a way around identity masking
        from jxjy.people.identity import mask_identity_number

        data["id_number"] = mask_identity_number(str(data["id_number"]))
    return {k: (list(v) if isinstance(v, set) else v) for k, v in data.items() if not hasattr(v, "read")}


def region_path_of(obj: models.Model | None) -> str:
    if obj is None:
        return ""
    region = getattr(obj, "region", None)
    if region is not None and hasattr(region, "path"):
        return str(region.path)
    path = getattr(obj, "path", None)
    return str(path) if isinstance(path, str) else ""


def audit_record(
    *,
    actor: Any,
    action: AuditAction | str,
    obj: models.Model | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    message: str = "",
    region_path: str | None = None,
) -> AuditEvent:
    authenticated = actor is not None and getattr(actor, "is_authenticated", False)
    return AuditEvent.objects.create(
        actor=actor if authenticated else None,
        actor_name=(str(actor) if authenticated else "匿名") [:150],
        action=action,
        object_type=obj._meta.label_lower if obj is not None else "",
        object_id=str(obj.pk) if obj is not None and obj.pk is not None else "",
        object_repr=str(obj)[:200] if obj is not None else "",
        region_path=region_path if region_path is not None else region_path_of(obj),
        message=message[:500],
        before=before,
        after=after,
        ip=current_ip(),
    )


def audit_sensitive_read(
    *, actor: Any, what: str, professional_ids: list[int], obj: models.Model | None = None,
    region_path: str | None = None, extra: dict[str, Any] | None = None,
) -> AuditEvent:
    """A sensitive read (查看敏感信息) of named people — an export, a certificate PDF, a full number:
    the message says what was read and for how many people, `after` lists their ids."""
    ids = sorted(set(professional_ids))
    listed = "、".join(str(i) for i in ids[:50]) + ("…" if len(ids) > 50 else "")
    return audit_record(
        actor=actor, action=AuditAction.READ_SENSITIVE, obj=obj, region_path=region_path,
        message=f"{what}：{len(ids)}人（人员编号 {listed}）", after={"professional_ids": ids, **(extra or {})},
    )
