from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet

from jxjy.accounts.policy import restrict
from jxjy.core.scoping import get_in_scope

from .models import Region


def region_list(*, user: Any, q: str = "", level: str = "", parent_id: int | None = None) -> QuerySet[Region]:
    qs = restrict(Region.objects.select_related("parent"), user)
    if q:
        qs = qs.filter(Q(name__icontains=q) | Q(code__startswith=q))
    if level:
        qs = qs.filter(level=level)
    if parent_id:
        qs = qs.filter(parent_id=parent_id)
    return qs


def region_get(*, user: Any, pk: int) -> Region:
    return get_in_scope(Region.objects.select_related("parent"), user, pk=pk)
