"""`{{ unit.html_body|courseware_html }}`: a web-page unit rendered as formatted text, sanitised
against the allow-list again on the way out (rows stored before sanitising existed included)."""

from __future__ import annotations

from django import template
from django.utils.safestring import SafeString, mark_safe

from ..content import html_sanitise

register = template.Library()


@register.filter
def courseware_html(value: str) -> SafeString:
    return mark_safe(html_sanitise(value or ""))  # noqa: S308 — nh3 allow-list output
