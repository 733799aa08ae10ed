"""Transfers (人员调动) in the JSON API, mounted at /api/v1/transfers: both sides list and read;
the new unit's administrator requests and cancels; the old unit's administrator or the old
region's HR officer releases or refuses. Outside both sides: 404; a side that may not act: 403."""

import datetime as dt

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jxjy.core.bounds import BoundedDate, LongStr, ObjectId, Pagination, ShortStr

from .models import TransferStatus
from .selectors import professional_get, transfer_get, transfer_list
from .services.placements import placements_of
from .services.transfers import transfer_cancel, transfer_refuse, transfer_release, transfer_request

router = Router(tags=["人员调动"])


class TransferOut(Schema):
    id: int
    professional_id: int
    name: str = Field(..., alias="professional.name")
    from_unit_id: int
    from_region_id: int
    to_unit_id: int
    to_region_id: int
    effective_on: dt.date | None
    note: str
    status: TransferStatus
    requested_at: dt.datetime
    decided_at: dt.datetime | None
    refusal_reason: str


class TransferIn(Schema):
    id_number: str = Field(..., min_length=1, max_length=18, description="调入人员的身份证号码")
    name: str = Field(..., min_length=1, max_length=50, description="调入人员的姓名（须与身份证号码相符）")
    effective_on: BoundedDate | None = Field(None, description="实际到岗日期，不晚于今天；省略时以放行之日为准")
    note: ShortStr = ""


class RefuseIn(Schema):
    reason: LongStr = Field(..., description="不予放行原因")


class PlacementOut(Schema):
    unit_id: int
    region_id: int
    valid_from: dt.date
    valid_to: dt.date | None


@router.get("", response=list[TransferOut], summary="调动列表（调出、调入双方可见）")
@paginate(Pagination, page_size=50)
def list_transfers(request: HttpRequest, status: TransferStatus | None = None):  # type: ignore[no-untyped-def]
    return transfer_list(user=request.user, status=status.value if status else "")


@router.post("", response={201: TransferOut}, summary="申请调入本单位（调入单位继续教育管理员）")
def post_transfer(request: HttpRequest, payload: TransferIn):  # type: ignore[no-untyped-def]
    return Status(201, transfer_request(actor=request.user, id_number=payload.id_number, name=payload.name,
                                        effective_on=payload.effective_on, note=payload.note))


@router.get("/people/{professional_id}/placements", response=list[PlacementOut], summary="某人的任职经历（单位、区划及起止日期）")
def get_placements(request: HttpRequest, professional_id: ObjectId):  # type: ignore[no-untyped-def]
    return placements_of(professional_get(user=request.user, pk=professional_id))


@router.get("/{pk}", response=TransferOut, summary="调动详情")
def get_transfer(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return transfer_get(user=request.user, pk=pk)


@router.post("/{pk}/release", response=TransferOut, summary="放行（调出单位管理员或调出地人社局）：人员调入新单位")
def post_release(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    transfer_release(actor=request.user, transfer=transfer_get(user=request.user, pk=pk))
    return transfer_get(user=request.user, pk=pk)


@router.post("/{pk}/refuse", response=TransferOut, summary="不予放行（调出单位管理员或调出地人社局），须填原因")
def post_refuse(request: HttpRequest, pk: ObjectId, payload: RefuseIn):  # type: ignore[no-untyped-def]
    transfer_refuse(actor=request.user, transfer=transfer_get(user=request.user, pk=pk), reason=payload.reason)
    return transfer_get(user=request.user, pk=pk)


@router.post("/{pk}/cancel", response=TransferOut, summary="撤回调动申请（申请调入的单位）")
def post_cancel(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    transfer_cancel(actor=request.user, transfer=transfer_get(user=request.user, pk=pk))
    return transfer_get(user=request.user, pk=pk)
