"""Pages of online learning: thin — parse, call one selector or service, render."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.http.response import HttpResponseBase
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jxjy.accounts.policy import can
from jxjy.core.downloads import content_disposition
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate

from . import selectors
from .choices import AttemptStatus, CourseStatus, QuestionKind, UnitKind
from .config import online_config
from .forms import BlueprintForm, CourseForm, QuestionForm, UnitForm, question_initial
from .media import ranged_file_response
from .models import PassCertificate
from .services import catalogue, delivery, exams, learning


def _attempt(request: HttpRequest, back: str, fn: Callable[[], Any], ok: str = "") -> HttpResponse:
    try:
        fn()
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        if ok:
            messages.success(request, ok)
    return redirect(back)


@login_required
def catalogue_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    status = request.GET.get("status", "")
    courses = selectors.course_list(user=request.user, q=q, status=status)
    enrolled = {e.course_id: e for e in selectors.my_enrolments(user=request.user)}
    return render(request, "online/catalogue.html", {
        **paginate(request, courses), "q": q, "status": status, "status_choices": CourseStatus.choices,
        "enrolled": enrolled, "may_create": getattr(request.user, "provider_id", None) is not None,
    })


@login_required
def my_learning_view(request: HttpRequest) -> HttpResponse:
    return render(request, "online/my_learning.html", {
        "enrolments": selectors.my_enrolments(user=request.user),
        "certificates": selectors.my_certificates(user=request.user),
    })


@login_required
def course_create_view(request: HttpRequest) -> HttpResponse:
    form = CourseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            course = catalogue.course_create(actor=request.user, **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            return redirect("online:course_detail", pk=course.pk)
    return render(request, "online/course_form.html", {"form": form})


@login_required
def course_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    progress = {p.unit_id: p for p in enrolment.progress.all()} if enrolment else {}
    units = [(u, progress.get(u.pk)) for u in course.units.all()]
    may_change = can(request.user, "change", course)
    role = getattr(request.user, "role", "")
    context = {
        "course": course, "units": units, "enrolment": enrolment,
        "attempts": list(enrolment.attempts.all()) if enrolment else [],
        "certificate": PassCertificate.objects.filter(enrolment=enrolment).first() if enrolment else None,
        "is_provider": may_change and role == "provider_admin",
        "editable": course.status in (CourseStatus.DRAFT, CourseStatus.REJECTED),
        "may_review": may_change and role in ("hr_officer", "authority_officer") and course.status == CourseStatus.SUBMITTED,
        "blueprint": course.blueprint.all(),
        "unit_form": UnitForm(), "question_form": QuestionForm(), "blueprint_form": BlueprintForm(),
    }
    if context["is_provider"] or role in ("hr_officer", "authority_officer"):
        context["content"] = catalogue.course_content(course)
        context["content_problem"] = catalogue.course_content_problem(course)
        context["question_count"] = course.questions.filter(active=True).count()
        kinds = dict(QuestionKind.choices)
        context["topics"] = [
            (topic, kinds.get(kind, kind))
            for topic, kind in course.questions.filter(active=True).order_by("topic", "kind")
            .values_list("topic", "kind").distinct()
        ]
    return render(request, "online/course_detail.html", context)


@login_required
@require_POST
def course_enrol_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk)
    return _attempt(request, reverse("online:course_detail", args=[pk]),
                    lambda: learning.enrolment_create(actor=request.user, course=course), "选课成功")


@login_required
@require_POST
def unit_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk, action="change")
    form = UnitForm(request.POST, request.FILES)
    if not form.is_valid():
        messages.error(request, "课件信息不完整：" + "; ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("online:course_detail", pk=pk)
    return _attempt(request, reverse("online:course_detail", args=[pk]),
                    lambda: catalogue.unit_add(actor=request.user, course=course, **form.cleaned_data), "已添加课件")


@login_required
@require_POST
def question_add_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk, action="change")
    form = QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "试题信息不完整：" + "; ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("online:course_detail", pk=pk)
    data = form.cleaned_data
    return _attempt(request, reverse("online:course_detail", args=[pk]), lambda: catalogue.question_add(
        actor=request.user, course=course, topic=data["topic"], kind=data["kind"], stem=data["stem"],
        options=data["options"].splitlines(), answer=data["answer"]), "已添加试题")


@login_required
@require_POST
def blueprint_set_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk, action="change")
    form = BlueprintForm(request.POST)
    if not form.is_valid():
        messages.error(request, "组卷规则不完整")
        return redirect("online:course_detail", pk=pk)
    return _attempt(request, reverse("online:course_detail", args=[pk]),
                    lambda: catalogue.blueprint_item_set(actor=request.user, course=course, **form.cleaned_data), "已保存组卷规则")


@login_required
@require_POST
def course_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk, action="change")
    return _attempt(request, reverse("online:course_detail", args=[pk]),
                    lambda: catalogue.course_submit(actor=request.user, course=course), "已提交审核")


@login_required
@require_POST
def course_review_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk, action="change")
    note = request.POST.get("note", "")
    if request.POST.get("decision") == "approve":
        return _attempt(request, reverse("online:course_detail", args=[pk]),
                        lambda: catalogue.course_approve(actor=request.user, course=course, note=note), "课程已审核通过并上架")
    return _attempt(request, reverse("online:course_detail", args=[pk]),
                    lambda: catalogue.course_reject(actor=request.user, course=course, note=note), "课程已退回")


@login_required
def unit_learn_view(request: HttpRequest, pk: int) -> HttpResponse:
    unit = selectors.unit_get(user=request.user, pk=pk)
    config = online_config()
    units = list(unit.course.units.all())
    index = next(i for i, u in enumerate(units) if u.pk == unit.pk)
    return render(request, "online/learn.html", {
        "unit": unit, "course": unit.course, "is_video": unit.kind == UnitKind.VIDEO,
        "next_unit": units[index + 1] if index + 1 < len(units) else None,
        "may_learn": getattr(request.user, "professional_id", None) is not None,
        "player_config": {
            "sessionUrl": reverse("api:online_session_start", args=[unit.pk]),
            "heartbeatSeconds": config.heartbeat_seconds, "idleSeconds": config.idle_seconds,
            "duration": unit.duration_seconds, "kind": unit.kind,
        },
    })


@login_required
def unit_media_view(request: HttpRequest, pk: int) -> HttpResponseBase:
    unit = selectors.unit_get(user=request.user, pk=pk)
    if not unit.file:
        raise Http404("该课件没有文件")
    return ranged_file_response(request, str(unit.file.name), content_type=unit.content_type or "application/octet-stream",
                                storage=unit.file.storage)


@login_required
def session_media_view(request: HttpRequest, token: str) -> HttpResponseBase:
    """A video through its study session's signed URL: one segment per answer, each recorded."""
    try:
        session = delivery.media_session_get(actor=request.user, token=token)
    except ApplicationError as exc:
        return HttpResponse(exc.message, status=exc.status, content_type="text/plain; charset=utf-8")
    unit = session.unit
    if not unit.file:
        raise Http404("该课件没有文件")

    def record(first: int, last: int) -> None:
        if request.method == "GET":
            delivery.segments_record(session=session, first=first, last=last)

    response = ranged_file_response(
        request, str(unit.file.name), content_type=unit.content_type or "application/octet-stream",
        storage=unit.file.storage, segment_bytes=int(online_config().segment_bytes), size=unit.file_size,
        on_segments=record,
    )
    response["Cache-Control"] = "private, no-store"
    return response


@login_required
@require_POST
def exam_start_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk)
    enrolment = selectors.enrolment_for(user=request.user, course=course)
    if enrolment is None:
        raise Http404
    try:
        attempt = exams.exam_attempt_start(actor=request.user, enrolment=enrolment)
    except ApplicationError as exc:
        messages.error(request, exc.message)
        return redirect("online:course_detail", pk=pk)
    return redirect("online:attempt", pk=attempt.pk)


def _attempt_page(request: HttpRequest, attempt: Any, *, unanswered: exams.UnansweredQuestions | None = None,
                  status: int = 200) -> HttpResponse:
    mine = getattr(request.user, "professional_id", None) == attempt.enrolment.professional_id
    key = selectors.paper_answer_key(attempt)
    questions = selectors.paper_questions(attempt)
    for q in questions:  # the key only after the last attempt, and only if the provider allows it
        q["key"] = key.get(q["id"], [])
    return render(request, "online/attempt.html", {
        "attempt": attempt, "course": attempt.enrolment.course, "mine": mine,
        "questions": questions, "key_revealed": bool(key),
        "open": attempt.status == AttemptStatus.IN_PROGRESS,
        "answer_url": reverse("api:online_answer_save", args=[attempt.pk, 0]).rsplit("/0", 1)[0],
        "unanswered": unanswered,
    }, status=status)


@login_required
def attempt_view(request: HttpRequest, pk: int) -> HttpResponse:
    attempt = selectors.attempt_get(user=request.user, pk=pk)
    if attempt.status == AttemptStatus.IN_PROGRESS:
        attempt = exams.exam_attempt_close_if_expired(actor=request.user, attempt=attempt)
    return _attempt_page(request, attempt)


@login_required
@require_POST
def attempt_submit_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Saves the posted answers (a browser without script posts the whole form), then submits. With
    blank questions and no `confirm_unanswered`, the page comes back (422) with the confirm step."""
    attempt = selectors.attempt_get(user=request.user, pk=pk)
    try:
        if attempt.status == AttemptStatus.IN_PROGRESS:
            for qid in attempt.question_ids:
                chosen = request.POST.getlist(f"q{qid}")
                if chosen:
                    exams.exam_answer_save(actor=request.user, attempt=attempt, question_id=qid,
                                           choice=[int(c) for c in chosen if c.isdigit()])
        exams.exam_attempt_submit(actor=request.user, attempt=attempt,
                                  confirm_unanswered=request.POST.get("confirm_unanswered") == "1")
    except exams.UnansweredQuestions as exc:
        attempt.refresh_from_db()
        return _attempt_page(request, attempt, unanswered=exc, status=422)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    return redirect("online:attempt", pk=pk)


@login_required
def certificate_pdf_view(request: HttpRequest, pk: int) -> HttpResponse:
    from .pdf import certificate_pdf

    certificate = selectors.certificate_get(user=request.user, pk=pk)
    from jxjy.credentials.issue import certificate_code

    url = request.build_absolute_uri(reverse("verify:check", args=[certificate_code(certificate)]))
    pdf = certificate_pdf(certificate, verify_url=url)
    from jxjy.audit.services import audit_sensitive_read

    audit_sensitive_read(actor=request.user, obj=certificate.professional, professional_ids=[certificate.professional_id],
                         what=f"查看网络课程合格证书PDF {certificate.number}")
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = content_disposition(f"公共科目合格证-{certificate.number}.pdf", inline=True)
    return response


def verify_view(request: HttpRequest, code: str) -> HttpResponse:
    """The old address of printed pass certificates: the one public verification page checks them now."""
    return redirect("verify:check", code=code, permanent=True)


@login_required
def reports_view(request: HttpRequest) -> HttpResponse:
    return render(request, "online/reports.html", {
        "reports": selectors.course_reports(user=request.user),
        "suspicious": selectors.suspicious_sessions(user=request.user)[:100],
    })


# --- The question bank (providers edit; officers in scope read) ----------------------------------
@login_required
def question_list_view(request: HttpRequest, pk: int) -> HttpResponse:
    course = selectors.course_get(user=request.user, pk=pk)
    if not (can(request.user, "change", course) or getattr(request.user, "role", "") in ("hr_officer", "authority_officer")):
        raise Http404("未找到该页面，或您无权访问")
    q = request.GET.get("q", "").strip()[:50]
    return render(request, "online/questions.html", {
        **paginate(request, selectors.course_questions(course=course, q=q)), "course": course, "q": q,
        "may_edit": getattr(request.user, "role", "") == "provider_admin" and can(request.user, "change", course),
        "blueprint": course.blueprint.all(),
    })


@login_required
def question_edit_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk, action="change")
    form = QuestionForm(request.POST or None, initial=question_initial(question))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            saved = catalogue.question_update(
                actor=request.user, question=question, topic=data["topic"], kind=data["kind"], stem=data["stem"],
                options=data["options"].splitlines(), answer=data["answer"])
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "已保存试题" if saved.pk == question.pk else "已保存：原题已用于考试，保留原题并另存为新题")
            return redirect("online:questions", pk=question.course_id)
    return render(request, "online/question_form.html", {"form": form, "question": question, "course": question.course,
                                                         "used": catalogue.question_used(question)},
                  status=422 if request.method == "POST" else 200)


@login_required
@require_POST
def question_delete_view(request: HttpRequest, pk: int) -> HttpResponse:
    question = selectors.question_get(user=request.user, pk=pk, action="change")
    return _attempt(request, reverse("online:questions", args=[question.course_id]),
                    lambda: catalogue.question_delete(actor=request.user, question=question), "已删除试题")
