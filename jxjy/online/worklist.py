"""Online learning's 待办 (see jxjy.core.worklist): the professional's courses not yet finished."""

from __future__ import annotations

from typing import Any

from django.urls import reverse

from jxjy.accounts.models import Role
from jxjy.core.worklist import TodoItem

from .selectors import my_enrolments


def online_todo(user: Any) -> list[TodoItem]:
    if user.role != Role.PROFESSIONAL:
        return []
    unfinished = my_enrolments(user=user).filter(passed_at__isnull=True).count()
    return [TodoItem("网络课程待完成", unfinished, reverse("online:mine"), "未学完或考试未合格")]
