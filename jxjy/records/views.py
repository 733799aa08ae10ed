"""Pages of this app: thin — parse, authorise through selectors/services, render."""

from __future__ import annotations

import datetime as dt
import logging
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.audit.services import audit_sensitive_read
from jxjy.core.downloads import content_disposition
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE
from jxjy.people.models import Professional

from . import selectors, services
from .compliance import annual, as_of_problem, compliance_as_of
from .forms import (
    BatchCreateForm,
    DecideForm,
    DeclareForm,
    DirectForm,
    ExemptionForm,
    FraudForm,
    GateForm,
    MakeUpForm,
    ReviewForm,
    SlotForm,
    TeacherForm,
    ViolationForm,
)
from .models import Certificate, Standing, StandingKind, VerificationExemption, VerificationSlot
from .pdf import certificate_pdf, completion_pdf
from .roster import roster_xlsx
from .signal_selectors import review_signals
from .standing_selectors import standing_of

logger = logging.getLogger(__name__)


def _progress(verdict: dict[str, Any]) -> list[dict[str, Any]]:
    rows = []
    for req in verdict["requirements"]:
        required, counted = req.get("required"), req.get("counted") or 0
        pct = 100 if not required else min(100, int(100 * float(counted) / float(required)))
        rows.append({**req, "percent": pct})
    return rows


@login_required
def home_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role == Role.PROFESSIONAL and user.professional_id:
        return person_view(request, user.professional_id)
    return redirect("records:review_queue" if user.role in (Role.UNIT_ADMIN, Role.AUTHORITY_OFFICER) else "records:batch_list")


def _page_year(request: HttpRequest) -> int:
    raw = request.GET.get("year", "")
    return int(raw) if raw.isdigit() and 2000 <= int(raw) <= 2100 else timezone.localdate().year


def _as_of(request: HttpRequest) -> tuple[dt.date | None, str]:
    """The page's `as_of=YYYY-MM-DD` (None when absent) and what is wrong with it ('' when nothing)."""
    raw = request.GET.get("as_of", "").strip()
    if not raw:
        return None, ""
    try:
        day = dt.date.fromisoformat(raw[:10])
    except ValueError:
        return None, "查询日期应为 YYYY-MM-DD"
    return day, as_of_problem(day)


def _stored_verdict(standing: Any) -> dict[str, Any]:
    return {"compliant": standing.compliant, "requirements": standing.requirements, "notes": standing.notes,
            "not_counted": []}


def explanation_agrees(standing: Any, verdict: dict[str, Any]) -> bool:
    """The engine's line-by-line explanation says what the stored standing says."""
    def lines(reqs: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
        return [(r["id"], r["counted"], r["shortfall"], r["met"]) for r in reqs]
    return bool(standing.compliant == verdict["compliant"]
                and lines(standing.requirements) == lines(verdict["requirements"]))


def _explanation(person: Professional, year: int, standing: Any) -> dict[str, Any]:
    """The engine's explanation of the year as it stands now (records counted, not counted and why)."""
    cycle = standing is not None and standing.kind == StandingKind.CYCLE
    purpose = {"kind": "cycle", "start": standing.start_year, "end": standing.end_year} if cycle else annual(year)
    try:
        pv = compliance_as_of(professional=person, purpose=purpose, day=timezone.localdate())
    except ApplicationError as exc:
        return {"error": exc.message}
    agrees = standing is None or explanation_agrees(standing, pv.verdict)
    if not agrees:
        logger.warning("standing of professional %s for %s disagrees with the engine", person.pk, year)
    return {"verdict": pv.verdict, "records": pv.records, "agrees": agrees, "ruleset_id": pv.ruleset_id,
            "judged_region": pv.judged_region,
            "not_counted": [{"record": pv.records[n["record"]], "reason": n["reason"]}
                            for n in pv.verdict["not_counted"] if n["record"] < len(pv.records)]}


def _judged_years(person: Professional) -> list[tuple[Standing, str]]:
    """Each year's standing with its verdict in words; a year the rule set judges by cycles shows
    the cycle's verdict (泉洛政人社[2017]27号 二（一）: 中小学教师每5年周期满统一验证)."""
    standings = list(Standing.objects.filter(professional=person).select_related("judged_region")
                     .order_by("-start_year"))
    cycles = [s for s in standings if s.kind == StandingKind.CYCLE and s.verdict != "unknown"]
    out = []
    for s in standings:
        if s.kind != StandingKind.ANNUAL:
            continue
        label = s.get_verdict_display()
        if s.verdict == "unknown":
            cycle = next((c for c in cycles if c.start_year <= s.start_year <= c.end_year), None)
            if cycle is not None:
                label = f"按周期考核（{cycle.start_year}–{cycle.end_year}周期：{cycle.get_verdict_display()}）"
        out.append((s, label))
    return out


@login_required
def person_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The certificate page: the stored standing of the year (one row; `as_of` computes the verdict
    of that day instead), progress per requirement, which rule set judged which year, shortfall,
    open offerings, make-up, stamps. The engine's explanation comes on demand (`explain=1`)."""
    person = selectors.professional_get(user=request.user, pk=pk)
    year = _page_year(request)
    as_of, as_of_error = _as_of(request)
    standing: Standing | None = None
    explanation: dict[str, Any] | None = None
    error = ""
    verdict: dict[str, Any] = {"requirements": [], "compliant": False, "notes": [], "not_counted": []}
    if as_of_error:
        error = as_of_error
    elif as_of is not None:
        try:
            pv = compliance_as_of(professional=person, purpose=annual(year), day=as_of)
            verdict = pv.verdict
            explanation = {"verdict": pv.verdict, "records": pv.records, "agrees": True, "ruleset_id": pv.ruleset_id,
                           "judged_region": pv.judged_region,
                           "not_counted": [{"record": pv.records[n["record"]], "reason": n["reason"]}
                                           for n in pv.verdict["not_counted"] if n["record"] < len(pv.records)]}
        except ApplicationError as exc:
            error = exc.message
    else:
        standing = standing_of(professional=person, year=year)
        if standing is not None and standing.verdict == "unknown":
            # judged by cycles (泉洛政人社[2017]27号 二（一）: teachers every 5 years): the cycle's verdict
            cycle = Standing.objects.filter(professional=person, kind=StandingKind.CYCLE, start_year__lte=year,
                                            end_year__gte=year).exclude(verdict="unknown").first()
            standing = cycle or standing
        if standing is not None and standing.verdict != "unknown":
            verdict = _stored_verdict(standing)
        elif standing is not None:
            error = "；".join(standing.notes) or "无法评估"
        if standing is None or request.GET.get("explain") == "1":
            explanation = _explanation(person, year, standing)
            if standing is None and "verdict" in explanation:
                verdict = explanation["verdict"]
            elif standing is None:
                error = explanation["error"]
    shortfall_subjects = {
        "public" if "public" in r["id"] else "professional" for r in verdict["requirements"] if r.get("met") is False
    }
    return render(request, "records/person.html", {
        "person": person,
        "year": year,
        "as_of": as_of,
        "as_of_raw": request.GET.get("as_of", "")[:10],
        "standing": standing,
        "explanation": explanation,
        "judged_years": _judged_years(person),
        "verdict": verdict,
        "error": error,
        "progress": _progress(verdict),
        "offerings": selectors.open_offerings(person, shortfall_subjects) if not verdict["compliant"] and not error else [],
        "make_up": selectors.outstanding_make_up(person),
        "stamps": selectors.stamps(person),
        "years": selectors.entries_by_year(person),
        "violations": selectors.violations(person),
        "certificate": Certificate.objects.filter(professional=person).select_related("series").first(),
        "may_issue": getattr(request.user, "role", "") in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER),
        "is_hr": getattr(request.user, "role", "") == Role.HR_OFFICER,
        "may_record_violation": getattr(request.user, "role", "") in (Role.HR_OFFICER, Role.UNIT_ADMIN),
        "violation_form": ViolationForm(), "fraud_form": FraudForm(initial={"year": year}), "make_up_form": MakeUpForm(),
        "pending": selectors.record_list(user=request.user).filter(professional=person, status="pending"),
    })


@login_required
@require_POST
def certificate_issue_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.professional_get(user=request.user, pk=pk)
    try:
        cert = services.certificate_issue(actor=request.user, professional=person)  # type: ignore[arg-type]
        messages.success(request, f"已发放证书 {cert.certificate_no}")
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("records:person", pk=person.pk)


@login_required
@require_POST
def violation_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.professional_get(user=request.user, pk=pk)
    form = ViolationForm(request.POST)
    if form.is_valid():
        _act(request, services.violation_record, "已登记违规情况", professional=person, **form.cleaned_data)
    else:
        messages.error(request, "请完整填写违规情况")
    return redirect("records:person", pk=pk)


@login_required
@require_POST
def fraud_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.professional_get(user=request.user, pk=pk)
    form = FraudForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        record = selectors.record_list(user=request.user).filter(pk=data["record"], professional=person).first() if data["record"] else None
        _act(request, services.fraud_finding_record, "已认定弄虚作假", professional=person, year=data["year"],
             description=data["description"], record=record)
    else:
        messages.error(request, "请完整填写")
    return redirect("records:person", pk=pk)


@login_required
@require_POST
def make_up_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.professional_get(user=request.user, pk=pk)
    form = MakeUpForm(request.POST)
    if form.is_valid() and getattr(request.user, "role", "") in (Role.HR_OFFICER, Role.UNIT_ADMIN):
        _act(request, services.make_up_obligations_refresh, "已核定补课任务", professional=person, year=form.cleaned_data["year"])
    else:
        messages.error(request, "您无权核定补课任务")
    return redirect("records:person", pk=pk)


@login_required
def certificate_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    person = selectors.professional_get(user=request.user, pk=pk)
    certificate = restrict(Certificate.objects.select_related("series"), request.user).filter(professional=person).first()
    if certificate is None:
        raise Http404("该人员尚未发放继续教育证书")
    pdf = certificate_pdf(certificate, base_url=request.build_absolute_uri("/"))
    audit_sensitive_read(actor=request.user, obj=person, professional_ids=[person.pk],
                         what=f"查看继续教育证书PDF {certificate.certificate_no}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"继续教育证书-{certificate.certificate_no}.pdf", inline=True)
    return response


@login_required
def completion_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.record_get(user=request.user, pk=pk)
    if record.status != "recognised" or record.source not in ("training_class", "online_course"):
        raise Http404("只有已认定的培训班或网络课程记录有结业证书")
    pdf = completion_pdf(record, base_url=request.build_absolute_uri("/"))
    audit_sensitive_read(actor=request.user, obj=record.professional, professional_ids=[record.professional_id],
                         what=f"查看结业证书PDF（学习记录 {record.pk}）")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"结业证书-{record.professional.name}-{record.pk}.pdf", inline=True)
    return response


@login_required
def declare_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role not in (Role.PROFESSIONAL, Role.UNIT_ADMIN):
        return HttpResponse("只有专业技术人员本人或单位管理员可以申报", status=403)
    form = DeclareForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        if user.role == Role.PROFESSIONAL:
            person = user.professional
        else:
            person = restrict(Professional.objects.all(), user).filter(id_number=data["id_number"].strip().upper()).first()
        if person is None:
            form.add_error("id_number", "本单位没有该身份证号码的人员")
        else:
            upload = data.get("evidence")
            try:
                services.learning_record_declare(
                    actor=user, professional=person, date=data["date"], subject=data["subject"], form=data["form"],
                    course=data["course"], hours=data["hours"], credits=data["credits"],
                    credit_class=data["credit_class"] or "", description=data["description"],
                    paper_confirmation_no=data["paper_confirmation_no"], paper_confirmed_on=data["paper_confirmed_on"],
                    make_up_for_year=data["make_up_for_year"], evidence=[(upload.name, upload)] if upload else None,
                )
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "已提交，等待审核")
                return redirect("records:person", pk=person.pk)
    return render(request, "records/declare.html", {"form": form})


@login_required
def review_queue_view(request: HttpRequest) -> HttpResponse:
    page = paginate(request, selectors.review_queue(user=request.user))
    return render(request, "records/reviews.html", {**page, "form": ReviewForm(),
                                                     "signals": review_signals(list(page["object_list"]))})


@login_required
@require_POST
def review_view(request: HttpRequest, pk: int) -> HttpResponse:
    record = selectors.record_get(user=request.user, pk=pk)
    form = ReviewForm(request.POST)
    if form.is_valid():
        try:
            services.learning_record_review(actor=request.user, record=record,  # type: ignore[arg-type]
                                            approve=form.cleaned_data["decision"] == "approve",
                                            reason=form.cleaned_data["reason"])
            messages.success(request, "已审核")
        except ApplicationError as exc:
            messages.error(request, exc.message)
    return redirect("records:review_queue")


# --- Verification --------------------------------------------------------------------------------
@login_required
def batch_list_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = BatchCreateForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            batch = services.verification_batch_create(actor=user, year=form.cleaned_data["year"])
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            return redirect("records:batch_detail", pk=batch.pk)
    return render(request, "records/batch_list.html", {
        **paginate(request, selectors.batch_list(user=user)), "form": form, "may_create": user.role == Role.UNIT_ADMIN,
    })


@login_required
def batch_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    batch = selectors.batch_get(user=user, pk=pk)
    entries = list(selectors.batch_entries(user=user, batch=batch))
    decidable = set(restrict(batch.entries.all(), user, "change").values_list("pk", flat=True))
    # the series whose first review the person's region requires (泉洛政人社[2017]27号 二（一）: 卫生系列先送卫计局初审),
    # looked up once per region
    precheck: dict[int, str] = {}
    for e in entries:
        if e.professional.region_id not in precheck:
            rule = services.verification.precheck_rule(e.professional)
            precheck[e.professional.region_id] = e.professional.series if rule is not None else ""
    needs_precheck = {e.pk for e in entries if e.professional.series and precheck[e.professional.region_id] == e.professional.series}
    return render(request, "records/batch_detail.html", {
        "needs_precheck": needs_precheck,
        "batch": batch, "rows": services.verification.entry_decisions(entries, batch.year), "decidable": decidable,
        "may_submit": user.role == Role.UNIT_ADMIN and batch.status == "draft",
        "slots": selectors.slot_list(user=user, year=batch.year) if user.role == Role.UNIT_ADMIN else [],
        "may_precheck": user.role == Role.AUTHORITY_OFFICER and getattr(user.industry_authority, "sector", "") == "health",
        "decide_form": DecideForm(),
    })


def _act(request: HttpRequest, fn: Any, ok: str, **kw: Any) -> None:
    try:
        fn(actor=request.user, **kw)
        messages.success(request, ok)
    except ApplicationError as exc:
        messages.error(request, exc.message)


@login_required
@require_POST
def batch_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    _act(request, services.verification_batch_submit, "花名册已报送", batch=batch)
    return redirect("records:batch_detail", pk=pk)


@login_required
@require_POST
def batch_book_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    slot = selectors.slot_list(user=request.user).filter(pk=request.POST.get("slot") or 0).first()
    if slot is None:
        messages.error(request, "请选择预约时段")
    else:
        _act(request, services.verification_slot_book, "已预约", batch=batch, slot=slot)
    return redirect("records:batch_detail", pk=pk)


@login_required
@require_POST
def entry_decide_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_get(user=request.user, pk=pk)
    form = DecideForm(request.POST)
    if form.is_valid():
        data = form.cleaned_data
        exemption = None
        if data["exemption"]:
            exemption = VerificationExemption.objects.filter(pk=data["exemption"], professional_id=entry.professional_id).first()
            if exemption is None:
                messages.error(request, "所选延期情形不属于该人员")
                return redirect("records:batch_detail", pk=entry.batch_id)
        _act(request, services.verification_entry_decide, "已办理", entry=entry,
             verified=data["decision"] == "verify", reason=data["reason"],
             override_reason=data["override_reason"], exemption=exemption)
    return redirect("records:batch_detail", pk=entry.batch_id)


@login_required
@require_POST
def entry_precheck_view(request: HttpRequest, pk: int) -> HttpResponse:
    entry = selectors.entry_get(user=request.user, pk=pk)
    _act(request, services.verification_entry_health_precheck, "初审通过", entry=entry)
    return redirect("records:batch_detail", pk=entry.batch_id)


@login_required
def batch_roster_view(request: HttpRequest, pk: int) -> HttpResponse:
    batch = selectors.batch_get(user=request.user, pk=pk)
    entries = list(selectors.batch_entries(user=request.user, batch=batch))
    data = roster_xlsx(batch, entries)
    audit_sensitive_read(actor=request.user, obj=batch, professional_ids=[e.professional_id for e in entries],
                         what=f"下载{batch.year}年度验证花名册", region_path=batch.unit.region.path)
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"{batch.year}年度验证花名册-{batch.unit.name}.xlsx")
    return response


@login_required
def slot_list_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    form = SlotForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        _act(request, services.verification_slot_publish, "已发布", **form.cleaned_data)
        return redirect("records:slot_list")
    slots = selectors.slot_list(user=user).order_by("-starts_at")
    return render(request, "records/slots.html", {"slots": slots, "form": form, "may_publish": user.role == Role.HR_OFFICER,
                                                  "booked": {s.pk: s.batches.count() for s in slots} if isinstance(slots.first(), VerificationSlot) else {}})


@login_required
def exemption_view(request: HttpRequest) -> HttpResponse:
    form = ExemptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        person = restrict(Professional.objects.all(), request.user, "change").filter(id_number=data.pop("id_number").strip().upper()).first()
        if person is None:
            form.add_error("id_number", "您管辖范围内没有该身份证号码的人员")
        else:
            _act(request, services.verification_exemption_record, "已登记", professional=person, **data)
            return redirect("records:exemption")
    return render(request, "records/exemption.html", {"form": form})


# --- Gates -----------------------------------------------------------------------------------------
@login_required
def gates_view(request: HttpRequest) -> HttpResponse:
    form = GateForm(request.POST or None)
    result = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            result = services.gate_check_batch(actor=request.user, id_numbers=data["id_numbers"].split(),  # type: ignore[arg-type]
                                               purpose=data["purpose"], year=data["year"], to_title=data["to_title"])
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
    return render(request, "records/gates.html", {"form": form, "result": result})


@login_required
def special_verification_view(request: HttpRequest) -> HttpResponse:
    """调训验证 (HR bureau), 中小学教师年度验印 (education authority) and 5-year cycle check (HR)."""
    user: Any = request.user
    direct, teacher = DirectForm(prefix="d"), TeacherForm(prefix="t")
    action = request.POST.get("action", "")
    if request.method == "POST" and action == "direct":
        direct = DirectForm(request.POST, prefix="d")
        if direct.is_valid():
            numbers = [n.strip().upper() for n in direct.cleaned_data["id_numbers"].split() if n.strip()]
            people = list(restrict(Professional.objects.all(), user).filter(id_number__in=numbers))
            if len(people) != len(set(numbers)):
                direct.add_error("id_numbers", "部分身份证号码不在您的管辖范围内或不存在")
            else:
                _act(request, services.verification_direct, f"已直接验证{len(people)}人",
                     source_ref=direct.cleaned_data["source_ref"], people=people)
                return redirect("records:special_verification")
    elif request.method == "POST" and action in ("education", "cycle"):
        teacher = TeacherForm(request.POST, prefix="t")
        if teacher.is_valid():
            person = restrict(Professional.objects.all(), user).filter(id_number=teacher.cleaned_data["id_number"].strip().upper()).first()
            if person is None:
                teacher.add_error("id_number", "您管辖范围内没有该身份证号码的人员")
            elif action == "education":
                _act(request, services.verification_education_stamp, "已验印", professional=person, year=teacher.cleaned_data["year"])
                return redirect("records:special_verification")
            else:
                _act(request, services.verification_teacher_cycle, "已办理周期统一验证", professional=person,
                     cycle_start=teacher.cleaned_data["year"])
                return redirect("records:special_verification")
    return render(request, "records/special_verification.html", {
        "direct": direct, "teacher": teacher, "is_hr": user.role == Role.HR_OFFICER,
        "is_education": user.role == Role.AUTHORITY_OFFICER and getattr(user.industry_authority, "sector", "") == "education",
    })
