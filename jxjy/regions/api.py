from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from jxjy.core.bounds import ObjectId, Pagination, ShortStr

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
@paginate(Pagination, page_size=50)
def list_regions(request: HttpRequest, q: ShortStr = "", level: ShortStr = ""):  # type: ignore[no-untyped-def]
    return region_list(user=request.user, q=q, level=level)


@router.get("/{region_id}", response=RegionOut, summary="行政区划详情")
def get_region(request: HttpRequest, region_id: ObjectId):  # type: ignore[no-untyped-def]
    return region_get(user=request.user, pk=region_id)
