"""Helpers shared by the statistics views."""

from __future__ import annotations

from django.http import HttpRequest
from django.utils import timezone

from jxjy.core.bounds import id_or_none
from jxjy.core.errors import ApplicationError


def year_param(request: HttpRequest, default: int | None = None) -> int:
    raw = request.GET.get("year") or request.POST.get("year") or ""
    if not raw:
        return default if default is not None else timezone.localdate().year
    try:
        year = int(raw)
    except ValueError:
        raise ApplicationError("年度应为四位数字", field="year") from None
    if not 2000 <= year <= 2100:
        raise ApplicationError("年度应在2000至2100年之间", field="year")
    return year


def int_param(request: HttpRequest, name: str) -> int | None:
    return id_or_none(request.GET.get(name, ""))
