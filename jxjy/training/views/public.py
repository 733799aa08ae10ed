"""Public pages without login (公示, 异议)."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from jxjy.core.errors import ApplicationError
from jxjy.core.listing import paginate

from .. import clock
from ..forms import ObjectionForm
from ..selectors import public_notice_get, public_notices
from ..services.notice import objection_file
from .common import client_ip


def notice_list_view(request: HttpRequest) -> HttpResponse:
    return render(request, "training/notice_list.html", {**paginate(request, public_notices()), "today": clock.today()})


@require_http_methods(["GET", "POST"])
def notice_detail_view(request: HttpRequest, pk: int) -> HttpResponse:
    notice = public_notice_get(pk=pk)
    form = ObjectionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            objection_file(notice=notice, ip=client_ip(request), **form.cleaned_data)
        except ApplicationError as exc:
            form.add_error(exc.field if exc.field in form.fields else None, exc.message)
        else:
            messages.success(request, "您的异议已提交，我们将及时核实处理。")
            return redirect("training:notice_detail", pk)
    c = notice.training_class
    return render(request, "training/notice_detail.html", {"notice": notice, "c": c, "form": form,
                                                            "schedule": c.schedule.all()})


def notifications_view(request: HttpRequest) -> HttpResponse:
    """The old address of the notification list; the notification centre has its own page now."""
    return redirect("notifications:list", permanent=True)
