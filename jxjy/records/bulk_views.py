"""批量审核, 批量验证 and 批量发证: many rows in one submit, each through the single-row service
(learning_record_review; verification_entry_decide with the outcome the person's standing proposes;
certificate_issue), one result and one audit entry per row; a refused row does not undo the others
(jxjy/core/bulk.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.views.decorators.http import require_http_methods

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.core.bulk import bulk_run, selected_ids
from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate
from jxjy.people.models import Professional

from . import selectors
from .choices import VerificationOutcome
from .models import LearningRecord, VerificationEntry
from .services.certificates import certificate_issue
from .services.learning import learning_record_review
from .services.verification import entry_decisions, verification_entry_decide


@login_required
@require_http_methods(["GET", "POST"])
def verification_bulk_view(request: HttpRequest, pk: int) -> HttpResponse:
    """The batch's entries this officer decides, each with the outcome its stored standing proposes;
    the selected ones are decided as proposed (a short person is not verified, with the shortfall
    as the reason; verifying one anyway stays a single decision with an exemption or a reason)."""
    user: Any = request.user
    batch = selectors.batch_get(user=user, pk=pk)
    mine = restrict(batch.entries.select_related("professional__title", "professional__unit"), user, "change")
    context: dict[str, Any] = {"batch": batch}
    if request.method == "POST":
        try:
            ids = selected_ids(request.POST.getlist("ids"))
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            def act(entry: VerificationEntry) -> str:
                done = verification_entry_decide(actor=user, entry=entry)
                return "验证通过" if done.outcome == VerificationOutcome.VERIFIED else f"不予验证：{done.reason}"

            context["outcome"] = bulk_run(ids=ids, found=mine.in_bulk(ids), act=act,
                                          label=lambda e: e.professional.name)
    pending = list(mine.filter(outcome=VerificationOutcome.PENDING).order_by("professional__name", "id"))
    context["rows"] = entry_decisions(pending, batch.year)
    return render(request, "records/verification_bulk.html", context)


def _without_certificate(user: Any, q: str) -> QuerySet[Professional]:
    qs = restrict(Professional.objects.select_related("unit", "title"), user).filter(ce_certificate__isnull=True)
    if q:
        qs = qs.filter(name__icontains=q)
    return qs.order_by("unit__name", "name", "id")


@login_required
@require_http_methods(["GET", "POST"])
def certificate_bulk_view(request: HttpRequest) -> HttpResponse:
    """The people in the officer's scope without a continuing-education certificate; the selected
    ones get one each, numbered in the officer's series (榕人专〔2009〕145号 三)."""
    user: Any = request.user
    q = request.GET.get("q", "").strip()[:50]
    context: dict[str, Any] = {"q": q, "may_issue": user.role in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER)}
    if request.method == "POST":
        try:
            ids = selected_ids(request.POST.getlist("ids"))
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            found = restrict(Professional.objects.select_related("unit", "region"), user).in_bulk(ids)

            def act(person: Professional) -> str:
                return f"已发证，编号 {certificate_issue(actor=user, professional=person).certificate_no}"

            context["outcome"] = bulk_run(ids=ids, found=found, act=act, label=lambda p: f"{p.name}（{p.unit}）")
    return render(request, "records/certificate_bulk.html", {**paginate(request, _without_certificate(user, q)), **context})


RECORD_DECISIONS = {"approve": "通过", "reject": "不通过"}


@login_required
@require_http_methods(["GET", "POST"])
def record_review_bulk_view(request: HttpRequest) -> HttpResponse:
    """批量审核 of declared learning records at the user's stage, through learning_record_review."""
    user: Any = request.user
    context: dict[str, Any] = {"decisions": RECORD_DECISIONS}
    if request.method == "POST":
        decision, reason = request.POST.get("decision", ""), request.POST.get("reason", "").strip()[:300]
        try:
            if decision not in RECORD_DECISIONS:
                raise ApplicationError("请选择审核意见：通过或不通过", field="decision")
            ids = selected_ids(request.POST.getlist("ids"))
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            found = restrict(LearningRecord.objects.select_related("professional"), user, "change").in_bulk(ids)

            def act(record: LearningRecord) -> str:
                done = learning_record_review(actor=user, record=record, approve=decision == "approve", reason=reason)
                return f"{RECORD_DECISIONS[decision]}，现为“{done.get_status_display()}”"

            context["outcome"] = bulk_run(ids=ids, found=found, act=act,
                                          label=lambda r: f"{r.professional.name}：{r.course}")
            context["reason"] = reason
    return render(request, "records/review_bulk.html", {**paginate(request, selectors.review_queue(user=user)), **context})
