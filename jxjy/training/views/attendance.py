"""Attendance pages: the rotating QR code shown in the room, the trainee's phone page, the signed sheet."""

from __future__ import annotations

import segno
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from jxjy.core.errors import ApplicationError

from ..choices import SignKind
from ..models import ScheduleItem
from ..permissions import is_provider_of
from ..selectors import class_get
from ..services.attendance import attendance_record_sheet, attendance_sign_by_qr, qr_token
from ..services.config import settings_for
from .common import run, upload


def _item(request: HttpRequest, pk: int, item_pk: int) -> ScheduleItem:
    training_class = class_get(user=request.user, pk=pk)
    return get_object_or_404(training_class.schedule.select_related("training_class__approving_bureau"), pk=item_pk)


def _qr_context(request: HttpRequest, item: ScheduleItem, kind: str) -> dict[str, object]:
    token = qr_token(item=item, kind=kind)
    url = request.build_absolute_uri(reverse("training:sign", args=[item.pk])) + f"?t={token}"
    svg = segno.make(url, error="m").svg_inline(scale=6)
    return {"item": item, "kind": kind, "kind_label": SignKind(kind).label, "svg": svg, "url": url,
            "minutes": settings_for(item.training_class.approving_bureau).qr_valid_minutes}


@login_required
def session_qr_view(request: HttpRequest, pk: int, item_pk: int, kind: str) -> HttpResponse:
    """The page the provider projects in the room; the code renews itself every 30 seconds."""
    item = _item(request, pk, item_pk)
    if not is_provider_of(request.user, item.training_class) or kind not in SignKind.values:
        return HttpResponse("只有办班单位可以展示签到二维码", status=403)
    return render(request, "training/session_qr.html", _qr_context(request, item, kind))


@login_required
def session_qr_fragment(request: HttpRequest, pk: int, item_pk: int, kind: str) -> HttpResponse:
    item = _item(request, pk, item_pk)
    if not is_provider_of(request.user, item.training_class) or kind not in SignKind.values:
        return HttpResponse(status=403)
    return render(request, "training/_qr.html", _qr_context(request, item, kind))


@login_required
def sign_view(request: HttpRequest, item_pk: int) -> HttpResponse:
    """Where the scanned code leads on the trainee's phone: confirm, then sign in or out."""
    item = get_object_or_404(ScheduleItem.objects.select_related("training_class__provider"), pk=item_pk)
    token = request.POST.get("t") or request.GET.get("t", "")
    done = None
    if request.method == "POST":
        try:
            done = attendance_sign_by_qr(actor=request.user, item=item, token=token)
        except ApplicationError as exc:
            messages.error(request, exc.message)
        else:
            messages.success(request, "签到成功" if done.signed_out_at is None else "签退成功")
    return render(request, "training/sign.html", {"item": item, "token": token, "done": done})


@login_required
@require_POST
def sheet_upload_view(request: HttpRequest, pk: int, item_pk: int) -> HttpResponse:
    item = _item(request, pk, item_pk)

    def call() -> None:
        name, data = upload(request)
        attendance_record_sheet(
            actor=request.user, item=item, filename=name, data=data,
            signed_in=[int(i) for i in request.POST.getlist("signed_in") if i.isdigit()],
            signed_out=[int(i) for i in request.POST.getlist("signed_out") if i.isdigit()])

    return run(request, call, "签到表已登记", "training:class_detail", pk)

