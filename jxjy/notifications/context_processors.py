from __future__ import annotations

from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from .selectors import unread_count


def unread(request: HttpRequest) -> dict[str, Any]:
    """The header's unread badge; lazy, so a page that does not show the header costs no query."""
    user = getattr(request, "user", None)
    return {"unread_notifications": SimpleLazyObject(lambda: unread_count(user=user))}
