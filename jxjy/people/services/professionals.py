"""Writes of professionals: each one validated, atomic and audited."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.validators import check_phone
from jxjy.orgs.models import EmployerUnit
from jxjy.people.hooks import professionals_changed

from ..choices import Level
from ..identity import InvalidIdentityNumber, parse_identity_number
from ..models import Professional, Title
from .placements import placement_move, placement_start


def _first_error(exc: ValidationError) -> ApplicationError:
    if hasattr(exc, "error_dict"):
        field, errors = next(iter(exc.error_dict.items()))
        return ApplicationError(str(errors[0].messages[0]), field=field)
    return ApplicationError(exc.messages[0])


def apply_title(professional: Professional, title: Title | None, series: str | None) -> None:
    """Series and level follow from the title; a person without a title keeps the given series."""
    professional.title = title
    if title is not None:
        if series and series != title.series:
            raise ApplicationError(f"职称“{title.name}”不属于所填系列", field="series")
        professional.series = title.series
        professional.level = title.level
    else:
        if not series:
            raise ApplicationError("未填职称时必须填写系列", field="series")
        professional.series = series
        professional.level = Level.NONE


@transaction.atomic
def professional_create(
    *,
    actor: Any,
    name: str,
    id_number: str,
    unit: EmployerUnit,
    phone: str = "",
    title: Title | None = None,
    series: str | None = None,
    title_obtained_on: dt.date | None = None,
    health_facility: str = "",
) -> Professional:
    if actor is not None and not can(actor, "change", unit):
        raise PermissionDenied("您无权在该单位下登记人员", field="unit")
    try:
        facts = parse_identity_number(id_number)
    except InvalidIdentityNumber as exc:
        raise ApplicationError(str(exc), field="id_number") from None
    if Professional.objects.filter(id_number=facts.number).exists():
        raise ApplicationError("该身份证号码已登记", field="id_number")
    person = Professional(
        name=name.strip(),
        id_number=facts.number,
        birth_date=facts.birth_date,
        sex=facts.sex,
        phone=check_phone(phone, label="手机号码"),
        unit=unit,
        region=unit.region,
        title_obtained_on=title_obtained_on,
        health_facility=health_facility,
    )
    apply_title(person, title, series)
    try:
        person.full_clean()
    except ValidationError as exc:
        raise _first_error(exc) from None
    person.save()
    placement_start(professional=person)
    audit_record(actor=actor, action=AuditAction.CREATE, obj=person, after=snapshot(person))
    professionals_changed([person.pk], {"created"})
    return person


_UPDATABLE = {"name", "phone", "title_obtained_on", "health_facility"}


@transaction.atomic
def professional_update(
    *,
    actor: Any,
    professional: Professional,
    title: Title | None | str = "keep",
    series: str | None = None,
    unit: EmployerUnit | None = None,
    **changes: Any,
) -> Professional:
    """Changes the given fields; the identity number never changes (it is the person's key)."""
    unknown = set(changes) - _UPDATABLE
    if unknown:
        raise ApplicationError(f"不能修改字段: {', '.join(sorted(unknown))}", field=sorted(unknown)[0])
    if actor is not None and not can(actor, "change", professional):
        raise PermissionDenied("您无权修改该人员信息")
    if "phone" in changes:
        changes["phone"] = check_phone(str(changes["phone"] or ""), label="手机号码")
    before = snapshot(professional)
    previous_unit_id, previous_region_id = professional.unit_id, professional.region_id
    for key, value in changes.items():
        setattr(professional, key, value.strip() if isinstance(value, str) else value)
    if unit is not None and unit.pk != professional.unit_id:
        if actor is not None and not can(actor, "change", unit):
            raise PermissionDenied("您无权把人员调入该单位", field="unit")
        professional.unit = unit
        professional.region = unit.region
    if title != "keep":
        apply_title(professional, title if isinstance(title, Title) else None, series or professional.series)
    try:
        professional.full_clean()
    except ValidationError as exc:
        raise _first_error(exc) from None
    after = snapshot(professional)
    if after == before:
        return professional
    professional.save()
    if professional.unit_id != previous_unit_id:
        placement_move(professional=professional, previous_unit_id=previous_unit_id,
                       previous_region_id=previous_region_id)
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=professional, before=before, after=after)
    professionals_changed([professional.pk], {k for k in after if after[k] != before.get(k)})
    return professional


def professional_reveal_identity(*, actor: Any, professional: Professional) -> str:
    """The unmasked identity number, for entitled roles only; every such read is logged."""
    if not can(actor, "view_identity", professional):
        raise PermissionDenied("您无权查看完整身份证号码")
    audit_record(
        actor=actor, action=AuditAction.READ_SENSITIVE, obj=professional, message="查看完整身份证号码"
    )
    return professional.id_number
