"""The fraud-signal page (学时异常): overlapping credit and impossible days of the people in the
user's jurisdiction, for unit administrators, HR and authority officers."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms
from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from jxjy.core.bounds import page_number

from .signal_selectors import MAX_DAYS, SIGNAL_ROLES, fraud_signals


class SignalFilterForm(forms.Form):
    start = forms.DateField(label="起始日期", widget=forms.DateInput(attrs={"type": "date"}))
    end = forms.DateField(label="截止日期", widget=forms.DateInput(attrs={"type": "date"}))
    q = forms.CharField(label="姓名或身份证号码", max_length=50, required=False)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        start, end = data.get("start"), data.get("end")
        if start and end:
            if end < start:
                self.add_error("end", "截止日期不能早于起始日期")
            elif (end - start).days >= MAX_DAYS:
                self.add_error("end", f"查询期间不能超过 {MAX_DAYS} 天")
        return data


@login_required
def signals_view(request: HttpRequest) -> HttpResponse:
    user: Any = request.user
    if user.role not in SIGNAL_ROLES and not user.is_superuser:
        raise Http404("未找到该页面，或您无权访问")
    today = timezone.localdate()
    params = request.GET.copy()
    params.setdefault("start", dt.date(today.year, 1, 1).isoformat())
    params.setdefault("end", today.isoformat())
    form = SignalFilterForm(params)
    rows: list[dict[str, Any]] = []
    if form.is_valid():
        data = form.cleaned_data
        signals = fraud_signals(user=user, start=data["start"], end=data["end"], q=data["q"].strip())
        rows = [{"kind": "overlap", "date": o.date, "person": signals.people[o.professional_id], "overlap": o}
                for o in signals.overlaps]
        rows += [{"kind": "day", "date": d.date, "person": signals.people[d.professional_id], "day": d}
                 for d in signals.impossible_days]
        rows.sort(key=lambda r: (r["date"], r["person"].pk), reverse=True)
    page_obj = Paginator(rows, 20).get_page(page_number(request.GET.get("page")))
    params.pop("page", None)
    base = params.urlencode()
    return render(request, "records/signals.html", {
        "form": form, "page_obj": page_obj, "object_list": page_obj.object_list,
        "querystring_base": f"{base}&" if base else "",
        "overlap_count": sum(1 for r in rows if r["kind"] == "overlap"),
        "day_count": sum(1 for r in rows if r["kind"] == "day"),
    }, status=200 if form.is_valid() else 422)
