from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditEvent
from jxjy.notifications.deadlines import deadlines_for
from jxjy.orgs.models import EmployerUnit, Provider
from jxjy.people.models import Professional
from jxjy.people.selectors import level_counts

from .worklist import todo_for


@login_required
def home(request: HttpRequest) -> HttpResponse:
    user = request.user
    people = restrict(Professional.objects.all(), user)
    context = {
        "unit_count": restrict(EmployerUnit.objects.all(), user).count(),
        "provider_count": restrict(Provider.objects.all(), user).count(),
        "professional_count": people.count(),
        "level_counts": level_counts(people),
        "recent_events": restrict(AuditEvent.objects.all(), user)[:8],
        "me": getattr(user, "professional", None),
        "todo": todo_for(user),
        "deadlines": _deadlines(user),
    }
    return render(request, "core/home.html", context)


def _deadlines(user: object) -> list[dict[str, object]]:
    today = timezone.localdate()
    return [{"deadline": d, "days_left": d.days_left(today)} for d in deadlines_for(user=user, on=today)]
