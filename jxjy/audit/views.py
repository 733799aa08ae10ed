from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jxjy.core.listing import paginate

from .models import AuditAction
from .selectors import audit_daily_chain_heads, audit_event_list

CHAIN_HEAD_DAYS = 90


@login_required
def audit_list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    action = request.GET.get("action", "")
    events = audit_event_list(user=request.user, q=q, action=action)
    return render(
        request, "audit/list.html", {**paginate(request, events), "q": q, "action": action, "actions": AuditAction.choices}
    )


def audit_chain_heads_view(request: HttpRequest) -> HttpResponse:
    """Public: the daily chain heads of the last 90 days, so that a rewritten history shows."""
    heads = audit_daily_chain_heads(days=CHAIN_HEAD_DAYS)
    return render(request, "audit/chain.html", {"heads": heads, "days": CHAIN_HEAD_DAYS})
