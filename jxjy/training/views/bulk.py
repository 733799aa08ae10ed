"""批量初审 and 批量认定: the reviewer's queue of class applications and the classes submitted for
recognition, handled many at a time through the single services (class_review_approve / _return,
training_class_recognise), one result and one audit entry per class."""

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

from ..choices import ClassStatus, ReviewStatus
from ..models import TrainingClass
from ..services.recognition import training_class_recognise
from ..services.review import class_review_approve, class_review_return, current_review

DECISIONS = {"approve": "同意", "return": "退回修改"}


def review_queue(*, user: Any) -> QuerySet[TrainingClass]:
    """The applications whose current step is the user's organisation, within the user's scope."""
    qs = restrict(TrainingClass.objects.select_related("provider"), user).filter(status=ClassStatus.UNDER_REVIEW)
    if user.role == Role.HR_OFFICER:
        mine = {"reviews__hr_bureau_id": user.hr_bureau_id}
    elif user.role == Role.AUTHORITY_OFFICER:
        mine = {"reviews__industry_authority_id": user.industry_authority_id}
    else:
        return qs.none()
    return qs.filter(reviews__status=ReviewStatus.PENDING, **mine).distinct().order_by("start_date", "id")


@login_required
@require_http_methods(["GET", "POST"])
def review_bulk_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    queue = review_queue(user=user)
    context: dict[str, Any] = {"decisions": DECISIONS}
    if request.method == "POST":
        decision, comment = request.POST.get("decision", ""), request.POST.get("comment", "").strip()[:500]
        try:
            if decision not in DECISIONS:
                raise ApplicationError("请选择审核意见：同意或退回修改", field="decision")
            if decision == "return" and not comment:
                raise ApplicationError("退回修改须填写修改意见", field="comment")
            ids = selected_ids(request.POST.getlist("ids"))
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            # Looked up in the user's scope, not only the queue: a class that left it meanwhile is
            # reported with the service's reason instead of as missing.
            found = restrict(TrainingClass.objects.select_related("provider"), user).in_bulk(ids)

            def act(training_class: TrainingClass) -> str:
                if decision == "approve":
                    done = class_review_approve(actor=user, training_class=training_class, comment=comment or "同意")
                    following = current_review(done)
                    if done.status == ClassStatus.UNDER_REVIEW and following is not None:
                        return f"已同意，转{following.reviewer}审核"
                    return f"已同意，现为“{done.get_status_display()}”"
                class_review_return(actor=user, training_class=training_class, comment=comment)
                return "已退回修改"

            context["outcome"] = bulk_run(ids=ids, found=found, act=act,
                                          label=lambda c: f"{c.name}（{c.provider}）")
            context["comment"] = comment
    return render(request, "training/review_bulk.html", {**paginate(request, queue), **context})


@login_required
@require_http_methods(["GET", "POST"])
def recognition_bulk_view(request: HttpRequest) -> HttpResponse:
    """批量认定: the classes submitted for recognition in the user's scope, recognised many at a time
    through training_class_recognise (which checks the state and who may recognise, per class)."""
    user: Any = request.user
    queue = restrict(TrainingClass.objects.select_related("provider"), user).filter(
        status=ClassStatus.RECOGNITION_SUBMITTED).order_by("end_date", "id")
    context: dict[str, Any] = {}
    if request.method == "POST":
        try:
            ids = selected_ids(request.POST.getlist("ids"))
        except ApplicationError as exc:
            context["error"] = exc.message
        else:
            found = restrict(TrainingClass.objects.select_related("provider"), user).in_bulk(ids)

            def act(training_class: TrainingClass) -> str:
                records = training_class_recognise(actor=user, training_class=training_class)
                return f"学时已认定，{len(records)}人取得学时"

            context["outcome"] = bulk_run(ids=ids, found=found, act=act, label=lambda c: f"{c.name}（{c.provider}）")
    return render(request, "training/recognition_bulk.html", {**paginate(request, queue), **context})
