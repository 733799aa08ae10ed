"""摘牌 with a decision on the base's classes: choose, preview who is affected (nothing written), confirm."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from jxjy.accounts.policy import can
from jxjy.core.bounds import id_or_none
from jxjy.core.errors import ApplicationError

from ..choices import BaseStatus
from ..selectors import bases as sel
from ..services import inspections
from ._util import role_of


def _date(value: str | None) -> dt.date | None:
    try:
        return dt.date.fromisoformat(value) if value else None
    except ValueError:
        return None


@login_required
def base_revocation_view(request: HttpRequest, pk: int) -> HttpResponse:
    """GET: the form (classes preselected by an optional period); POST step=preview: the affected
    people and units, computed without writing; POST step=confirm: revoke."""
    base = sel.base_get(user=request.user, pk=pk)
    if not (role_of(request.user) in ("hr_officer", "system_admin") and can(request.user, "change", base)) \
            or base.status == BaseStatus.REVOKED:
        raise Http404("页面不存在")
    data: Any = request.POST if request.method == "POST" else request.GET
    reason = data.get("reason", "").strip()
    decision = data.get("decision", "keep")
    period_from, period_to = _date(data.get("period_from")), _date(data.get("period_to"))
    classes = inspections.base_revocation_classes(base=base)
    if request.method == "POST":
        chosen = [i for i in (id_or_none(v) for v in request.POST.getlist("classes")) if i is not None]
    else:
        chosen = [c.pk for c in classes if (period_from or period_to)
                  and (period_from is None or c.end_date >= period_from) and (period_to is None or c.end_date <= period_to)]
    if decision == "keep":
        chosen = []
    context: dict[str, Any] = {
        "base": base, "classes": classes, "chosen": chosen, "reason": reason, "decision": decision,
        "period_from": period_from, "period_to": period_to,
    }
    step = request.POST.get("step", "") if request.method == "POST" else ""
    try:
        if step == "confirm":
            inspections.base_revoke(actor=request.user, base=base, reason=reason, revoke_classes=chosen)
            messages.success(request, f"已摘牌并发布公告；撤销了{len(chosen)}个培训班的学时" if chosen else "已摘牌并发布公告；培训班学时均予保留")
            return redirect("providers:base_detail", pk=base.pk)
        if step == "preview":
            result = inspections.base_revocation_preview(actor=request.user, base=base, reason=reason,
                                                         revoke_classes=chosen)
            context.update(preview=result, chosen_classes=[c for c in classes if c.pk in chosen])
    except ApplicationError as exc:
        context["error"] = exc.message
    return render(request, "providers/base_revocation.html", context)
