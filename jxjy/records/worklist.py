"""The records' 待办 (see jxjy.core.worklist): verification batches and learning records waiting for
an officer; for a unit, last year's roster to submit and the people short of hours (the stored
standings, jxjy/records/standing_selectors.py); for a professional, their own shortfall."""

from __future__ import annotations

from typing import Any

from django.urls import reverse
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.accounts.policy import restrict
from jxjy.core.worklist import TodoItem

from .choices import BatchStatus, VerificationOutcome
from .models import StandingVerdict, VerificationBatch, VerificationEntry
from .selectors import review_queue
from .standing_selectors import standings_in_scope


def records_todo(user: Any) -> list[TodoItem]:
    items: list[TodoItem] = []
    last_year = timezone.localdate().year - 1
    if user.role in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER):
        entries = restrict(VerificationEntry.objects.all(), user, "change").filter(
            outcome=VerificationOutcome.PENDING, batch__status=BatchStatus.SUBMITTED)
        batches = entries.values("batch_id").distinct().count()
        items.append(TodoItem("验证批次待验证", batches, reverse("records:batch_list"), "已报送、尚有人员待验证"))
        items.append(TodoItem("学习记录待审核", review_queue(user=user).count(), reverse("records:review_bulk")))
    if user.role == Role.UNIT_ADMIN:
        items.append(TodoItem("学习记录待单位审核", review_queue(user=user).count(), reverse("records:review_bulk")))
        has_submitted = restrict(VerificationBatch.objects.all(), user).filter(
            year=last_year, status__in=(BatchStatus.SUBMITTED, BatchStatus.CLOSED)).exists()
        if not has_submitted:
            items.append(TodoItem(f"{last_year}年度验证花名册待报送", 1, reverse("records:batch_list")))
    if user.role in (Role.UNIT_ADMIN, Role.HR_OFFICER, Role.AUTHORITY_OFFICER):
        short = standings_in_scope(user=user, year=last_year, verdict=StandingVerdict.SHORT).count()
        label = "本单位学时未达标人员" if user.role == Role.UNIT_ADMIN else "辖区学时未达标人员"
        items.append(TodoItem(f"{label}（{last_year}年度）", short,
                              f"{reverse('people:list')}?year={last_year}&verdict=short"))
    if user.role == Role.PROFESSIONAL and user.professional_id:
        mine = standings_in_scope(user=user, year=timezone.localdate().year, verdict=StandingVerdict.SHORT).filter(
            professional_id=user.professional_id).first()
        if mine is not None:
            items.append(TodoItem("本年度继续教育尚未达标", 1, reverse("records:home"),
                                  f"还差{mine.shortfall.normalize():f}{mine.amount_unit or '学时'}"))
    return items
