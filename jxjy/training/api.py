"""The JSON API of the training workflow (/api/v1/training/…): the same services as the pages,
so no state can be skipped here either — a wrong state answers 409 with the reason."""

import datetime as dt
from decimal import Decimal
from typing import Annotated, Any

from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Router, Schema, Status
from ninja.files import UploadedFile
from ninja.pagination import paginate

from jxjy.accounts.policy import restrict
from jxjy.core.bounds import MAX_ID, BoundedDate, LongStr, ObjectId, Pagination, ShortStr, Year
from jxjy.people.models import Professional

from .choices import HalfDay
from .models import Objection, ScheduleItem
from .selectors import (
    class_get,
    class_list,
    plan_get,
    plan_list,
    public_notice_get,
    public_notices,
)
from .services.attendance import attendance_sign_by_qr, attended_hours, qr_token
from .services.classes import teacher_resume_attach, training_class_create, training_class_submit
from .services.enrolment import enrolment_nominate, enrolment_self
from .services.exam import exam_scores_enter
from .services.notice import objection_file, objection_resolve, public_notice_conclude
from .services.plans import (
    training_plan_approve,
    training_plan_create,
    training_plan_return,
    training_plan_submit,
)
from .services.recognition import (
    class_summary_file,
    evidence_upload,
    inspection_record,
    recognition_extension_grant,
    recognition_submit,
    training_class_recognise,
)
from .services.review import class_review_approve, class_review_reject, class_review_return

router = Router(tags=["培训班"])

Score = Annotated[Decimal, Field(ge=0, le=1000, max_digits=5, decimal_places=1)]


class ScheduleItemIn(Schema):
    date: BoundedDate
    half_day: HalfDay
    content: str = Field(..., max_length=200)
    # one half-day holds more than 0 and at most 4 hours (the database constraint half_day_hours_range)
    hours: Decimal = Field(..., gt=0, le=4, max_digits=4, decimal_places=1)
    teacher_name: str = Field(..., max_length=50)
    teacher_title: str = Field(..., max_length=50)
    teacher_unit: str = Field(..., max_length=100)


class ScheduleItemOut(Schema):
    id: int
    date: dt.date
    half_day: str
    content: str
    hours: Decimal
    teacher_name: str
    teacher_title: str
    teacher_unit: str


class ClassIn(Schema):
    class_type: ShortStr = "training"
    name: str = Field(..., max_length=150)
    start_date: BoundedDate
    end_date: BoundedDate
    place: str = Field(..., max_length=200)
    contact: str = Field(..., max_length=50)
    phone: str = Field(..., max_length=30)
    total_hours: Decimal = Field(..., gt=0, max_digits=6, decimal_places=1)
    runs: int = Field(1, ge=1, le=32767)
    trainees_per_run: int = Field(..., ge=1, le=MAX_ID)
    subject: ShortStr
    form: ShortStr = "centralized"
    target_series: list[ShortStr] = Field([], max_length=100)
    target_levels: list[ShortStr] = Field([], max_length=100)
    audience: str = Field(..., max_length=200)
    target_region: str | None = Field(None, max_length=6, description="培训对象所在地区的区划代码；为空表示办班单位所在地区")
    teaching_plan: LongStr
    funding_source: str = Field(..., max_length=100)
    charges_fee: bool = False
    fee_per_person: Decimal | None = Field(None, ge=0, max_digits=8, decimal_places=2)
    fee_standard: str = Field("", max_length=200)
    fee_licence_no: str = Field("", max_length=60)
    pass_mark: Decimal = Field(Decimal(60), ge=0, le=100, max_digits=5, decimal_places=1)
    plan_item_id: ObjectId | None = None
    schedule: list[ScheduleItemIn] = Field(..., max_length=1000)


class ClassOut(Schema):
    id: int
    name: str
    class_type: str
    provider_id: int
    start_date: dt.date
    end_date: dt.date
    total_hours: Decimal
    capacity: int
    subject: str
    status: str
    approval_no: str | None
    certificate_first: int | None
    certificate_last: int | None
    approving_bureau_id: int | None
    in_approved_plan: bool


class ClassDetailOut(ClassOut):
    place: str
    contact: str
    phone: str
    runs: int
    trainees_per_run: int
    audience: str
    target_region: str
    target_region_name: str
    teaching_plan: str
    funding_source: str
    charges_fee: bool
    fee_per_person: Decimal | None
    pass_mark: Decimal
    schedule: list[ScheduleItemOut]

    @staticmethod
    def resolve_schedule(obj: Any) -> list[Any]:
        return list(obj.schedule.all())

    @staticmethod
    def resolve_target_region(obj: Any) -> str:
        return str(obj.jurisdiction.code)

    @staticmethod
    def resolve_target_region_name(obj: Any) -> str:
        return str(obj.jurisdiction.full_name)


class CommentIn(Schema):
    comment: str = Field("", max_length=500)


class ObjectionIn(Schema):
    name: ShortStr
    contact: ShortStr
    reason: LongStr


class ObjectionOut(Schema):
    id: int
    status: str


class ResolveIn(Schema):
    upheld: bool
    resolution: LongStr


class NoticeOut(Schema):
    id: int
    training_class_id: int
    class_name: str
    provider: str
    starts_on: dt.date
    ends_on: dt.date

    @staticmethod
    def resolve_class_name(obj: Any) -> str:
        return str(obj.training_class.name)

    @staticmethod
    def resolve_provider(obj: Any) -> str:
        return str(obj.training_class.provider.name)


class ClassEnrolmentOut(Schema):
    id: int
    professional_id: int
    name: str
    source: str
    certificate_no: str
    exam_score: Decimal | None
    hours: Decimal = Decimal(0)

    @staticmethod
    def resolve_name(obj: Any) -> str:
        return str(obj.professional.name)


class NominateIn(Schema):
    professional_ids: list[ObjectId] = Field(..., max_length=2000)


class TokenOut(Schema):
    token: str


class SignIn(Schema):
    token: str = Field(..., max_length=500)


class AttendanceOut(Schema):
    id: int
    signed_in_at: dt.datetime | None
    sign_in_method: str
    signed_out_at: dt.datetime | None
    sign_out_method: str


class ScoresIn(Schema):
    scores: dict[ObjectId, Score | None] = Field(..., max_length=5000)


class ExtensionIn(Schema):
    until: BoundedDate
    reason: LongStr


class InspectionIn(Schema):
    finding: ShortStr
    notes: LongStr


class SummaryIn(Schema):
    text: str = Field(..., max_length=50_000)


class SummaryOut(Schema):
    id: int
    statistics: dict[str, Any]


class RecognisedOut(Schema):
    status: str
    records: int


class PlanItemIn(Schema):
    name: str = Field(..., max_length=150)
    class_type: ShortStr = "training"
    audience: str = Field(..., max_length=200)
    hours: Decimal = Field(..., gt=0, max_digits=6, decimal_places=1)
    runs: int = Field(1, ge=1, le=32767)
    trainees: int = Field(..., ge=0, le=MAX_ID)
    budget_source: str = Field(..., max_length=100)


class PlanIn(Schema):
    year: Year
    items: list[PlanItemIn] = Field(..., max_length=500)


class PlanOut(Schema):
    id: int
    year: int
    hr_bureau_id: int
    status: str
    review_comment: str


# --- classes ------------------------------------------------------------------------------------
@router.get("/classes", response=list[ClassOut], summary="培训班列表（按管辖范围）")
@paginate(Pagination, page_size=50)
def list_classes(request: HttpRequest, status: ShortStr = "", q: ShortStr = ""):  # type: ignore[no-untyped-def]
    return class_list(user=request.user, status=status, q=q)


@router.get("/classes/{pk}", response=ClassDetailOut, summary="培训班详情")
def get_class(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return class_get(user=request.user, pk=pk)


@router.post("/classes", response={201: ClassDetailOut}, summary="填写办班申请（草稿）")
def create_class(request: HttpRequest, payload: ClassIn):  # type: ignore[no-untyped-def]
    data = payload.dict()
    schedule, plan_item_id = data.pop("schedule"), data.pop("plan_item_id")
    return Status(201, training_class_create(actor=request.user, data=data, schedule=schedule, plan_item_id=plan_item_id))


@router.post("/classes/{pk}/resumes", response={201: dict[str, int]}, summary="上传师资简历")
def upload_resume(request: HttpRequest, pk: ObjectId, teacher_name: Form[ShortStr], file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    resume = teacher_resume_attach(actor=request.user, training_class=class_get(user=request.user, pk=pk),
                                   teacher_name=teacher_name, filename=file.name or "", data=file.read())
    return Status(201, {"id": resume.pk})


@router.post("/classes/{pk}/submit", response=ClassOut, summary="提交办班申请（按培训对象所在地区规定的期限提前提交）")
def submit_class(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return training_class_submit(actor=request.user, training_class=class_get(user=request.user, pk=pk))


@router.post("/classes/{pk}/review/{decision}", response=ClassOut, summary="审核：approve / return / reject")
def review_class(request: HttpRequest, pk: ObjectId, decision: ShortStr, payload: CommentIn):  # type: ignore[no-untyped-def]
    training_class = class_get(user=request.user, pk=pk)
    if decision == "approve":
        class_review_approve(actor=request.user, training_class=training_class, comment=payload.comment)
    elif decision == "return":
        class_review_return(actor=request.user, training_class=training_class, comment=payload.comment)
    elif decision == "reject":
        class_review_reject(actor=request.user, training_class=training_class, reason=payload.comment)
    else:
        from jxjy.core.errors import ApplicationError

        raise ApplicationError("审核结论只能是 approve、return 或 reject", field="decision")
    return class_get(user=request.user, pk=pk)


@router.post("/classes/{pk}/notice/conclude", response=ClassOut, summary="公示期满，批准并编号")
def conclude_notice(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return public_notice_conclude(actor=request.user, training_class=class_get(user=request.user, pk=pk))


@router.post("/objections/{pk}/resolve", response=ObjectionOut, summary="处理异议")
def resolve_objection(request: HttpRequest, pk: ObjectId, payload: ResolveIn):  # type: ignore[no-untyped-def]
    objection = get_object_or_404(Objection.objects.filter(
        notice__training_class__in=class_list(user=request.user)), pk=pk)
    return objection_resolve(actor=request.user, objection=objection, upheld=payload.upheld,
                             resolution=payload.resolution)


# --- public notice (no login) ----------------------------------------------------------------------
@router.get("/notices", response=list[NoticeOut], auth=None, summary="公示中的培训班（公开）")
def list_notices(request: HttpRequest):  # type: ignore[no-untyped-def]
    return list(public_notices())


@router.post("/notices/{pk}/objections", response={201: ObjectionOut}, auth=None, summary="提出异议（公开，限频）")
def file_objection(request: HttpRequest, pk: ObjectId, payload: ObjectionIn):  # type: ignore[no-untyped-def]
    notice = public_notice_get(pk=pk)
    return Status(201, objection_file(notice=notice, ip=request.META.get("REMOTE_ADDR"), **payload.dict()))


# --- enrolment, attendance, exam ----------------------------------------------------------------------
@router.get("/classes/{pk}/enrolments", response=list[ClassEnrolmentOut], summary="花名册")
def list_enrolments(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    training_class = class_get(user=request.user, pk=pk, action="change")
    hours = attended_hours(training_class)
    rows = list(training_class.enrolments.select_related("professional"))
    for row in rows:
        row.hours = hours.get(row.pk, Decimal(0))  # type: ignore[attr-defined]
    return rows


@router.post("/classes/{pk}/enrolments/self", response={201: ClassEnrolmentOut}, summary="个人报名")
def enrol_self(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return Status(201, enrolment_self(actor=request.user, training_class=class_get(user=request.user, pk=pk)))


@router.post("/classes/{pk}/enrolments/nominate", response={201: list[ClassEnrolmentOut]}, summary="单位选派")
def nominate(request: HttpRequest, pk: ObjectId, payload: NominateIn):  # type: ignore[no-untyped-def]
    people = list(restrict(Professional.objects.filter(pk__in=payload.professional_ids), request.user))
    return Status(201, enrolment_nominate(actor=request.user, training_class=class_get(user=request.user, pk=pk),
                                          professionals=people))


@router.get("/classes/{pk}/sessions/{item_pk}/token", response=TokenOut, summary="签到/签退令牌（办班单位展示为二维码）")
def session_token(request: HttpRequest, pk: ObjectId, item_pk: ObjectId, kind: ShortStr = "in"):  # type: ignore[no-untyped-def]
    from .permissions import require_provider

    training_class = class_get(user=request.user, pk=pk)
    require_provider(request.user, training_class)
    item = get_object_or_404(training_class.schedule, pk=item_pk)
    if kind not in ("in", "out"):
        from jxjy.core.errors import ApplicationError

        raise ApplicationError("kind 只能是 in 或 out", field="kind")
    return {"token": qr_token(item=item, kind=kind)}


@router.post("/sessions/{item_pk}/sign", response=AttendanceOut, summary="学员扫码签到或签退")
def sign(request: HttpRequest, item_pk: ObjectId, payload: SignIn):  # type: ignore[no-untyped-def]
    item = get_object_or_404(ScheduleItem, pk=item_pk)
    return attendance_sign_by_qr(actor=request.user, item=item, token=payload.token)


@router.post("/classes/{pk}/scores", response=dict[str, int], summary="登记考试成绩")
def enter_scores(request: HttpRequest, pk: ObjectId, payload: ScoresIn):  # type: ignore[no-untyped-def]
    changed = exam_scores_enter(actor=request.user, training_class=class_get(user=request.user, pk=pk),
                                scores=dict(payload.scores))
    return {"changed": changed}


# --- recognition, inspection, summary --------------------------------------------------------------------
@router.post("/classes/{pk}/evidence", response={201: dict[str, int]}, summary="上传学时认定材料")
def upload_evidence(request: HttpRequest, pk: ObjectId, kind: Form[ShortStr], file: File[UploadedFile]):  # type: ignore[no-untyped-def]
    evidence = evidence_upload(actor=request.user, training_class=class_get(user=request.user, pk=pk), kind=kind,
                               filename=file.name or "", data=file.read())
    return Status(201, {"id": evidence.pk})


@router.post("/classes/{pk}/recognition/submit", response=ClassOut, summary="申报学时认定（按培训对象所在地区规定的期限）")
def submit_recognition(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return recognition_submit(actor=request.user, training_class=class_get(user=request.user, pk=pk))


@router.post("/classes/{pk}/recognition/extension", response={201: dict[str, str]}, summary="准予延期申报")
def grant_extension(request: HttpRequest, pk: ObjectId, payload: ExtensionIn):  # type: ignore[no-untyped-def]
    ext = recognition_extension_grant(actor=request.user, training_class=class_get(user=request.user, pk=pk),
                                      until=payload.until, reason=payload.reason)
    return Status(201, {"until": ext.until.isoformat()})


@router.post("/classes/{pk}/recognition/recognise", response=RecognisedOut, summary="认定学时")
def recognise(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    records = training_class_recognise(actor=request.user, training_class=class_get(user=request.user, pk=pk))
    return {"status": "recognised", "records": len(records)}


@router.post("/classes/{pk}/inspections", response={201: dict[str, Any]}, summary="登记监督检查")
def inspect(request: HttpRequest, pk: ObjectId, payload: InspectionIn):  # type: ignore[no-untyped-def]
    inspection = inspection_record(actor=request.user, training_class=class_get(user=request.user, pk=pk),
                                   finding=payload.finding, notes=payload.notes)
    return Status(201, {"id": inspection.pk, "class_status": inspection.training_class.status})


@router.post("/classes/{pk}/summary", response={201: SummaryOut}, summary="提交办班总结")
def file_summary(request: HttpRequest, pk: ObjectId, payload: SummaryIn):  # type: ignore[no-untyped-def]
    return Status(201, class_summary_file(actor=request.user, training_class=class_get(user=request.user, pk=pk),
                                          text=payload.text))


# --- plans and notifications ---------------------------------------------------------------------------------
@router.get("/plans", response=list[PlanOut], summary="年度培训计划")
def list_plans(request: HttpRequest, year: Year | None = None):  # type: ignore[no-untyped-def]
    return list(plan_list(user=request.user, year=year))


@router.post("/plans", response={201: PlanOut}, summary="填报年度培训计划")
def create_plan(request: HttpRequest, payload: PlanIn):  # type: ignore[no-untyped-def]
    return Status(201, training_plan_create(actor=request.user, year=payload.year, items=[i.dict() for i in payload.items]))


@router.post("/plans/{pk}/{action}", response=PlanOut, summary="计划：submit / approve / return")
def plan_action(request: HttpRequest, pk: ObjectId, action: ShortStr, payload: CommentIn):  # type: ignore[no-untyped-def]
    plan = plan_get(user=request.user, pk=pk)
    if action == "submit":
        return training_plan_submit(actor=request.user, plan=plan)
    if action == "approve":
        return training_plan_approve(actor=request.user, plan=plan, comment=payload.comment)
    if action == "return":
        return training_plan_return(actor=request.user, plan=plan, comment=payload.comment)
    from jxjy.core.errors import ApplicationError

    raise ApplicationError("操作只能是 submit、approve 或 return", field="action")

