"""The one application error type: a user-facing Chinese message, optionally tied to a field."""

from typing import Any


class ApplicationError(Exception):
    """A refusal the user should read. `field` names the offending input, `extra` adds details."""

    status = 400

    def __init__(self, message: str, *, field: str | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.extra = extra or {}

    def as_dict(self) -> dict[str, Any]:
        body: dict[str, Any] = {"detail": self.message}
        if self.field:
            body["field"] = self.field
        if self.extra:
            body["extra"] = self.extra
        return body


class ConflictError(ApplicationError):
    """The object is not in a state that allows the operation (HTTP 409)."""

    status = 409


class PermissionDenied(ApplicationError):
    """The user may see the object but not do this to it (HTTP 403)."""

    status = 403
