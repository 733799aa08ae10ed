from __future__ import annotations

from django import forms

from .models import TokenKind
from .scopes import ALL_SCOPES, scope_label
from .services import DEFAULT_DAYS, MAX_DAYS


class TokenCreateForm(forms.Form):
    name = forms.CharField(label="名称", max_length=80, help_text="例如：单位人事系统对接")
    kind = forms.ChoiceField(label="类别", choices=TokenKind.choices, initial=TokenKind.PERSONAL)
    scopes = forms.MultipleChoiceField(
        label="权限范围", choices=[(s, scope_label(s)) for s in ALL_SCOPES], widget=forms.CheckboxSelectMultiple,
        help_text="读写包含只读。令牌只能在您本人的管辖范围内读取或办理。",
    )
    days = forms.IntegerField(label="有效期（天）", min_value=1, max_value=MAX_DAYS, initial=DEFAULT_DAYS)
