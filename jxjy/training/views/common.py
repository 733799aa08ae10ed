"""Helpers shared by the training views."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect

from jxjy.core.errors import ApplicationError


def run(request: HttpRequest, call: Callable[[], Any], success: str, back: str, *args: Any) -> HttpResponse:
    """Calls one service; its refusal becomes an error message. Redirects back either way."""
    try:
        call()
    except ApplicationError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, success)
    return redirect(back, *args)


def upload(request: HttpRequest, name: str = "file") -> tuple[str, bytes]:
    file = request.FILES.get(name)
    if file is None:
        raise ApplicationError("请选择文件", field=name)
    if file.size and file.size > 20 * 1024 * 1024:
        raise ApplicationError("文件过大", field=name)
    return file.name or "upload", file.read()


def client_ip(request: HttpRequest) -> str | None:
    return request.META.get("REMOTE_ADDR")
