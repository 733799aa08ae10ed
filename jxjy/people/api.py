import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.db.models import Value
from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate
from pydantic import AfterValidator, Field
from pydantic_core import PydanticCustomError

from jxjy.accounts.policy import can
from jxjy.core.bounds import ObjectId, Pagination, ShortStr
from jxjy.records.services.standings import standing_years
from jxjy.records.standing_lists import (
    SORT_SHORTFALL,
    band_keys,
    professionals_with_standing,
    standing_text,
    standing_year_message,
    verdict_choices,
)

from .selectors import professional_get, professional_list, with_identity_visible
from .services import professional_reveal_identity

router = Router(tags=["专业技术人员"])


class ProfessionalOut(Schema):
    id: int
    name: str
    masked_id_number: str
    sex: str
    birth_date: dt.date | None = Field(
        None, description="出生日期：仅对有权查看完整身份证号码的角色提供，其他角色为 null（不提供出生年份）")
    phone: str
    unit_id: int
    region_id: int
    series: str
    level: str
    title_id: int | None
    title_obtained_on: dt.date | None

    @staticmethod
    def resolve_birth_date(obj: Any) -> dt.date | None:
        return obj.birth_date if getattr(obj, "identity_visible", False) else None


class StandingOut(Schema):
    """The year's standing (达标情况); `verdict` is null when not computed yet (未计算)."""

    year: int
    verdict: str | None
    label: str
    shortfall: Decimal | None
    counted: Decimal | None
    required: Decimal | None
    amount_unit: str | None


class ProfessionalListOut(ProfessionalOut):
    standing: StandingOut

    @staticmethod
    def resolve_standing(obj: Any) -> dict[str, Any]:
        return {
            "year": obj.standing_year, "verdict": obj.standing_verdict, "label": standing_text(obj),
            "shortfall": obj.standing_shortfall, "counted": obj.standing_counted,
            "required": obj.standing_required, "amount_unit": obj.standing_amount_unit,
        }


def _standing_year(value: int) -> int:
    if value not in standing_years():
        raise PydanticCustomError("standing_year_range", standing_year_message())
    return value


def _verdict(value: str) -> str:
    allowed = [v for v, _label in verdict_choices()]
    if value and value not in allowed:
        raise PydanticCustomError("verdict_choice", "达标情况应为：" + "、".join(allowed))
    return value


def _band(value: str) -> str:
    if value and value not in band_keys():
        raise PydanticCustomError("band_choice", "差额区间应为：" + "、".join(band_keys()))
    return value


def _sort(value: str) -> str:
    if value not in ("", SORT_SHORTFALL):
        raise PydanticCustomError("sort_choice", "排序只能为 shortfall（差额从大到小）")
    return value


ComplianceYear = Annotated[int, Field(ge=1990, le=2100, description="达标情况年度（默认今年）"),
                           AfterValidator(_standing_year)]
VerdictFilter = Annotated[str, Field(max_length=10, description="met 达标、short 未达标、unknown 无法评估、none 未计算"),
                          AfterValidator(_verdict)]
BandFilter = Annotated[str, Field(max_length=10, description="差额区间：0-12、12-24、24-48、48+"),
                       AfterValidator(_band)]
SortOrder = Annotated[str, Field(max_length=10, description="shortfall：差额从大到小"), AfterValidator(_sort)]


class IdentityOut(Schema):
    id: int
    id_number: str


@router.get("", response=list[ProfessionalListOut],
            summary="专业技术人员列表（身份证号码已脱敏），附所选年度达标情况，可按达标情况和差额区间筛选")
@paginate(Pagination, page_size=50)
def list_professionals(  # type: ignore[no-untyped-def]
    request: HttpRequest, q: ShortStr = "", series: ShortStr = "", level: ShortStr = "", unit_id: ObjectId | None = None,
    compliance_year: ComplianceYear | None = None, verdict: VerdictFilter = "", band: BandFilter = "",
    sort: SortOrder = "",
):
    year = compliance_year or standing_years()[-1]
    people = professional_list(user=request.user, q=q, series=series, level=level, unit_id=unit_id)
    people = professionals_with_standing(people=people, user=request.user, year=year, verdict=verdict, band=band,
                                         sort=sort).annotate(standing_year=Value(year))
    return with_identity_visible(people, user=request.user)


@router.get("/{pk}", response=ProfessionalOut, summary="专业技术人员详情")
def get_professional(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    person = professional_get(user=request.user, pk=pk)
    person.identity_visible = can(request.user, "view_identity", person)  # type: ignore[attr-defined]
    return person


@router.get("/{pk}/identity", response=IdentityOut, summary="完整身份证号码（仅限有权角色，记入审计日志）")
def get_identity(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    person = professional_get(user=request.user, pk=pk)
    return {"id": person.pk, "id_number": professional_reveal_identity(actor=request.user, professional=person)}
