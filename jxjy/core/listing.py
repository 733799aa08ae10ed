"""Pagination shared by list pages: 20 rows a page, filters kept in the links; the page number is
clamped to 1..MAX_PAGE (jxjy.core.bounds), so no query string can make it a 500."""

from __future__ import annotations

from typing import Any

from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest

from .bounds import page_number

PER_PAGE = 20


def paginate(request: HttpRequest, queryset: QuerySet[Any], per_page: int = PER_PAGE) -> dict[str, Any]:
    page_obj = Paginator(queryset, per_page).get_page(page_number(request.GET.get("page")))
    params = request.GET.copy()
    params.pop("page", None)
    base = params.urlencode()
    return {"page_obj": page_obj, "object_list": page_obj.object_list, "querystring_base": f"{base}&" if base else ""}
