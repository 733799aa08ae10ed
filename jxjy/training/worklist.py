"""The training workflow's 待办 (see jxjy.core.worklist): applications to review, notices ending,
objections to answer, recognition to review and plans to review for officers; applications returned
and ended classes to submit for recognition for providers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.urls import reverse

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.core.worklist import TodoItem

from . import clock
from .choices import ClassStatus, ObjectionStatus, PlanStatus, ReviewStatus
from .models import ClassReview, Objection, TrainingClass, TrainingPlan

NOTICE_ENDING_DAYS = 2  # 默认（default）: a notice that ends within two days is shown as ending


def _classes(user: Any, status: str) -> str:
    return f"{reverse('training:class_list')}?status={status}"


def training_todo(user: Any) -> list[TodoItem]:
    items: list[TodoItem] = []
    if user.role in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER):
        mine = ({"hr_bureau_id": user.hr_bureau_id} if user.role == Role.HR_OFFICER
                else {"industry_authority_id": user.industry_authority_id})
        pending = ClassReview.objects.filter(status=ReviewStatus.PENDING, training_class__status=ClassStatus.UNDER_REVIEW,
                                             training_class__in=restrict(TrainingClass.objects.all(), user), **mine)
        items.append(TodoItem("办班申请待审核", pending.count(), reverse("training:review_bulk")))
    if user.role == Role.HR_OFFICER:
        today = clock.today()
        approving = restrict(TrainingClass.objects.filter(approving_bureau_id=user.hr_bureau_id), user)
        ending = approving.filter(status=ClassStatus.UNDER_NOTICE, notice__concluded_at__isnull=True,
                                  notice__ends_on__lte=today + dt.timedelta(days=NOTICE_ENDING_DAYS))
        items.append(TodoItem("公示即将期满", ending.count(), _classes(user, ClassStatus.UNDER_NOTICE),
                              f"{NOTICE_ENDING_DAYS}日内期满"))
        objections = Objection.objects.filter(status=ObjectionStatus.OPEN, notice__training_class__in=approving)
        items.append(TodoItem("公示异议待处理", objections.count(), _classes(user, ClassStatus.UNDER_NOTICE)))
        recognition = approving.filter(status=ClassStatus.RECOGNITION_SUBMITTED)
        items.append(TodoItem("学时认定待审核", recognition.count(), reverse("training:recognition_bulk")))
        plans = restrict(TrainingPlan.objects.filter(status=PlanStatus.SUBMITTED, hr_bureau_id=user.hr_bureau_id), user)
        items.append(TodoItem("年度培训计划待审核", plans.count(), reverse("training:plan_list")))
    if user.role == Role.PROVIDER_ADMIN:
        own = restrict(TrainingClass.objects.filter(provider_id=user.provider_id), user)
        items.append(TodoItem("办班申请被退回待修改", own.filter(status=ClassStatus.RETURNED).count(),
                              _classes(user, ClassStatus.RETURNED)))
        ended = own.filter(status=ClassStatus.APPROVED, end_date__lt=clock.today())
        items.append(TodoItem("培训已结束待申报学时认定", ended.count(), _classes(user, ClassStatus.APPROVED)))
    return items
