"""Fetching one object through the jurisdiction policy: missing and forbidden look the same (404)."""

from __future__ import annotations

from typing import Any

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.http import Http404

from jxjy.accounts.policy import Action, restrict


def get_in_scope[M: models.Model](
    queryset: models.QuerySet[M], user: Any, *, action: Action = "view", **lookup: Any
) -> M:
    try:
        return restrict(queryset, user, action).get(**lookup)
    except (ObjectDoesNotExist, ValueError, TypeError):
        raise Http404("未找到该对象，或您无权访问") from None
