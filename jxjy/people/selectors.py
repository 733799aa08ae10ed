from __future__ import annotations

from typing import Any

from django.db.models import Count, Exists, OuterRef, Q, QuerySet, Value
from django.http import Http404

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope

from .choices import Level
from .models import Professional, RosterImport, Transfer


def professional_list(
    *,
    user: Any,
    q: str = "",
    series: str = "",
    level: str = "",
    unit_id: int | None = None,
    region_id: int | None = None,
) -> QuerySet[Professional]:
    qs = restrict(Professional.objects.select_related("unit", "title", "region"), user)
    if q:
        q = q.strip()
        # A search by full identity number only matches people whose number the user may see:
        # otherwise the search box would confirm guessed numbers behind the mask.
        entitled = restrict(Professional.objects.all(), user, "view_identity").values("pk")
        by_number = Q(id_number=q.upper(), pk__in=entitled)
        qs = qs.filter(Q(name__icontains=q) | by_number | Q(unit__name__icontains=q))
    if series:
        qs = qs.filter(series=series)
    if level:
        qs = qs.filter(level=level)
    if unit_id:
        qs = qs.filter(unit_id=unit_id)
    if region_id:
        from jxjy.regions.models import Region

        region = Region.objects.filter(pk=region_id).first()
        qs = qs.filter(region__path__startswith=region.path) if region else qs.none()
    return qs


def with_identity_visible(people: QuerySet[Professional], *, user: Any) -> QuerySet[Professional]:
    """`people` annotated with `identity_visible`: whether the user may see each one's full number
    and birth date (the policy's "view_identity"), decided by the database in the same query."""
    entitled = restrict(Professional.objects.filter(pk=OuterRef("pk")), user, "view_identity")
    if entitled.query.is_empty():
        return people.annotate(identity_visible=Value(False))
    return people.annotate(identity_visible=Exists(entitled))


def professional_get(*, user: Any, pk: int) -> Professional:
    return get_in_scope(Professional.objects.select_related("unit", "title", "region"), user, pk=pk)


def level_counts(people: QuerySet[Professional]) -> list[dict[str, Any]]:
    rows = people.order_by().values("level").annotate(count=Count("id"))
    labels = dict(Level.choices)
    order = [c.value for c in Level]
    return sorted(
        ({"level": r["level"], "label": labels.get(r["level"], r["level"]), "count": r["count"]} for r in rows),
        key=lambda r: order.index(r["level"]) if r["level"] in order else 99,
    )


def roster_import_get(*, user: Any, pk: int) -> RosterImport:
    """An import is only ever visible to the person who uploaded it."""
    if not user.is_authenticated:
        raise Http404("未找到该导入记录")
    try:
        return RosterImport.objects.get(pk=pk, uploaded_by=user)
    except RosterImport.DoesNotExist:
        raise Http404("未找到该导入记录") from None


def transfer_list(*, user: Any, status: str = "") -> QuerySet[Transfer]:
    """Transfers the user sees: both sides (old and new unit, HR of the region left or joined)."""
    qs = restrict(Transfer.objects.select_related(
        "professional", "from_unit", "to_unit", "from_region", "to_region", "requested_by", "decided_by"), user)
    if status:
        qs = qs.filter(status=status)
    return qs.order_by("-requested_at", "-id")


def transfer_get(*, user: Any, pk: int) -> Transfer:
    return get_in_scope(Transfer.objects.select_related(
        "professional", "from_unit", "to_unit", "from_region", "to_region", "requested_by", "decided_by"), user, pk=pk)
