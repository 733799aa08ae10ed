"""The certificate as PDF: WeasyPrint with Debian's Noto CJK fonts, and a segno QR code."""

from __future__ import annotations

import segno
from django.template.loader import render_to_string

from .models import PassCertificate


def certificate_pdf(certificate: PassCertificate, *, verify_url: str) -> bytes:
    from weasyprint import HTML

    qr = segno.make(verify_url, error="m").svg_data_uri(scale=4, border=1)
    html = render_to_string("online/certificate_pdf.html", {"c": certificate, "qr": qr, "verify_url": verify_url})
    return bytes(HTML(string=html).write_pdf())
