from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_GET, require_POST

from jxjy.core.listing import paginate

from .choices import Category
from .selectors import notifications_for
from .services import notification_open, notifications_read_all


@login_required
@require_GET
def notification_list_view(request: HttpRequest) -> HttpResponse:
    unread_only = request.GET.get("unread") == "1"
    category = request.GET.get("category", "")
    if category not in Category.values:
        category = ""
    items = notifications_for(user=request.user, unread_only=unread_only, category=category)
    return render(request, "notifications/list.html", {
        **paginate(request, items), "unread_only": unread_only, "category": category,
        "categories": Category.choices,
    })


@login_required
@require_GET
def notification_open_view(request: HttpRequest, pk: int) -> HttpResponse:
    """Opening a notification marks it read and goes where it points (a link inside this site only)."""
    found = notification_open(user=request.user, notification_id=pk)  # type: ignore[arg-type]
    if found.url and url_has_allowed_host_and_scheme(found.url, allowed_hosts={request.get_host()}):
        return redirect(found.url)
    return redirect("notifications:list")


@login_required
@require_POST
def notification_read_view(request: HttpRequest, pk: int) -> HttpResponse:
    notification_open(user=request.user, notification_id=pk)  # type: ignore[arg-type]
    target = request.POST.get("next", "")
    return redirect(target if _safe(target, request) else "notifications:list")


@login_required
@require_POST
def notifications_read_all_view(request: HttpRequest) -> HttpResponse:
    count = notifications_read_all(user=request.user)  # type: ignore[arg-type]
    messages.success(request, f"已将 {count} 条通知标为已读。" if count else "没有未读通知。")
    return redirect("notifications:list")


def _safe(target: str, request: HttpRequest) -> bool:
    return bool(target) and url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()})
