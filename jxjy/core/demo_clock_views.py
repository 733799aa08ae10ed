"""The 模拟日期 control (development settings only): POST moves the workflow's date forward or back to today."""

from __future__ import annotations

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.utils import timezone
from django.utils.http import url_has_allowed_host_and_scheme
from django.views.decorators.http import require_POST

from . import demo_clock
from .errors import ApplicationError


@require_POST
@login_required
def demo_clock_view(request: HttpRequest) -> HttpResponse:
    if not demo_clock.enabled():
        raise Http404("页面不存在")
    if not demo_clock.may_set(request.user):
        return HttpResponse("只有人社局经办人员可以设置模拟日期", status=403)
    status = demo_clock.status()
    assert status is not None
    action = request.POST.get("action", "")
    try:
        if action in ("1", "7", "30"):
            day = status["today"] + dt.timedelta(days=int(action))
        elif action == "reset":
            day = timezone.localdate()
        elif action == "set":
            try:
                day = dt.date.fromisoformat(request.POST.get("day", ""))
            except ValueError as exc:
                raise ApplicationError("请按 YYYY-MM-DD 填写模拟日期", field="day") from exc
        else:
            raise ApplicationError("未知的操作", field="action")
        days = demo_clock.demo_clock_set(actor=request.user, day=day)
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, f"模拟日期：{day:%Y-%m-%d}" + (f"（比实际日期晚{days}天）" if days else "（实际日期）"))
    back = request.POST.get("next", "/")
    return redirect(back if url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}) else "/")
