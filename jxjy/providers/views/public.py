"""Public pages (no login): the list of CE bases with their credit, one page per provider, the credit list."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from ..scheme import scheme
from ..selectors.public import public_credit_list, public_provider_get, recent_announcements


def public_list_view(request: HttpRequest) -> HttpResponse:
    rows = public_credit_list(on=timezone.localdate(), grade=request.GET.get("grade", ""))
    return render(request, "providers/public_list.html",
                  {"rows": rows, "grades": scheme().grades, "grade": request.GET.get("grade", ""),
                   "scheme": scheme(), "announcements": recent_announcements()})


def public_provider_view(request: HttpRequest, pk: int) -> HttpResponse:
    data = public_provider_get(pk=pk, on=timezone.localdate())
    return render(request, "providers/public_provider.html", {"d": data, "scheme": scheme()})
