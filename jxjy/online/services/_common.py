from __future__ import annotations

from typing import Any

from django.db import models

from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import PermissionDenied


def require(user: Any, action: str, obj: models.Model, message: str = "您无权执行此操作") -> None:
    """The object is inside the actor's scope for `action`, or the write is refused."""
    if not can(user, action, obj):  # type: ignore[arg-type]
        raise PermissionDenied(message)


def audit(*, actor: Any, obj: models.Model, message: str, region_path: str, action: str = AuditAction.UPDATE,
          before: dict[str, Any] | None = None) -> None:
    after = snapshot(obj, exclude={"file"})
    if hasattr(obj, "file"):  # a FieldFile is recorded by its storage name
        after["file"] = obj.file.name or ""
    audit_record(actor=actor, action=action, obj=obj, before=before, after=after, message=message,
                 region_path=region_path)
