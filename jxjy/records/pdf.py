"""E-certificates as A4 PDFs (WeasyPrint, Noto CJK fonts embedded) with a QR code to `/verify/<code>`."""

from __future__ import annotations

from typing import Any

import segno
from django.template.loader import render_to_string
from django.urls import reverse

from .models import Certificate, LearningRecord
from .selectors import entries_by_year, stamps


def verify_url(base_url: str, obj: Certificate | LearningRecord) -> str:
    """The QR code's address: the public page with the certificate's Ed25519-signed payload, which a
    phone holding the published keys can also check offline."""
    from jxjy.credentials.issue import certificate_code

    return base_url.rstrip("/") + reverse("verify:check", args=[certificate_code(obj)])


def _qr(url: str) -> str:
    return segno.make(url, error="m").svg_data_uri(scale=4, border=2)


def _render(template: str, context: dict[str, Any]) -> bytes:
    from weasyprint import HTML

    html = render_to_string(template, context)
    return bytes(HTML(string=html).write_pdf())


def certificate_pdf(certificate: Certificate, *, base_url: str) -> bytes:
    person = certificate.professional
    url = verify_url(base_url, certificate)
    return _render("records/pdf/certificate.html", {
        "certificate": certificate, "person": person, "issuer": certificate.series.issuer,
        "years": entries_by_year(person), "stamps": [s for s in stamps(person) if s.outcome == "verified"],
        "qr": _qr(url), "url": url,
    })


def completion_pdf(record: LearningRecord, *, base_url: str) -> bytes:
    """The completion certificate (结业证书) of one class or course."""
    url = verify_url(base_url, record)
    return _render("records/pdf/completion.html", {"record": record, "person": record.professional, "qr": _qr(url), "url": url})
