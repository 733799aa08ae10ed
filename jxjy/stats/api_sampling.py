"""Random sampling (抽查) through the API: draw a stratified sample, read its checklist, record each
check's result — the operations of the sampling pages, through the same services."""

import datetime as dt
from typing import Annotated, Literal

from django.db.models import F
from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from jxjy.accounts.policy import restrict
from jxjy.core.bounds import ObjectId, Pagination, ShortStr

from .models import Sample, SampleItem
from .scope import scope_for
from .selectors.sampling import item_standings
from .services.sampling import sample_draw, sample_item_record

router = Router(tags=["抽查"])


class SampleOut(Schema):
    id: int
    title: str
    region_code: str
    year: int
    kind: str
    size: int
    seed: int
    population: int
    strata: list[dict[str, object]]
    created_at: dt.datetime


class SampleItemOut(Schema):
    id: int
    position: int
    stratum: str
    target: str
    standing: str
    result: str
    finding: str
    checked_at: dt.datetime | None


class SampleDetailOut(SampleOut):
    items: list[SampleItemOut]


class SampleIn(Schema):
    kind: Literal["unit", "class", "person"]
    year: Annotated[int, Field(ge=2000, le=2100)]
    size: Annotated[int, Field(ge=1, le=500)] = 20
    seed: Annotated[int, Field(ge=0, le=2**62)] | None = None
    region: ShortStr = Field("", description="区划代码（默认本人所在区划）")


def _target(item: SampleItem) -> str:
    if item.unit is not None:
        return item.unit.name
    if item.training_class is not None:
        return item.training_class.name
    assert item.professional is not None
    return f"{item.professional.name}（{item.professional.masked_id_number}）"


def _detail(sample: Sample) -> dict[str, object]:
    items = list(sample.items.select_related("unit", "training_class", "professional"))
    standings = item_standings(sample, items)
    out: dict[str, object] = {f: getattr(sample, f) for f in ("id", "title", "year", "kind", "size", "seed",
                                                              "population", "strata", "created_at")}
    out["region_code"] = sample.region.code
    out["items"] = [{"id": i.pk, "position": i.position, "stratum": i.stratum, "target": _target(i),
                     "standing": standings.get(i.pk, ""), "result": i.result, "finding": i.finding,
                     "checked_at": i.checked_at} for i in items]
    return out


@router.get("", response=list[SampleOut], summary="抽样记录（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_samples(request: HttpRequest):  # type: ignore[no-untyped-def]
    scope_for(request.user)  # roles without statistics: 404
    return restrict(Sample.objects.annotate(region_code=F("region__code")), request.user)


@router.post("", response={201: SampleDetailOut}, summary="随机抽样（分层，可复现的随机种子）")
def draw_sample(request: HttpRequest, payload: SampleIn):  # type: ignore[no-untyped-def]
    scope = scope_for(request.user, region_code=payload.region)
    sample = sample_draw(actor=request.user, region=scope.region, year=payload.year, kind=payload.kind,  # type: ignore[arg-type]
                         size=payload.size, seed=payload.seed)
    return Status(201, _detail(sample))


@router.get("/{pk}", response=SampleDetailOut, summary="抽样检查清单（含各项当年度达标情况和检查结果）")
def get_sample(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    sample = restrict(Sample.objects.select_related("region"), request.user).filter(pk=pk).first()
    if sample is None:
        raise Http404("抽样记录不存在")
    return _detail(sample)


class SampleItemResultIn(Schema):
    result: Literal["passed", "failed"]
    finding: str = Field("", max_length=500)


@router.post("/items/{pk}/result", response=SampleItemOut, summary="登记一项的检查结果（合格或不合格）")
def record_item(request: HttpRequest, pk: ObjectId, payload: SampleItemResultIn):  # type: ignore[no-untyped-def]
    item = restrict(SampleItem.objects.select_related("sample__region", "unit", "training_class", "professional"),
                    request.user, "change").filter(pk=pk).first()
    if item is None:
        raise Http404("抽样检查项不存在")
    item = sample_item_record(actor=request.user, item=item, result=payload.result, finding=payload.finding)  # type: ignore[arg-type]
    standing = item_standings(item.sample, [item]).get(item.pk, "")
    return {"id": item.pk, "position": item.position, "stratum": item.stratum, "target": _target(item),
            "standing": standing, "result": item.result, "finding": item.finding, "checked_at": item.checked_at}
