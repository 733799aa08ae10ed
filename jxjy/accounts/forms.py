from __future__ import annotations

from typing import Any

from django import forms
from django.contrib.auth.forms import AuthenticationForm

from jxjy.people.identity import mask_identity_number

from . import throttle
from .identifiers import normalise


def shown_identifier(identifier: str) -> str:
    """The identifier as an audit row may show it: identity and phone numbers masked."""
    text = normalise(identifier)[:50]
    if len(text) == 18 and text[:17].isdigit():
        return mask_identity_number(text.upper())
    if text.isdigit() and len(text) >= 7:
        return text[:3] + "*" * (len(text) - 7) + text[-4:]
    return text


class ThrottledLoginForm(AuthenticationForm):
    """Django's login form: any of the person's identifiers, refused while the pair is locked out.

    A locked (account, address) pair is refused before the password is looked at, so a try during the
    lock-out neither counts nor tells whether the password was right.
    """

    username = forms.CharField(label="用户名、身份证号或手机号", max_length=254)

    error_messages = {
        "invalid_login": "用户名或密码错误。",
        "inactive": "该账号已停用。",
    }

    def clean(self) -> dict[str, Any]:
        username = str(self.data.get("username", ""))
        if self.request is not None and throttle.is_locked(self.request, username):
            raise forms.ValidationError(throttle.locked_message(self.request), code="locked")
        try:
            cleaned = super().clean()
        except forms.ValidationError as exc:
            from jxjy.audit.services import audit_record

            audit_record(actor=None, action="login_failed", message=f"{shown_identifier(username)} 登录失败")
            if self.request is not None and getattr(self.request, "axes_locked_out", False):
                raise forms.ValidationError(
                    [*exc.error_list, forms.ValidationError(throttle.locked_message(self.request), code="locked")]
                ) from exc
            raise
        return cleaned


class ActivationCodeForm(forms.Form):
    id_number = forms.CharField(label="身份证号", max_length=20)
    code = forms.CharField(label="激活码", max_length=20, help_text="单位发放的激活码，形如 ABCDE-23456")
    password1 = forms.CharField(label="新密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
                                help_text="至少 10 位，不能全是数字，不能与姓名、身份证号相近")
    password2 = forms.CharField(label="再次输入新密码", widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}))

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if cleaned.get("password1") and cleaned.get("password1") != cleaned.get("password2"):
            self.add_error("password2", "两次输入的密码不一致。")
        return cleaned


class ActivationMailForm(forms.Form):
    email = forms.EmailField(label="电子邮箱", max_length=254, error_messages={"invalid": "请输入有效的电子邮箱地址。"})
