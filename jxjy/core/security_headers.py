"""Response headers Django does not set itself: Permissions-Policy, and no-store for personal data.

The Content-Security-Policy comes from Django's own `ContentSecurityPolicyMiddleware` and the
`SECURE_CSP` setting (jxjy/settings/base.py).
"""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils.cache import add_never_cache_headers


class SecurityHeadersMiddleware:
    """Adds Permissions-Policy to every response, and `Cache-Control: no-store` (with `private`)
    to every response served to a logged-in user: those pages carry personal data (names,
    identity numbers, learning records) that no shared or browser cache may keep."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and "Permissions-Policy" not in response:
            response["Permissions-Policy"] = policy
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            add_never_cache_headers(response)
        return response
