"""django-ninja token authentication (`Authorization: Bearer <token>`); the API accepts it or a session.

A token request acts as the token's user (so `restrict` scopes it to that user's jurisdiction) and
needs the scope of the path's area: `<area>:read` to read, `<area>:write` to change."""

from __future__ import annotations

from django.http import HttpRequest
from ninja.security import HttpBearer

from jxjy.core.errors import ApplicationError, PermissionDenied

from .models import ApiToken
from .ratelimit import per_minute, token_hit
from .scopes import grants, required_scope, scope_label


class InvalidToken(ApplicationError):
    status = 401


class TooManyRequests(ApplicationError):
    status = 429


class TokenAuth(HttpBearer):
    """接口令牌：请求头 `Authorization: Bearer jxjy_…`。令牌以其所属用户的身份和管辖范围调用接口。"""

    openapi_scheme = "bearer"

    def authenticate(self, request: HttpRequest, token: str) -> ApiToken:
        from .services import token_for_secret

        found = token_for_secret(token.strip())
        if found is None:
            raise InvalidToken("接口令牌无效、已过期或已吊销")
        allowed, wait = token_hit(found.pk)
        if not allowed:
            raise TooManyRequests(f"请求过于频繁：每个令牌每分钟最多{per_minute()}次，请{wait}秒后再试",
                                  extra={"retry_after": wait})
        needed = required_scope(request.method or "GET", request.path)
        if needed is None or not grants(list(found.scopes), needed):
            label = scope_label(needed) if needed else "该接口"
            raise PermissionDenied(f"该令牌没有“{label}”的权限", field="scopes")
        request.user = found.user
        request.api_token = found  # type: ignore[attr-defined]
        return found


token_auth = TokenAuth()
