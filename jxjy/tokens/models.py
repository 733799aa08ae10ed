"""API tokens (接口令牌) that let another system (a unit's HR system, a provider's LMS) call the API
as one user, within that user's jurisdiction and the token's scopes."""

from __future__ import annotations

from django.db import models
from django.utils import timezone


class TokenKind(models.TextChoices):
    PERSONAL = "personal", "个人令牌"
    SYSTEM = "system", "系统对接令牌"


class ApiToken(models.Model):
    """One token. Only a SHA-256 digest of the secret is stored (the secret is shown once, at creation);
    `prefix` is its first characters, kept to tell tokens apart in lists and logs."""

    user = models.ForeignKey("accounts.User", verbose_name="所属用户", on_delete=models.CASCADE, related_name="api_tokens")
    name = models.CharField("名称", max_length=80)
    kind = models.CharField("类别", max_length=12, choices=TokenKind.choices, default=TokenKind.PERSONAL)
    prefix = models.CharField("令牌前缀", max_length=16, db_index=True)
    digest = models.CharField("令牌摘要", max_length=64, unique=True)
    scopes = models.JSONField("权限范围", default=list)
    created_at = models.DateTimeField("创建时间", default=timezone.now)
    created_by = models.ForeignKey("accounts.User", verbose_name="创建人", null=True, on_delete=models.SET_NULL,
                                   related_name="+")
    expires_at = models.DateTimeField("到期时间")
    revoked_at = models.DateTimeField("吊销时间", null=True, blank=True)
    last_used_at = models.DateTimeField("最近使用", null=True, blank=True)

    class Meta:
        verbose_name = "接口令牌"
        verbose_name_plural = "接口令牌"
        ordering = ["-created_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(expires_at__gt=models.F("created_at")),
                                   name="token_expires_after_creation"),
        ]

    def __str__(self) -> str:
        return f"{self.name}（{self.prefix}…）"

    @property
    def active(self) -> bool:
        return self.revoked_at is None and self.expires_at > timezone.now()

    @property
    def state_label(self) -> str:
        if self.revoked_at is not None:
            return "已吊销"
        if self.expires_at <= timezone.now():
            return "已过期"
        return "有效"
