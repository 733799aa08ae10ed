from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from jxjy.core.bounds import ObjectId, Pagination, ShortStr

from . import selectors

router = Router(tags=["机构"])


class HRBureauOut(Schema):
    id: int
    name: str
    region_id: int
    stamp_name: str
    phone: str


class IndustryAuthorityOut(Schema):
    id: int
    name: str
    sector: str
    region_id: int
    phone: str


class EmployerUnitOut(Schema):
    id: int
    name: str
    credit_code: str
    region_id: int
    sector: str
    ownership: str
    supervising_authority_id: int | None
    managed_by_hr_bureau_directly: bool


class ProviderOut(Schema):
    id: int
    name: str
    credit_code: str
    region_id: int
    supervising_authority_id: int | None


@router.get("hr-bureaus", response=list[HRBureauOut], summary="人社局列表")
@paginate(Pagination, page_size=50)
def list_bureaus(request: HttpRequest, q: ShortStr = ""):  # type: ignore[no-untyped-def]
    return selectors.hr_bureau_list(user=request.user, q=q)


@router.get("hr-bureaus/{pk}", response=HRBureauOut, summary="人社局详情")
def get_bureau(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return selectors.hr_bureau_get(user=request.user, pk=pk)


@router.get("industry-authorities", response=list[IndustryAuthorityOut], summary="行业主管部门列表")
@paginate(Pagination, page_size=50)
def list_authorities(request: HttpRequest, q: ShortStr = "", sector: ShortStr = ""):  # type: ignore[no-untyped-def]
    return selectors.authority_list(user=request.user, q=q, sector=sector)


@router.get("industry-authorities/{pk}", response=IndustryAuthorityOut, summary="行业主管部门详情")
def get_authority(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return selectors.authority_get(user=request.user, pk=pk)


@router.get("employer-units", response=list[EmployerUnitOut], summary="用人单位列表")
@paginate(Pagination, page_size=50)
def list_units(request: HttpRequest, q: ShortStr = "", sector: ShortStr = "", ownership: ShortStr = ""):  # type: ignore[no-untyped-def]
    return selectors.unit_list(user=request.user, q=q, sector=sector, ownership=ownership)


@router.get("employer-units/{pk}", response=EmployerUnitOut, summary="用人单位详情")
def get_unit(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return selectors.unit_get(user=request.user, pk=pk)


@router.get("providers", response=list[ProviderOut], summary="施教机构列表")
@paginate(Pagination, page_size=50)
def list_providers(request: HttpRequest, q: ShortStr = ""):  # type: ignore[no-untyped-def]
    return selectors.provider_list(user=request.user, q=q)


@router.get("providers/{pk}", response=ProviderOut, summary="施教机构详情")
def get_provider(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return selectors.provider_get(user=request.user, pk=pk)
