"""The public verification page `/verify/<code>`: no login; masked identity, issuer, entries."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from .codes import read_code
from .models import Certificate, LearningRecord
from .selectors import entries_by_year, stamps


def verify_view(request: HttpRequest, code: str) -> HttpResponse:
    target = read_code(code)
    context: dict[str, object] = {"state": "invalid"}
    if target is not None and target.kind == "certificate":
        cert = Certificate.objects.select_related("professional__unit", "series__hr_bureau", "series__authority").filter(pk=target.pk).first()
        if cert is not None:
            person = cert.professional
            context = {"state": "revoked" if cert.revoked else "valid", "certificate": cert, "person": person,
                       "issuer": cert.series.issuer, "years": entries_by_year(person),
                       "stamps": [s for s in stamps(person) if s.outcome == "verified"]}
    elif target is not None:
        record = LearningRecord.objects.select_related("professional", "provider").filter(pk=target.pk).first()
        if record is not None:
            context = {"state": "valid" if record.status == "recognised" else "revoked", "record": record,
                       "person": record.professional, "issuer": record.provider or "人社部门学时认定"}
    status = 404 if context["state"] == "invalid" else 200
    return render(request, "records/verify.html", context, status=status)
