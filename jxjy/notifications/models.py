from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q

from .choices import Category


class Notification(models.Model):
    """A message telling one user that something awaits them or has happened. The in-app row is the
    record; mail and SMS/WeChat are copies sent after commit. `key` names what a reminder is about
    (`deadline:plan:2027:bureau-3`), so the same reminder never reaches the same user twice."""

    user = models.ForeignKey(settings.AUTH_USER_MODEL, verbose_name="用户", on_delete=models.CASCADE,
                             related_name="notifications")
    category = models.CharField("类别", max_length=20, choices=Category.choices, default=Category.OTHER)
    message = models.CharField("内容", max_length=300)
    url = models.CharField("链接", max_length=300, blank=True)
    key = models.CharField("提醒标识", max_length=120, blank=True)
    created_at = models.DateTimeField("时间", auto_now_add=True, db_index=True)
    read_at = models.DateTimeField("已读时间", null=True, blank=True)

    class Meta:
        verbose_name = "通知"
        verbose_name_plural = "通知"
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_user_unread")]
        constraints = [
            models.UniqueConstraint(fields=["user", "key"], condition=~Q(key=""), name="one_notification_per_key"),
        ]

    def __str__(self) -> str:
        return self.message

    @property
    def is_read(self) -> bool:
        return self.read_at is not None
