"""Request limits applied before any view reads the body.

- A body larger than `JXJY_MAX_BODY_BYTES` (multipart uploads: `JXJY_MAX_UPLOAD_BYTES`) answers 413
  from its Content-Length alone, without reading it; Django's own `RequestDataTooBig` also maps to 413.
- A JSON body nested deeper than `JXJY_MAX_JSON_DEPTH` answers 422 before any parser recurses into it.

API paths (and requests that accept JSON) get the usual `{"detail", "field"}` JSON body; pages get HTML.
"""

from __future__ import annotations

import json
from collections.abc import Callable

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import HttpRequest, HttpResponse

from .bounds import MAX_JSON_DEPTH

_OPEN, _CLOSE, _QUOTE, _BACKSLASH = ord("["), ord("]"), ord('"'), ord("\\")
_OPEN_BRACE, _CLOSE_BRACE = ord("{"), ord("}")


def max_body_bytes() -> int:
    return int(getattr(settings, "JXJY_MAX_BODY_BYTES", settings.DATA_UPLOAD_MAX_MEMORY_SIZE or 10 * 1024 * 1024))


def max_upload_bytes() -> int:
    return int(getattr(settings, "JXJY_MAX_UPLOAD_BYTES", max_body_bytes()))


def max_json_depth() -> int:
    return int(getattr(settings, "JXJY_MAX_JSON_DEPTH", MAX_JSON_DEPTH))


def json_depth_exceeds(body: bytes, limit: int) -> bool:
    """Whether the JSON text nests arrays/objects deeper than `limit` (strings are skipped; no recursion)."""
    if body.count(b"[") + body.count(b"{") <= limit:
        return False
    depth = 0
    in_string = escaped = False
    for byte in body:
        if in_string:
            if escaped:
                escaped = False
            elif byte == _BACKSLASH:
                escaped = True
            elif byte == _QUOTE:
                in_string = False
        elif byte == _QUOTE:
            in_string = True
        elif byte in (_OPEN, _OPEN_BRACE):
            depth += 1
            if depth > limit:
                return True
        elif byte in (_CLOSE, _CLOSE_BRACE):
            depth -= 1
    return False


def _wants_json(request: HttpRequest) -> bool:
    return request.path.startswith("/api/") or "application/json" in request.headers.get("Accept", "")


def _refusal(request: HttpRequest, status: int, message: str, field: str = "body") -> HttpResponse:
    if _wants_json(request):
        return HttpResponse(json.dumps({"detail": message, "field": field}, ensure_ascii=False), status=status,
                            content_type="application/json")
    html = (f'<!doctype html><html lang="zh-hans"><head><meta charset="utf-8"><title>{status}</title></head>'
            f"<body><h1>{status}</h1><p>{message}</p></body></html>")
    return HttpResponse(html, status=status, content_type="text/html; charset=utf-8")


def too_large(request: HttpRequest, limit: int | None = None) -> HttpResponse:
    limit = limit or max_body_bytes()
    return _refusal(request, 413, f"请求内容过大，最多{limit / 1024 / 1024:.4g} MB")


class RequestLimitsMiddleware:
    """Refuses oversized bodies (413) and too deeply nested JSON (422) before a view sees them."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        content_type = request.META.get("CONTENT_TYPE", "")
        limit = max_upload_bytes() if content_type.startswith("multipart/form-data") else max_body_bytes()
        raw_length = request.META.get("CONTENT_LENGTH") or "0"
        try:
            length = int(raw_length)
        except ValueError:
            return _refusal(request, 400, "Content-Length 无效")
        if length < 0:
            return _refusal(request, 400, "Content-Length 无效")
        if length > limit:
            return too_large(request, limit)
        if length and self._may_be_json(request, content_type):
            try:
                body = request.body
            except RequestDataTooBig:
                return too_large(request, limit)
            depth = max_json_depth()
            if json_depth_exceeds(body, depth):
                return _refusal(request, 422, f"JSON 嵌套层数不能超过{depth}层")
        return self.get_response(request)

    @staticmethod
    def _may_be_json(request: HttpRequest, content_type: str) -> bool:
        if "json" in content_type:
            return True
        form = content_type.startswith(("multipart/form-data", "application/x-www-form-urlencoded"))
        return request.path.startswith("/api/") and not form

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if isinstance(exception, RequestDataTooBig):
            return too_large(request)
        return None
