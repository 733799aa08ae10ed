from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.http import Http404, HttpRequest

from jxjy.core.errors import ApplicationError


def form_error(request: HttpRequest, form: forms.Form, exc: ApplicationError) -> None:
    """Shows a service refusal on the form (on its field when the form has one)."""
    field = exc.field if exc.field in form.fields else None
    form.add_error(field, exc.message)
    if field is None:
        messages.error(request, exc.message)


def role_of(user: Any) -> str:
    return "system_admin" if user.is_superuser else str(user.role)


def require_role(request: HttpRequest, *roles: str) -> None:
    if role_of(request.user) not in (*roles, "system_admin"):
        raise Http404("页面不存在")
