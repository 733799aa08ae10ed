"""Class pages: list, application form, detail with the actions each role may take."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from jxjy.accounts.policy import can, restrict
from jxjy.core.downloads import content_disposition
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE
from jxjy.people.models import Professional

from .. import clock
from ..choices import ClassStatus, EvidenceKind, ObjectionStatus
from ..forms import (
    ClassApplicationForm,
    EvidenceForm,
    ExtensionForm,
    InspectionForm,
    ResumeForm,
    ScheduleFormSet,
)
from ..models import AttendanceSheet, Objection
from ..permissions import is_approving_officer, is_officer_over, is_provider_of, is_reviewer_of, may_recognise
from ..selectors import class_get, class_list, plan_items_for_provider
from ..services.attendance import attended_hours
from ..services.classes import (
    APPLICATION_FIELDS,
    SCHEDULE_FIELDS,
    target_regions,
    teacher_resume_attach,
    training_class_create,
    training_class_submit,
    training_class_update,
)
from ..services.config import chain_spec_for, class_settings, recognition_evidence, setting_basis
from ..services.enrolment import (
    class_roster_export,
    enrolment_import_roster,
    enrolment_nominate,
    enrolment_self,
)
from ..services.exam import exam_scores_enter, exam_scores_import, passed
from ..services.notice import objection_resolve, public_notice_conclude
from ..services.recognition import (
    class_statistics,
    class_summary_file,
    evidence_upload,
    inspection_record,
    recognition_deadline,
    recognition_extension_grant,
    recognition_submit,
    training_class_recognise,
)
from ..services.review import class_review_approve, class_review_reject, class_review_return, current_review
from .common import run, upload

STATUS_BADGE = {
    ClassStatus.APPROVED: "ok", ClassStatus.RECOGNISED: "ok", ClassStatus.REJECTED: "bad",
    ClassStatus.UNQUALIFIED: "bad", ClassStatus.RETURNED: "warn", ClassStatus.UNDER_REVIEW: "warn",
    ClassStatus.UNDER_NOTICE: "warn", ClassStatus.RECOGNITION_SUBMITTED: "warn",
}


@login_required
def class_list_view(request: HttpRequest) -> HttpResponse:
    status, q = request.GET.get("status", ""), request.GET.get("q", "").strip()
    classes = class_list(user=request.user, status=status, q=q)
    return render(request, "training/class_list.html", {
        **paginate(request, classes), "status": status, "q": q, "status_choices": ClassStatus.choices,
        "may_apply": getattr(request.user, "role", "") == "provider_admin", "badges": STATUS_BADGE,
    })


def _form_data(form: ClassApplicationForm) -> dict[str, Any]:
    return {k: form.cleaned_data[k] for k in (*APPLICATION_FIELDS, "target_region")}


def _schedule(formset: Any) -> list[dict[str, Any]]:
    return [{k: f.cleaned_data[k] for k in SCHEDULE_FIELDS} for f in formset.forms
            if f.cleaned_data and not f.cleaned_data.get("DELETE")]


def _application_page(request: HttpRequest, training_class: Any = None) -> HttpResponse:
    items = plan_items_for_provider(user=request.user)
    regions = target_regions(request.user.provider)  # type: ignore[union-attr]
    if request.method == "POST":
        form = ClassApplicationForm(request.POST, plan_items=items, regions=regions)
        formset = ScheduleFormSet(request.POST, prefix="schedule")
        if form.is_valid() and formset.is_valid():
            try:
                if training_class is None:
                    training_class = training_class_create(actor=request.user, data=_form_data(form),
                                                           schedule=_schedule(formset),
                                                           plan_item_id=form.cleaned_data["plan_item"])
                else:
                    training_class_update(actor=request.user, training_class=training_class, data=_form_data(form),
                                          schedule=_schedule(formset), plan_item_id=form.cleaned_data["plan_item"])
            except ApplicationError as exc:
                form.add_error(exc.field if exc.field in form.fields else None, exc.message)
            else:
                messages.success(request, "办班申请已保存。请上传师资简历后提交申请。")
                return redirect("training:class_detail", training_class.pk)
    elif training_class is not None:
        initial = {k: getattr(training_class, k) for k in APPLICATION_FIELDS}
        initial["plan_item"] = training_class.plan_item_id
        initial["target_region"] = training_class.jurisdiction.code
        form = ClassApplicationForm(initial=initial, plan_items=items, regions=regions)
        formset = ScheduleFormSet(prefix="schedule", initial=[
            {k: getattr(i, k) for k in SCHEDULE_FIELDS} for i in training_class.schedule.all()])
    else:
        form = ClassApplicationForm(initial={"target_region": request.user.provider.region.code},  # type: ignore[union-attr]
                                    plan_items=items, regions=regions)
        formset = ScheduleFormSet(prefix="schedule")
    return render(request, "training/class_form.html", {"form": form, "formset": formset, "object": training_class})


@login_required
def class_create_view(request: HttpRequest) -> HttpResponse:
    if getattr(request.user, "role", "") != "provider_admin":
        return HttpResponse("只有施教机构可以申请办班", status=403)
    return _application_page(request)


@login_required
def class_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk, action="change")
    if not is_provider_of(request.user, training_class):
        return HttpResponse("只有办班单位可以修改申请", status=403)
    return _application_page(request, training_class)


@login_required
def class_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    user: Any = request.user
    training_class = class_get(user=user, pk=pk)
    review = current_review(training_class) if training_class.status == ClassStatus.UNDER_REVIEW else None
    provider = is_provider_of(user, training_class)
    officer = is_approving_officer(user, training_class)
    sees_roster = provider or officer or may_recognise(user, training_class) or is_officer_over(user, training_class)
    enrolments = list(training_class.enrolments.select_related("professional__unit")) if sees_roster else []
    hours = attended_hours(training_class) if sees_roster else {}
    for e in enrolments:
        e.hours = hours.get(e.pk, 0)  # type: ignore[attr-defined]
        e.passed = passed(e, training_class)  # type: ignore[attr-defined]
    attendance = []
    if sees_roster and training_class.approval_no:
        from ..models import Attendance

        attendance = list(Attendance.objects.filter(enrolment__training_class=training_class).select_related(
            "enrolment__professional", "schedule_item", "sign_in_by", "sign_out_by"))
    mine = None
    if user.role == "professional":
        mine = training_class.enrolments.filter(professional_id=user.professional_id).first()
    unit_people: list[Professional] = []
    if user.role == "unit_admin" and training_class.status == ClassStatus.APPROVED:
        enrolled = training_class.enrolments.values("professional_id")
        unit_people = list(restrict(Professional.objects.filter(unit_id=user.employer_unit_id), user)
                           .exclude(pk__in=enrolled))
    notice = getattr(training_class, "notice", None)
    objections = list(notice.objections.all()) if notice is not None and (officer or provider) else []
    ended = clock.today() > training_class.end_date
    recognition = None
    if provider and training_class.status == ClassStatus.APPROVED and ended:
        cfg, evidence = class_settings(training_class, training_class.end_date), recognition_evidence(training_class)
        recognition = {"days": cfg.recognition_days, "days_basis": setting_basis(cfg, "recognition_days"),
                       "evidence": [EvidenceKind(k).label for k in evidence.items], "evidence_basis": evidence.reference}
    chain_basis = ""
    if training_class.submitted_at is not None:
        try:
            chain_basis = chain_spec_for(training_class.provider, training_class.jurisdiction,
                                         timezone.localdate(training_class.submitted_at)).basis
        except ApplicationError:
            chain_basis = ""
    context = {
        "c": training_class, "chain_basis": chain_basis, "badge": STATUS_BADGE.get(ClassStatus(training_class.status), ""),
        "schedule": training_class.schedule.all(), "resumes": training_class.resumes.all(),
        "reviews": training_class.reviews.select_related("hr_bureau", "industry_authority", "decided_by"),
        "review": review, "may_review": review is not None and is_reviewer_of(user, review),
        "is_provider": provider, "is_officer": officer, "notice": notice, "objections": objections,
        "open_objections": [o for o in objections if o.status == ObjectionStatus.OPEN],
        "enrolments": enrolments, "mine": mine, "attendance": attendance, "unit_people": unit_people,
        "may_self_enrol": user.role == "professional" and mine is None and training_class.status == ClassStatus.APPROVED,
        "evidence": training_class.evidence.all() if sees_roster else [], "sees_roster": sees_roster,
        # Links only where the evidence view (jxjy/core/evidence.py) will open the file: the same policy check.
        "may_open_files": sees_roster and can(user, "change", training_class),
        "sheets": AttendanceSheet.objects.filter(schedule_item__training_class=training_class)
        .select_related("schedule_item") if sees_roster else [],
        "extensions": training_class.extensions.all(), "inspections": training_class.inspections.all(),
        "may_inspect": is_officer_over(user, training_class)
        and training_class.status in (ClassStatus.APPROVED, ClassStatus.RECOGNITION_SUBMITTED, ClassStatus.RECOGNISED),
        "may_recognise": may_recognise(user, training_class)
        and training_class.status == ClassStatus.RECOGNITION_SUBMITTED,
        "summary": getattr(training_class, "summary", None), "ended": ended, "recognition": recognition,
        "statistics": class_statistics(training_class) if sees_roster and training_class.approval_no else None,
        "deadline": recognition_deadline(training_class) if training_class.approval_no else None,
        "resume_form": ResumeForm(), "evidence_form": EvidenceForm(), "inspection_form": InspectionForm(),
        "extension_form": ExtensionForm(), "editable": training_class.status in (ClassStatus.DRAFT, ClassStatus.RETURNED),
    }
    return render(request, "training/class_detail.html", context)


def _comment(request: HttpRequest) -> str:
    return request.POST.get("comment", "").strip()


ACTIONS = {
    "submit": (lambda r, c: training_class_submit(actor=r.user, training_class=c), "办班申请已提交审核"),
    "approve": (lambda r, c: class_review_approve(actor=r.user, training_class=c, comment=_comment(r)), "已审核同意"),
    "return": (lambda r, c: class_review_return(actor=r.user, training_class=c, comment=_comment(r)), "已退回修改"),
    "reject": (lambda r, c: class_review_reject(actor=r.user, training_class=c, reason=_comment(r)), "已不予批准"),
    "conclude": (lambda r, c: public_notice_conclude(actor=r.user, training_class=c), "公示期满，已批准办班"),
    "enrol": (lambda r, c: enrolment_self(actor=r.user, training_class=c), "报名成功"),
    "submit_recognition": (lambda r, c: recognition_submit(actor=r.user, training_class=c), "学时认定已申报"),
    "recognise": (lambda r, c: training_class_recognise(actor=r.user, training_class=c), "学时已认定"),
}


@login_required
@require_POST
def class_action_view(request: HttpRequest, pk: int, action: str) -> HttpResponse:
    if action not in ACTIONS:
        return HttpResponse(status=404)
    training_class = class_get(user=request.user, pk=pk)
    call, success = ACTIONS[action]
    return run(request, lambda: call(request, training_class), success, "training:class_detail", pk)


@login_required
@require_POST
def resume_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)

    def call() -> None:
        name, data = upload(request)
        teacher_resume_attach(actor=request.user, training_class=training_class,
                              teacher_name=request.POST.get("teacher_name", ""), filename=name, data=data)

    return run(request, call, "简历已上传", "training:class_detail", pk)


@login_required
@require_POST
def nominate_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    ids = [int(i) for i in request.POST.getlist("professional") if i.isdigit()]
    people = list(restrict(Professional.objects.filter(pk__in=ids), request.user))
    return run(request, lambda: enrolment_nominate(actor=request.user, training_class=training_class,
                                                   professionals=people), "已选派", "training:class_detail", pk)


@login_required
@require_POST
def roster_import_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)

    def call() -> None:
        name, data = upload(request)
        enrolment_import_roster(actor=request.user, training_class=training_class, filename=name, data=data)

    return run(request, call, "花名册已导入", "training:class_detail", pk)


@login_required
def roster_export_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    if not (is_provider_of(request.user, training_class) or is_approving_officer(request.user, training_class)
            or is_officer_over(request.user, training_class)):
        return HttpResponse("无权下载花名册", status=403)
    data = class_roster_export(actor=request.user, training_class=training_class)
    response = HttpResponse(data, content_type=XLSX_CONTENT_TYPE)
    response["Content-Disposition"] = content_disposition(f"{training_class.name}花名册.xlsx")
    return response


@login_required
@require_POST
def scores_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    if request.FILES.get("file"):
        def call() -> None:
            name, data = upload(request)
            exam_scores_import(actor=request.user, training_class=training_class, filename=name, data=data)
    else:
        scores = {int(k.split("-", 1)[1]): v for k, v in request.POST.items()
                  if k.startswith("score-") and k.split("-", 1)[1].isdigit()}

        def call() -> None:
            exam_scores_enter(actor=request.user, training_class=training_class, scores=scores)

    return run(request, call, "成绩已保存", "training:class_detail", pk)


@login_required
@require_POST
def evidence_upload_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)

    def call() -> None:
        name, data = upload(request)
        evidence_upload(actor=request.user, training_class=training_class, kind=request.POST.get("kind", ""),
                        filename=name, data=data)

    return run(request, call, "材料已上传", "training:class_detail", pk)


@login_required
@require_POST
def extension_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    form = ExtensionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "请填写延期日期和理由")
        return redirect("training:class_detail", pk)
    return run(request, lambda: recognition_extension_grant(
        actor=request.user, training_class=training_class, **form.cleaned_data), "已准予延期", "training:class_detail", pk)


@login_required
@require_POST
def inspection_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    return run(request, lambda: inspection_record(
        actor=request.user, training_class=training_class, finding=request.POST.get("finding", ""),
        notes=request.POST.get("notes", "")), "检查情况已登记", "training:class_detail", pk)


@login_required
@require_POST
def summary_view(request: HttpRequest, pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    return run(request, lambda: class_summary_file(actor=request.user, training_class=training_class,
                                                   text=request.POST.get("text", "")),
               "办班总结已提交", "training:class_detail", pk)


@login_required
@require_POST
def objection_resolve_view(request: HttpRequest, pk: int, objection_pk: int) -> HttpResponse:
    training_class = class_get(user=request.user, pk=pk)
    objection = Objection.objects.filter(pk=objection_pk, notice__training_class=training_class).first()
    if objection is None:
        raise Http404("未找到该异议")
    return run(request, lambda: objection_resolve(
        actor=request.user, objection=objection, upheld=request.POST.get("upheld") == "1",
        resolution=request.POST.get("resolution", "")), "异议已处理", "training:class_detail", pk)
