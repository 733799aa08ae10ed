"""Assessments (考核) through the API: record an industry authority's check (常人社发〔2011〕11号 第十八条)
or a unit's spot check (第二十二条), publish its notice (第十九条, 第二十三条) and commend (第二十条,
第二十四条) — the operations of the assessment pages, through the same services."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Literal

from django.http import Http404, HttpRequest
from ninja import Router, Schema, Status
from ninja.pagination import paginate
from pydantic import Field

from jxjy.accounts.policy import restrict
from jxjy.core.bounds import ObjectId, Pagination
from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import EmployerUnit, IndustryAuthority

from .choices import AUTHORITY_ITEMS, UNIT_ITEMS, AssessmentKind
from .models import Assessment
from .scope import may_use_statistics
from .services.assessments import (
    assessment_authority_record,
    assessment_notice_publish,
    assessment_unit_record,
    commendation_award,
)

router = Router(tags=["考核"])
AssessmentYear = Annotated[int, Field(ge=2000, le=2100)]


class AssessmentOut(Schema):
    id: int
    kind: str
    year: int
    target: str
    target_id: int
    items: dict[str, object]
    figures: dict[str, object]
    outcome: str
    quota_cut_percent: Decimal | None
    notice_text: str
    published_at: dt.datetime | None
    assessed_at: dt.datetime

    @staticmethod
    def resolve_target(obj: Assessment) -> str:
        target = obj.authority or obj.unit
        return target.name if target is not None else ""

    @staticmethod
    def resolve_target_id(obj: Assessment) -> int:
        return int(obj.authority_id or obj.unit_id or 0)


class AssessmentItemIn(Schema):
    passed: bool
    note: str = Field("", max_length=300)


class AssessmentIn(Schema):
    kind: Literal["authority", "unit"]
    year: AssessmentYear
    target_id: ObjectId
    items: dict[Annotated[str, Field(max_length=30)], AssessmentItemIn] = Field(
        ..., description="考核项目代码 → 是否合格及情况说明；须填写该类考核的全部项目")
    quota_cut_percent: Annotated[Decimal, Field(ge=0, le=10, max_digits=3, decimal_places=1)] | None = None


def _scoped(request: HttpRequest):  # type: ignore[no-untyped-def]
    if not may_use_statistics(request.user):
        raise Http404("页面不存在")
    return restrict(Assessment.objects.select_related("authority", "unit", "region"), request.user)


def _get(request: HttpRequest, pk: int) -> Assessment:
    assessment = _scoped(request).filter(pk=pk).first()
    if assessment is None:
        raise Http404("考核记录不存在")
    return assessment


@router.get("", response=list[AssessmentOut], summary="考核记录（按管辖范围，可按年度筛选）")
@paginate(Pagination, page_size=50)
def list_assessments(request: HttpRequest, year: AssessmentYear | None = None):  # type: ignore[no-untyped-def]
    qs = _scoped(request)
    return qs.filter(year=year) if year is not None else qs


@router.post("", response={201: AssessmentOut}, summary="登记考核：行业主管部门考核或企事业单位抽查考核")
def record_assessment(request: HttpRequest, payload: AssessmentIn):  # type: ignore[no-untyped-def]
    catalogue = AUTHORITY_ITEMS if payload.kind == AssessmentKind.AUTHORITY else UNIT_ITEMS
    codes = [code for code, _ in catalogue]
    unknown = sorted(set(payload.items) - set(codes))
    if unknown:
        raise ApplicationError(f"未知的考核项目：{'、'.join(unknown)[:100]}", field="items")
    missing = [label for code, label in catalogue if code not in payload.items]
    if missing:
        raise ApplicationError(f"请填写考核项目：{'、'.join(missing)}", field="items")
    items = {code: (payload.items[code].passed, payload.items[code].note) for code in codes}
    if payload.kind == AssessmentKind.AUTHORITY:
        authority = restrict(IndustryAuthority.objects.all(), request.user, "change").filter(pk=payload.target_id).first()
        if authority is None:
            raise Http404("考核对象不存在")
        assessment = assessment_authority_record(actor=request.user, authority=authority, year=payload.year,  # type: ignore[arg-type]
                                                 items=items)
    else:
        unit = restrict(EmployerUnit.objects.all(), request.user, "change").filter(pk=payload.target_id).first()
        if unit is None:
            raise Http404("考核对象不存在")
        assessment = assessment_unit_record(actor=request.user, unit=unit, year=payload.year, items=items,  # type: ignore[arg-type]
                                            quota_cut_percent=payload.quota_cut_percent)
    return Status(201, assessment)


@router.get("/{pk}", response=AssessmentOut, summary="考核详情")
def get_assessment(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return _get(request, pk)


@router.post("/{pk}/publish", response=AssessmentOut, summary="发布考核通报")
def publish_assessment(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return assessment_notice_publish(actor=request.user, assessment=_get(request, pk))  # type: ignore[arg-type]


class CommendationIn(Schema):
    article: Literal["art20", "art24"]
    reason: str = Field(..., min_length=1, max_length=500)
    person_name: str = Field("", max_length=50)


class CommendationOut(Schema):
    id: int
    article: str
    reason: str
    person_name: str
    year: int


@router.post("/{pk}/commendations", response={201: CommendationOut}, summary="表彰（依据考核结果）")
def commend(request: HttpRequest, pk: ObjectId, payload: CommendationIn):  # type: ignore[no-untyped-def]
    commendation = commendation_award(actor=request.user, assessment=_get(request, pk), article=payload.article,  # type: ignore[arg-type]
                                      reason=payload.reason, person_name=payload.person_name)
    return Status(201, commendation)
