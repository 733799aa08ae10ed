import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema
from ninja.pagination import paginate

from jxjy.core.bounds import ObjectId, Pagination, ShortStr

from .selectors import professional_get, professional_list
from .services import professional_reveal_identity

router = Router(tags=["专业技术人员"])


class ProfessionalOut(Schema):
    id: int
    name: str
    masked_id_number: str
    sex: str
    birth_date: dt.date
    phone: str
    unit_id: int
    region_id: int
    series: str
    level: str
    title_id: int | None
    title_obtained_on: dt.date | None


class IdentityOut(Schema):
    id: int
    id_number: str


@router.get("", response=list[ProfessionalOut], summary="专业技术人员列表（身份证号码已脱敏）")
@paginate(Pagination, page_size=50)
def list_professionals(  # type: ignore[no-untyped-def]
    request: HttpRequest, q: ShortStr = "", series: ShortStr = "", level: ShortStr = "", unit_id: ObjectId | None = None
):
    return professional_list(user=request.user, q=q, series=series, level=level, unit_id=unit_id)


@router.get("/{pk}", response=ProfessionalOut, summary="专业技术人员详情")
def get_professional(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return professional_get(user=request.user, pk=pk)


@router.get("/{pk}/identity", response=IdentityOut, summary="完整身份证号码（仅限有权角色，记入审计日志）")
def get_identity(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    person = professional_get(user=request.user, pk=pk)
    return {"id": person.pk, "id_number": professional_reveal_identity(actor=request.user, professional=person)}
