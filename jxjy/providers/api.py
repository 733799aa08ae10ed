"""JSON endpoints under /api/v1/ce-bases/: bases, applications and their review, the class check,
the teacher pool, credit records and the public credit list. Scoped like the pages (404 outside scope)."""

import datetime as dt
from decimal import Decimal

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema, Status
from ninja.pagination import paginate

from jxjy.core.bounds import BoundedDate, Count, LongStr, ObjectId, Pagination, ShortStr
from jxjy.core.errors import PermissionDenied
from jxjy.core.scoping import get_in_scope
from jxjy.orgs.models import Provider

from .choices import Tier
from .selectors import bases as sel
from .selectors import teachers as teacher_sel
from .selectors.public import public_credit_list
from .services import accreditation, credit
from .services.checks import class_application_problems

router = Router(tags=["继续教育基地"])


class BaseOut(Schema):
    id: int
    number: str
    provider_id: int
    provider_name: str
    tier: str
    bureau_id: int
    scope_series: list[str]
    scope_subjects: list[str]
    scope_forms: list[str]
    valid_from: dt.date
    valid_to: dt.date
    status: str
    revoked_on: dt.date | None

    @staticmethod
    def resolve_provider_name(obj: object) -> str:
        return str(obj.provider.name)  # type: ignore[attr-defined]


class ApplicationOut(Schema):
    id: int
    provider_id: int
    tier: str
    kind: str
    bureau_id: int
    status: str
    scope_series: list[str]
    scope_subjects: list[str]
    scope_forms: list[str]
    comment: str


class ApplicationIn(Schema):
    tier: Tier
    scope_series: list[ShortStr] = Field([], max_length=100)
    scope_subjects: list[ShortStr] = Field(..., max_length=100)
    scope_forms: list[ShortStr] = Field(..., max_length=100)
    facilities: LongStr
    places: LongStr
    full_time_teachers: Count = 0
    part_time_teachers: Count = 0
    management_rules: LongStr
    renewal_of_id: ObjectId | None = None
    submit: bool = True


class AccreditIn(Schema):
    valid_from: BoundedDate | None = None
    valid_to: BoundedDate | None = None
    comment: LongStr = ""


class ClassCheckIn(Schema):
    provider_id: ObjectId
    class_type: ShortStr
    series: list[ShortStr] = Field([], max_length=100)
    subject: ShortStr
    form: ShortStr
    total_hours: Decimal = Field(..., ge=0, max_digits=6, decimal_places=1)
    fee_per_person: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    fee_licence_no: ShortStr = ""
    on: BoundedDate


class Problem(Schema):
    field: str | None
    message: str


class ClassCheckOut(Schema):
    ok: bool
    problems: list[Problem]


class TeacherOut(Schema):
    id: int
    name: str
    employment: str
    title: str
    unit: str
    specialties: str
    status: str
    shared: bool
    home_provider_id: int


class CreditEventIn(Schema):
    kind: ShortStr
    occurred_on: BoundedDate
    source: ShortStr
    description: LongStr = ""
    points: Decimal | None = Field(None, ge=-1000, le=1000, max_digits=5, decimal_places=1)


class CreditOut(Schema):
    provider_id: int
    provider_name: str
    score: Decimal
    grade: str
    grade_label: str


@router.get("/", response=list[BaseOut], summary="继续教育基地（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_bases(request: HttpRequest, q: ShortStr = "", status: ShortStr = "", tier: ShortStr = ""):  # type: ignore[no-untyped-def]
    return sel.base_list(user=request.user, q=q, status=status, tier=tier)


@router.get("/applications", response=list[ApplicationOut], summary="基地认定申请（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_applications(request: HttpRequest, status: ShortStr = ""):  # type: ignore[no-untyped-def]
    return sel.application_list(user=request.user, status=status)


@router.post("/applications", response={201: ApplicationOut}, summary="申报继续教育基地（施教机构）")
def create_application(request: HttpRequest, payload: ApplicationIn):  # type: ignore[no-untyped-def]
    data = payload.dict()
    renewal_id = data.pop("renewal_of_id")
    renewal_of = sel.base_get(user=request.user, pk=renewal_id) if renewal_id else None
    provider = getattr(request.user, "provider", None)
    application = accreditation.base_application_create(
        actor=request.user, provider=provider, renewal_of=renewal_of, **data)  # type: ignore[arg-type]
    return Status(201, application)


@router.get("/applications/{pk}", response=ApplicationOut, summary="认定申请详情")
def get_application(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return sel.application_get(user=request.user, pk=pk)


@router.post("/applications/{pk}/accredit", response=BaseOut, summary="认定授牌（本级人社局）")
def accredit(request: HttpRequest, pk: ObjectId, payload: AccreditIn):  # type: ignore[no-untyped-def]
    application = sel.application_get(user=request.user, pk=pk)
    return accreditation.base_accredit(actor=request.user, application=application, **payload.dict())


@router.post("/class-check", response=ClassCheckOut, summary="办班范围与收费检查")
def class_check(request: HttpRequest, payload: ClassCheckIn):  # type: ignore[no-untyped-def]
    data = payload.dict()
    provider = get_in_scope(Provider.objects.all(), request.user, pk=data.pop("provider_id"))
    problems = class_application_problems(provider=provider, **data)
    return {"ok": not problems, "problems": [{"field": p.field, "message": p.message} for p in problems]}


@router.get("/teachers", response=list[TeacherOut], summary="师资库（可按专长检索）")
@paginate(Pagination, page_size=50)
def list_teachers(request: HttpRequest, specialty: ShortStr = "", status: ShortStr = ""):  # type: ignore[no-untyped-def]
    return teacher_sel.teacher_list(user=request.user, specialty=specialty, status=status)


@router.post("/providers/{pk}/credit-events", response={201: dict}, summary="记入施教机构信用档案")
def add_credit_event(request: HttpRequest, pk: ObjectId, payload: CreditEventIn):  # type: ignore[no-untyped-def]
    provider = get_in_scope(Provider.objects.all(), request.user, action="change", pk=pk)
    if not (request.user.is_superuser or getattr(request.user, "role", "") == "hr_officer"):
        raise PermissionDenied("只有人社局经办人员可以记入信用档案")
    event = credit.provider_credit_event_record(actor=request.user, provider=provider, **payload.dict())
    return Status(201, {"id": event.pk, "points": str(event.points)})


@router.get("/{pk}", response=BaseOut, summary="继续教育基地详情")
def get_base(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return sel.base_get(user=request.user, pk=pk)


@router.get("/public/credit", response=list[CreditOut], auth=None, summary="信用公示（无需登录）")
def public_credit(request: HttpRequest, grade: ShortStr = ""):  # type: ignore[no-untyped-def]
    return [
        {"provider_id": r.provider.pk, "provider_name": r.provider.name, "score": r.credit.score,
         "grade": r.credit.grade.grade, "grade_label": r.credit.grade.label}
        for r in public_credit_list(on=timezone.localdate(), grade=grade)
    ]
