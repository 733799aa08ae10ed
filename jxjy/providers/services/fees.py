"""Fee standards (收费标准) and the fee check (榕人专〔2009〕145号 五; 河南 2012 五(三))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import Q

from jxjy.accounts.models import Role
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.regions.models import Region

from ..choices import FeeBasis
from ..models import FeeCap, FeeStandard
from ._common import require_role


@transaction.atomic
def fee_standard_create(
    *, actor: Any, region: Region, document_no: str, title: str, valid_from: dt.date, valid_to: dt.date | None = None,
    caps: list[tuple[str, str, Decimal]],
) -> FeeStandard:
    """An officer records a standard in force in their own region, with caps (class_type, basis, amount)."""
    user = require_role(actor, Role.HR_OFFICER, message="只有人社局经办人员可以登记收费标准")
    if not user.is_superuser and (user.region is None or not user.region.contains(region)):
        raise PermissionDenied("只能登记本辖区的收费标准")
    if not caps:
        raise ApplicationError("请至少填写一个办班类型的收费上限", field="caps")
    standard = FeeStandard(region=region, document_no=document_no.strip(), title=title.strip(), valid_from=valid_from,
                           valid_to=valid_to, recorded_by=user)
    standard.full_clean()
    standard.save()
    for class_type, basis, amount in caps:
        cap = FeeCap(standard=standard, class_type=class_type, basis=FeeBasis(basis), amount=Decimal(amount))
        cap.full_clean()
        cap.save()
    audit_record(actor=user, action="create", obj=standard,
                 after={**snapshot(standard), "caps": [[c, b, str(a)] for c, b, a in caps]},
                 message=f"登记收费标准 {standard.document_no}", region_path=region.path)
    return standard


def fee_standard_in_force(*, region: Region, on: dt.date) -> FeeStandard | None:
    """The standard in force on `on` for `region`: the one of the nearest region above it (a county's
    own standard overrides the city's), the latest in force if several."""
    candidates = (
        FeeStandard.objects.filter(region__code__in=region.ancestor_codes(), valid_from__lte=on)
        .filter(Q(valid_to__isnull=True) | Q(valid_to__gte=on))
        .select_related("region")
        .prefetch_related("caps")
    )
    return max(candidates, key=lambda s: (len(s.region.path), s.valid_from, s.pk), default=None)


def fee_cap_for(*, standard: FeeStandard, class_type: str) -> FeeCap | None:
    return next((c for c in standard.caps.all() if c.class_type == class_type), None)


def fee_limit(*, cap: FeeCap, total_hours: Decimal) -> Decimal:
    """The highest fee per person the cap allows for a class of `total_hours`."""
    if cap.basis == FeeBasis.PER_HOUR:
        return (cap.amount * Decimal(total_hours)).quantize(Decimal("0.01"))
    return cap.amount
