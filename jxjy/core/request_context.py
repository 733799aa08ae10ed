"""The client address of the request being served, for audit rows written deep inside services, and a
small per-request memo for lookups that many parts of one page repeat (e.g. the regions' procedure
overrides): it lives for one request only, so a change is seen by the next request."""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.http import HttpRequest, HttpResponse

_ip: ContextVar[str | None] = ContextVar("jxjy_client_ip", default=None)
_memo: ContextVar[dict[str, Any] | None] = ContextVar("jxjy_request_memo", default=None)


def current_ip() -> str | None:
    return _ip.get()


def request_memo() -> dict[str, Any] | None:
    """The memo of the request being served, or None outside a request (tasks, commands, tests)."""
    return _memo.get()


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR") or None


class RequestContextMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        token = _ip.set(client_ip(request))
        memo = _memo.set({})
        try:
            return self.get_response(request)
        finally:
            _memo.reset(memo)
            _ip.reset(token)
