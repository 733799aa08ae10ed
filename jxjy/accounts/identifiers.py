"""The identifiers a person may log in with: the username, the 身份证号 or the mobile number.

One lookup serves the login backend and the throttle, so both agree on which account is meant.
"""

from __future__ import annotations

import re
import unicodedata

from .models import User

_ID_NUMBER = re.compile(r"^\d{17}[\dX]$")
_MOBILE = re.compile(r"^1[3-9]\d{9}$")


def normalise(identifier: str) -> str:
    """Full-width digits and letters folded (NFKC) and surrounding blanks dropped."""
    return unicodedata.normalize("NFKC", identifier or "").strip()


def find_user(identifier: str) -> User | None:
    """The one account the identifier names, or None (none, or a phone shared by several people)."""
    text = normalise(identifier)
    if not text:
        return None
    user = User.objects.filter(username=text).first() or User.objects.filter(username__iexact=text).first()
    if user is not None:
        return user
    id_number = text.upper()
    if _ID_NUMBER.match(id_number):
        return User.objects.filter(professional__id_number=id_number).first()
    phone = text.replace("-", "").replace(" ", "")
    if phone.startswith("+86"):
        phone = phone[3:]
    if _MOBILE.match(phone):
        matches = list(User.objects.filter(professional__phone=phone)[:2])
        if len(matches) == 1:
            return matches[0]
    return None
