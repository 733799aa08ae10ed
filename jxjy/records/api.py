"""JSON API of this app, mounted at /api/v1/: records, certificates, compliance, verification, gates."""

import datetime as dt
from typing import Annotated, Any

from django.http import HttpRequest
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate
from pydantic import AfterValidator
from pydantic_core import PydanticCustomError

from jxjy.core.bounds import LongStr, ObjectId, Pagination, ShortStr, Year, cycle_check
from jxjy.core.errors import ApplicationError

from . import selectors, services
from .choices import GatePurpose
from .compliance import as_of_problem, compliance_as_of, compliance_for_person
from .models import StandingKind, VerificationExemption
from .standing_selectors import standing_of

router = Router(tags=["学习记录、证书、验证与核验"])


class RecordOut(Schema):
    id: int
    professional_id: int
    date: dt.date
    year: int
    subject: str
    form: str
    course: str
    hours: float | None
    days: float | None
    credits: float | None
    source: str
    status: str
    review_stage: str
    make_up_for_year: int | None


class CertificateOut(Schema):
    id: int
    professional_id: int
    certificate_no: str
    issued_on: dt.date
    revoked: bool


class ComplianceOut(Schema):
    ruleset: str
    compliant: bool
    verdict: dict[str, Any]
    record_ids: list[int]
    source: str = Field("engine", description="standing：已存的达标情况；engine：规则引擎即时计算（含逐条说明）")
    verdict_code: str = Field("", description="met 达标 / short 未达标 / unknown 无法评估")
    judged_region_id: int | None = Field(None, description="其规则集评估该年度的区划（该年12月31日所在区划）")
    as_of: dt.date | None = None
    computed_at: dt.datetime | None = None


class GateIn(Schema):
    purpose: GatePurpose
    year: int = Field(..., ge=2000, le=2100)
    to_title: ShortStr = ""
    id_numbers: list[ShortStr] = Field(..., min_length=1, max_length=services.gates.MAX_BATCH)


class GateResult(Schema):
    professional_id: int
    name: str
    masked_id_number: str
    purpose: str
    year: int
    to_title: str
    allowed: bool
    reasons: list[str]
    record_ids: list[int]


class GateOut(Schema):
    purpose: str
    year: int
    results: list[GateResult]
    not_found: list[str]


class EntryOut(Schema):
    id: int
    professional_id: int
    year: int
    kind: str
    outcome: str
    reason: str
    stamp_name: str
    stamped_on: dt.date | None
    standing_verdict: str = Field("", description="办理时的达标情况：met / short / unknown（未办理时为空）")
    standing_shortfall: float | None = Field(None, description="办理时的差额")
    override_reason: str = Field("", description="未达标仍予验证的理由")
    exemption_id: int | None = Field(None, description="未达标仍予验证所依的延期情形")


class RosterEntryOut(EntryOut):
    name: str
    current_verdict: str = Field(..., description="当前达标情况：met / short / unknown，未计算时为空")
    current_shortfall: float | None
    amount_unit: str
    standing_label: str = Field(..., description="达标 / 未达标（差 N 学时）/ 无法评估 / 未计算")
    proposed_verified: bool = Field(..., description="按达标情况建议的结果：达标为验证通过")
    proposed_reason: str
    exemption_ids: list[int] = Field(..., description="该人员涵盖本年度的延期情形")


class DecideIn(Schema):
    verified: bool | None = Field(None, description="省略时按该人员当年度达标情况办理（达标通过，未达标不予验证）")
    reason: LongStr = ""
    override_reason: LongStr = Field("", description="未达标（或无法评估）仍予验证时必填，除非选择延期情形")
    exemption_id: ObjectId | None = Field(None, description="未达标仍予验证所依的该人员延期情形")


@router.get("records", response=list[RecordOut], summary="学习记录（按管辖范围）")
@paginate(Pagination, page_size=100)
def list_records(request: HttpRequest, year: Year | None = None, status: ShortStr = ""):  # type: ignore[no-untyped-def]
    return selectors.record_list(user=request.user, year=year, status=status)


@router.get("certificates/{pk}", response=CertificateOut, summary="继续教育证书")
def get_certificate(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    return selectors.certificate_get(user=request.user, pk=pk)


def _as_of_in_range(value: dt.date) -> dt.date:
    problem = as_of_problem(value)
    if problem:
        raise PydanticCustomError("as_of_range", problem)
    return value


AsOfDate = Annotated[dt.date, AfterValidator(_as_of_in_range)]


def _from_standing(standing: Any) -> dict[str, Any]:
    return {
        "ruleset": standing.ruleset_id, "compliant": standing.compliant, "record_ids": [], "source": "standing",
        "verdict_code": standing.verdict, "judged_region_id": standing.judged_region_id,
        "computed_at": standing.computed_at,
        "verdict": {"ruleset": standing.ruleset_id, "compliant": standing.compliant,
                    "requirements": standing.requirements, "notes": standing.notes},
    }


@router.get("compliance/{professional_id}", response=ComplianceOut,
            summary="某人某年度（或周期）的达标情况：默认读取已存的达标情况；explain=true 时由规则引擎逐条说明；"
                    "as_of=YYYY-MM-DD 时为当日的情况（当日已认定且未撤销的记录、当日所在区划的规则集）")
def get_compliance(  # type: ignore[no-untyped-def]
    request: HttpRequest, professional_id: ObjectId, year: Year, cycle_end: Year | None = None, ruleset: ShortStr = "",
    as_of: AsOfDate | None = None, explain: bool = False,
):
    cycle_check(start=year, end=cycle_end)  # before any range of years is built
    person = selectors.professional_get(user=request.user, pk=professional_id)
    purpose = {"kind": "cycle", "start": year, "end": cycle_end} if cycle_end else {"kind": "annual", "year": year}
    if as_of is not None or (explain and not ruleset):
        if ruleset:
            raise ApplicationError("按日期查询时，规则集按当日所在区划确定，不能另行指定", field="ruleset")
        pv = compliance_as_of(professional=person, purpose=purpose, day=as_of or timezone.localdate())
        return {"ruleset": pv.ruleset_id, "compliant": pv.compliant, "verdict": pv.verdict, "source": "engine",
                "record_ids": [r.pk for r in pv.records], "as_of": as_of,
                "verdict_code": "met" if pv.compliant else "short",
                "judged_region_id": pv.judged_region.pk if pv.judged_region else None}
    if not ruleset:
        standing = standing_of(professional=person, year=cycle_end or year,
                               kind=StandingKind.CYCLE if cycle_end else StandingKind.ANNUAL)
        if standing is not None and standing.start_year == year:
            return _from_standing(standing)
    pv = compliance_for_person(professional=person, purpose=purpose, ruleset_id=ruleset)
    return {"ruleset": pv.ruleset_id, "compliant": pv.compliant, "verdict": pv.verdict, "source": "engine",
            "record_ids": [r.pk for r in pv.records], "verdict_code": "met" if pv.compliant else "short"}


@router.post("gates", response=GateOut, summary="继续教育核验：一人或一批（最多10000个身份证号码）")
def post_gates(request: HttpRequest, payload: GateIn):  # type: ignore[no-untyped-def]
    return services.gate_check_batch(actor=request.user, id_numbers=payload.id_numbers,  # type: ignore[arg-type]
                                     purpose=payload.purpose.value, year=payload.year, to_title=payload.to_title)


@router.get("verifications/batches/{pk}/entries", response=list[RosterEntryOut], summary="验证花名册中的人员、当年度达标情况、建议结果及办理结果")
def batch_entries(request: HttpRequest, pk: ObjectId):  # type: ignore[no-untyped-def]
    batch = selectors.batch_get(user=request.user, pk=pk)
    rows = services.verification.entry_decisions(list(selectors.batch_entries(user=request.user, batch=batch)), batch.year)
    return [_roster_entry(row) for row in rows]


def _roster_entry(row: Any) -> dict[str, Any]:
    e, s = row.entry, row.standing
    return {
        **EntryOut.from_orm(e).dict(), "name": e.professional.name,
        "current_verdict": s.verdict if s is not None else "",
        "current_shortfall": float(s.shortfall) if s is not None else None,
        "amount_unit": s.amount_unit if s is not None else "", "standing_label": row.label,
        "proposed_verified": row.proposed_verified, "proposed_reason": row.proposed_reason,
        "exemption_ids": [ex.pk for ex in row.exemptions],
    }


@router.post("verifications/entries/{pk}/decide", response=EntryOut, summary="办理验证：通过（盖章）或不予验证（附原因）；未达标者验证通过须选择延期情形或填写理由（422）")
def decide_entry(request: HttpRequest, pk: ObjectId, payload: DecideIn):  # type: ignore[no-untyped-def]
    entry = selectors.entry_get(user=request.user, pk=pk)
    if payload.verified is False and not payload.reason.strip():
        raise ApplicationError("不予验证时请填写原因", field="reason")
    exemption = None
    if payload.exemption_id is not None:
        exemption = VerificationExemption.objects.filter(pk=payload.exemption_id,
                                                         professional_id=entry.professional_id).first()
        if exemption is None:
            raise ApplicationError("所选延期情形不属于该人员", field="exemption_id")
    return services.verification_entry_decide(actor=request.user, entry=entry,  # type: ignore[arg-type]
                                              verified=payload.verified, reason=payload.reason,
                                              override_reason=payload.override_reason, exemption=exemption)


class DirectIn(Schema):
    source_ref: str = Field(..., min_length=1, max_length=64)
    id_numbers: list[ShortStr] = Field(..., min_length=1, max_length=2000)


class PersonYearIn(Schema):
    professional_id: ObjectId
    year: int = Field(..., ge=2000, le=2100)


def _people_by_id_numbers(request: HttpRequest, numbers: list[str]) -> list[Any]:
    from jxjy.accounts.policy import restrict
    from jxjy.people.models import Professional

    wanted = [n.strip().upper() for n in numbers]
    found = list(restrict(Professional.objects.all(), request.user).filter(id_number__in=wanted))
    if len(found) != len(set(wanted)):
        raise ApplicationError("部分身份证号码不在您的管辖范围内或不存在", field="id_numbers")
    return found


@router.post("verifications/direct", response=list[EntryOut], summary="调训验证：人社局举办的班次合格者直接验证（泉洛政人社[2017]27号 二（二））")
def post_direct(request: HttpRequest, payload: DirectIn):  # type: ignore[no-untyped-def]
    people = _people_by_id_numbers(request, payload.id_numbers)
    return services.verification_direct(actor=request.user, source_ref=payload.source_ref, people=people)  # type: ignore[arg-type]


@router.post("verifications/education-stamps", response=EntryOut, summary="中小学教师年度验印（教育行政部门）")
def post_education_stamp(request: HttpRequest, payload: PersonYearIn):  # type: ignore[no-untyped-def]
    person = selectors.professional_get(user=request.user, pk=payload.professional_id)
    return services.verification_education_stamp(actor=request.user, professional=person, year=payload.year)  # type: ignore[arg-type]


@router.post("verifications/teacher-cycles", response=EntryOut, summary="中小学教师周期统一验证（人社局会同教育行政部门；周期年数按所在地区规则集），year 为周期起始年度")
def post_teacher_cycle(request: HttpRequest, payload: PersonYearIn):  # type: ignore[no-untyped-def]
    person = selectors.professional_get(user=request.user, pk=payload.professional_id)
    return services.verification_teacher_cycle(actor=request.user, professional=person, cycle_start=payload.year)  # type: ignore[arg-type]
