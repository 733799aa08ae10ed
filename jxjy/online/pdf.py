"""The certificate as PDF: WeasyPrint with Debian's Noto CJK fonts, and a segno QR code."""

from __future__ import annotations

import segno
from django.template.loader import render_to_string

from .models import PassCertificate


def qr_data_uri(url: str) -> str:
    return str(segno.make(url, error="m").svg_data_uri(scale=4, border=1))


def certificate_html(certificate: PassCertificate, *, verify_url: str) -> str:
    return render_to_string(
        "online/certificate_pdf.html", {"c": certificate, "qr": qr_data_uri(verify_url), "verify_url": verify_url}
    )


def certificate_pdf(certificate: PassCertificate, *, verify_url: str) -> bytes:
    from weasyprint import HTML

    return bytes(HTML(string=certificate_html(certificate, verify_url=verify_url)).write_pdf())
