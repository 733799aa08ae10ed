"""Transfers (人员调动) between units — and so possibly between regions and rule sets.

    transfer_request(actor=new unit's CE administrator, id_number=…, name=…)   → requested
    transfer_release(actor=old unit's administrator or old region's HR officer) → released (the move)
    transfer_refuse(actor=same, reason=…)                                        → refused
    transfer_cancel(actor=new unit's administrator)                              → cancelled

Each step is atomic, checks the state it starts from (409 otherwise) and who may take it (403 for
someone who may see the transfer but not act on it), and writes an audit event."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.orgs.models import EmployerUnit
from jxjy.people.hooks import professionals_changed

from ..models import Professional, Transfer, TransferStatus
from .placements import current_start, placement_move

_NOT_FOUND = "未找到身份证号码与姓名相符的人员"


def _is_unit_admin_of(actor: Any, unit_id: int) -> bool:
    return bool(getattr(actor, "role", "") == Role.UNIT_ADMIN and actor.employer_unit_id == unit_id)


def may_decide(actor: Any, transfer: Transfer) -> bool:
    """The old side: the old unit's CE administrator, or an HR officer whose region contains the
    region the person leaves."""
    if getattr(actor, "is_superuser", False):
        return True
    if _is_unit_admin_of(actor, transfer.from_unit_id):
        return True
    if getattr(actor, "role", "") == Role.HR_OFFICER and actor.region is not None:
        return bool(transfer.from_region.path.startswith(actor.region.path))
    return False


def may_cancel(actor: Any, transfer: Transfer) -> bool:
    return bool(getattr(actor, "is_superuser", False) or _is_unit_admin_of(actor, transfer.to_unit_id))


def _audit(actor: Any, transfer: Transfer, action: str, message: str, before: dict[str, Any] | None = None) -> None:
    audit_record(actor=actor, action=action, obj=transfer, before=before, after=snapshot(transfer),
                 message=message, region_path=transfer.from_region.path)


def _check_effective_on(professional: Professional, effective_on: dt.date | None) -> None:
    if effective_on is None:
        return
    if effective_on > timezone.localdate():
        raise ApplicationError("调动日期不能晚于今天", field="effective_on")
    start = current_start(professional)
    if start is not None and effective_on < start:
        raise ApplicationError(f"调动日期不能早于在现单位任职的起始日期（{start:%Y-%m-%d}）", field="effective_on")


@transaction.atomic
def transfer_request(*, actor: Any, id_number: str, name: str, to_unit: EmployerUnit | None = None,
                     effective_on: dt.date | None = None, note: str = "") -> Transfer:
    """The new unit's administrator asks for a person named by full identity number and name (a
    mismatch and an unknown number get the same answer)."""
    if getattr(actor, "role", "") != Role.UNIT_ADMIN or actor.employer_unit is None:
        raise PermissionDenied("只有调入单位的继续教育管理员可以申请调入")
    to_unit = to_unit or actor.employer_unit
    if to_unit.pk != actor.employer_unit_id:
        raise PermissionDenied("只能申请调入本单位", field="to_unit")
    person = (Professional.objects.select_for_update(of=("self",)).select_related("unit", "region")
              .filter(id_number=id_number.strip().upper()).first())
    if person is None or person.name != name.strip():
        raise ApplicationError(_NOT_FOUND, field="id_number")
    if person.unit_id == to_unit.pk:
        raise ApplicationError("该人员已在本单位", field="id_number")
    if Transfer.objects.filter(professional=person, status=TransferStatus.REQUESTED).exists():
        raise ConflictError("该人员已有待办理的调动申请", field="id_number")
    _check_effective_on(person, effective_on)
    transfer = Transfer(
        professional=person, from_unit_id=person.unit_id, from_region_id=person.region_id, to_unit=to_unit,
        to_region_id=to_unit.region_id, effective_on=effective_on, note=note.strip()[:300], requested_by=actor,
    )
    transfer.full_clean()
    transfer.save()
    _audit(actor, transfer, AuditAction.CREATE, f"申请调入：{person.name} 由 {person.unit} 调入 {to_unit}")
    return transfer


def _open(transfer: Transfer) -> Transfer:
    locked = Transfer.objects.select_for_update(of=("self",)).select_related(
        "professional", "from_region", "to_region", "from_unit", "to_unit").get(pk=transfer.pk)
    if locked.status != TransferStatus.REQUESTED:
        raise ConflictError(f"该调动当前状态为“{locked.get_status_display()}”，不能办理")
    return locked


@transaction.atomic
def transfer_release(*, actor: Any, transfer: Transfer) -> Transfer:
    """The old side lets the person go: their unit and region change, dated `effective_on` (or
    today), and the standings of every year are judged again under the history."""
    transfer = _open(transfer)
    if not may_decide(actor, transfer):
        raise PermissionDenied("只有调出单位的管理员或调出地人社局可以放行")
    person = Professional.objects.select_for_update().get(pk=transfer.professional_id)
    if person.unit_id != transfer.from_unit_id:
        raise ConflictError("该人员已不在调出单位，请撤回后重新申请")
    on = transfer.effective_on or timezone.localdate()
    _check_effective_on(person, on)
    before_person, before = snapshot(person), snapshot(transfer)
    person.unit_id, person.region_id = transfer.to_unit_id, transfer.to_region_id
    person.save(update_fields=["unit", "region", "updated_at"])
    placement_move(professional=person, previous_unit_id=transfer.from_unit_id,
                   previous_region_id=transfer.from_region_id, on=on)
    transfer.status, transfer.decided_by, transfer.decided_at = TransferStatus.RELEASED, actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=person, before=before_person, after=snapshot(person),
                 message=f"调动放行：自 {on:%Y-%m-%d} 起在 {transfer.to_unit}")
    _audit(actor, transfer, AuditAction.TRANSITION, "放行", before)
    professionals_changed([person.pk], {"unit", "region"})
    return transfer


@transaction.atomic
def transfer_refuse(*, actor: Any, transfer: Transfer, reason: str) -> Transfer:
    transfer = _open(transfer)
    if not may_decide(actor, transfer):
        raise PermissionDenied("只有调出单位的管理员或调出地人社局可以办理")
    if not reason.strip():
        raise ApplicationError("不予放行时请填写原因", field="reason")
    before = snapshot(transfer)
    transfer.status, transfer.decided_by, transfer.decided_at = TransferStatus.REFUSED, actor, timezone.now()
    transfer.refusal_reason = reason.strip()[:300]
    transfer.save(update_fields=["status", "decided_by", "decided_at", "refusal_reason"])
    _audit(actor, transfer, AuditAction.TRANSITION, "不予放行：" + transfer.refusal_reason, before)
    return transfer


@transaction.atomic
def transfer_cancel(*, actor: Any, transfer: Transfer) -> Transfer:
    transfer = _open(transfer)
    if not may_cancel(actor, transfer):
        raise PermissionDenied("只有申请调入的单位可以撤回")
    before = snapshot(transfer)
    transfer.status, transfer.decided_by, transfer.decided_at = TransferStatus.CANCELLED, actor, timezone.now()
    transfer.save(update_fields=["status", "decided_by", "decided_at"])
    _audit(actor, transfer, AuditAction.TRANSITION, "撤回调动申请", before)
    return transfer
