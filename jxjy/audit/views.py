from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from jxjy.core.listing import paginate

from .models import AuditAction
from .selectors import audit_event_list


@login_required
def audit_list_view(request: HttpRequest) -> HttpResponse:
    q = request.GET.get("q", "").strip()
    action = request.GET.get("action", "")
    events = audit_event_list(user=request.user, q=q, action=action)
    return render(
        request, "audit/list.html", {**paginate(request, events), "q": q, "action": action, "actions": AuditAction.choices}
    )
