from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from jxjy.core.request_context import client_ip

from . import throttle


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form, refusing further tries once an account is throttled from an address."""

    error_messages = {
        "invalid_login": "用户名或密码错误。",
        "inactive": "该账号已停用。",
        "locked": "登录失败次数过多，请 15 分钟后再试。",
    }

    def clean(self) -> dict[str, Any]:
        username = self.data.get("username", "")
        ip = client_ip(self.request) if self.request else None
        if throttle.is_locked(username, ip):
            raise forms.ValidationError(self.error_messages["locked"], code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError:
            throttle.record_failure(username, ip)
            from jxjy.audit.services import audit_record

            audit_record(actor=None, action="login_failed", message=f"用户名 {username[:50]} 登录失败")
            raise
        throttle.clear(username, ip)
        return cleaned
