"""Login by username, 身份证号 or mobile number, with one answer whatever the identifier was."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest

from .identifiers import find_user
from .models import User


class IdentifierBackend(ModelBackend):
    """ModelBackend (permissions included) whose lookup accepts any of the person's identifiers."""

    def authenticate(  # type: ignore[override]
        self, request: HttpRequest | None, username: str | None = None, password: str | None = None, **kwargs: Any
    ) -> User | None:
        if username is None or password is None:
            return None
        user = find_user(username)
        if user is None:
            # Hash anyway, so the time taken does not tell whether the identifier exists.
            User().set_password(password)
            return None
        if user.check_password(password) and self.user_can_authenticate(user):
            return user
        return None
