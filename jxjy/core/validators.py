"""Shared checks of user input, each refusing with a Chinese message that names the field."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError

from .errors import ApplicationError

# Mainland numbers: mobile 1[3-9]xxxxxxxxx (optionally +86), landline 0 + 2–3 digit area code +
# 7–8 digits (optional extension), and the 400/800 service numbers.
_MOBILE = re.compile(r"^(?:\+?86)?1[3-9]\d{9}$")
_LANDLINE = re.compile(r"^0\d{2,3}-?\d{7,8}(?:-\d{1,6})?$")
_SERVICE = re.compile(r"^[48]00-?\d{3}-?\d{4}$")
PHONE_MESSAGE = "应为手机号码（如 13800000000）或固定电话（如 0591-87654321）"


def normalise_phone(value: str) -> str:
    return re.sub(r"[\s()（）]", "", value or "").replace("—", "-").replace("－", "-")


def is_phone(value: str) -> bool:
    text = normalise_phone(value)
    return bool(_MOBILE.match(text.replace("-", "")) or _LANDLINE.match(text) or _SERVICE.match(text))


def phone_validator(value: str) -> None:
    """For form fields (validators=[phone_validator])."""
    if value and not is_phone(value):
        raise ValidationError(PHONE_MESSAGE, code="phone")


def check_phone(value: str, *, field: str = "phone", label: str = "联系电话", required: bool = False) -> str:
    """For services: the number tidied, or an ApplicationError naming the field."""
    text = normalise_phone(value)
    if not text:
        if required:
            raise ApplicationError(f"{label}：请填写", field=field)
        return ""
    if not is_phone(text):
        raise ApplicationError(f"{label}：{PHONE_MESSAGE}，“{text[:20]}”不是有效的电话号码", field=field)
    return text
