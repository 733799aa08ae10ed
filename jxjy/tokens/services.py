"""Issuing, revoking and checking API tokens. The secret is random (256 bits), shown once, and stored
only as its SHA-256 digest, so a copy of the database yields no usable token."""

from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import secrets

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import User
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from .models import ApiToken, TokenKind
from .scopes import ALL_SCOPES

PREFIX = "jxjy_"
DEFAULT_DAYS = 90
MAX_DAYS = 366


def max_days() -> int:
    return int(getattr(settings, "API_TOKEN_MAX_DAYS", MAX_DAYS))


def digest_of(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _region_path(user: User) -> str | None:
    return user.region.path if user.region is not None else None


def _snapshot(token: ApiToken) -> dict[str, object]:
    data = snapshot(token)
    data.pop("digest", None)  # never in the audit log, even hashed
    return data


@transaction.atomic
def token_create(
    *, actor: User, name: str, scopes: list[str], days: int = DEFAULT_DAYS, kind: str = TokenKind.PERSONAL
) -> tuple[ApiToken, str]:
    """A token of `actor` (requests made with it act as `actor`, inside its jurisdiction). Answers the
    token and its secret; the secret is not kept and cannot be shown again."""
    name = name.strip()
    if not name:
        raise ApplicationError("请填写令牌名称", field="name")
    if len(name) > 80:
        raise ApplicationError("令牌名称不超过80个字符", field="name")
    if not scopes:
        raise ApplicationError("请至少选择一项权限范围", field="scopes")
    unknown = [s for s in scopes if s not in ALL_SCOPES]
    if unknown:
        raise ApplicationError(f"未知的权限范围：{'、'.join(unknown)[:100]}", field="scopes")
    if not 1 <= days <= max_days():
        raise ApplicationError(f"有效期须在1至{max_days()}天之间", field="days")
    if kind not in TokenKind.values:
        raise ApplicationError("令牌类别无效", field="kind")
    if not actor.is_active:
        raise PermissionDenied("账号已停用，不能创建令牌")
    secret = PREFIX + secrets.token_urlsafe(32)
    now = timezone.now()
    token = ApiToken(user=actor, name=name, kind=kind, prefix=secret[:12], digest=digest_of(secret),
                     scopes=sorted(set(scopes)), created_at=now, created_by=actor,
                     expires_at=now + dt.timedelta(days=days))
    token.full_clean()
    token.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=token, after=_snapshot(token),
                 region_path=_region_path(actor),
                 message=f"创建接口令牌 {token}，权限：{'、'.join(token.scopes)}，{days}天有效")
    return token, secret


@transaction.atomic
def token_revoke(*, actor: User, token: ApiToken) -> ApiToken:
    """The owner (or a superuser) revokes a token; it stops working at once."""
    token = ApiToken.objects.select_for_update().get(pk=token.pk)
    if token.user_id != actor.pk and not actor.is_superuser:
        raise PermissionDenied("只能吊销自己的令牌")
    if token.revoked_at is not None:
        raise ConflictError("该令牌已吊销")
    before = _snapshot(token)
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=token, before=before, after=_snapshot(token),
                 region_path=_region_path(actor),
                 message=f"吊销接口令牌 {token}")
    return token


def token_for_secret(secret: str) -> ApiToken | None:
    """The active token with this secret, or None (unknown, expired, revoked, or its user inactive)."""
    if not secret.startswith(PREFIX) or len(secret) > 100:
        return None
    digest = digest_of(secret)
    token = ApiToken.objects.select_related("user").filter(digest=digest).first()
    if token is None or not hmac.compare_digest(token.digest, digest):
        return None
    if not token.active or not token.user.is_active:
        return None
    now = timezone.now()
    if token.last_used_at is None or now - token.last_used_at > dt.timedelta(minutes=1):
        ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)  # at most one write a minute
    return token


def tokens_of(user: User) -> list[ApiToken]:
    return list(ApiToken.objects.filter(user=user))
