"""Fetching one object through the jurisdiction policy: missing and forbidden look the same (404)."""

from __future__ import annotations

from typing import Any, TypeVar

from django.db import models
from django.http import Http404

from jxjy.accounts.policy import Action, restrict

M = TypeVar("M", bound=models.Model)


def get_in_scope(queryset: models.QuerySet[M], user: Any, *, action: Action = "view", **lookup: Any) -> M:
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (queryset.model.DoesNotExist, ValueError, TypeError):
        raise Http404("未找到该对象，或您无权访问") from None
