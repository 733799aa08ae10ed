from __future__ import annotations

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import PageNumberPagination, paginate

from .selectors import region_get, region_list

router = Router(tags=["行政区划"])


class RegionOut(Schema):
    id: int
    code: str
    name: str
    level: str
    parent_id: int | None
    path: str


@router.get("", response=list[RegionOut], summary="行政区划列表")
@paginate(PageNumberPagination, page_size=50)
def list_regions(request: HttpRequest, q: str = "", level: str = ""):  # type: ignore[no-untyped-def]
    return region_list(user=request.user, q=q, level=level)


@router.get("/{region_id}", response=RegionOut, summary="行政区划详情")
def get_region(request: HttpRequest, region_id: int):  # type: ignore[no-untyped-def]
    return region_get(user=request.user, pk=region_id)
