"""Reminders of rectification deadlines: an in-app row per user (idempotent per kind) and an e-mail."""

from __future__ import annotations

import logging
from functools import partial

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse

from jxjy.accounts.models import Role, User

from ..models import Rectification, Reminder

logger = logging.getLogger(__name__)


def users_to_remind(rectification: Rectification) -> list[User]:
    base = rectification.inspection.base
    qs = User.objects.filter(is_active=True)
    return [*qs.filter(role=Role.PROVIDER_ADMIN, provider=base.provider),
            *qs.filter(role=Role.HR_OFFICER, hr_bureau=base.bureau)]


def _send(address: str, subject: str, body: str) -> None:
    """The in-app reminder is the record; a mail failure is only logged."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # noqa: BLE001
        logger.exception("整改提醒邮件发送失败：%s", address)


def remind(*, rectification: Rectification, kind: str, message: str) -> list[Reminder]:
    url = reverse("providers:base_detail", args=[rectification.inspection.base_id])
    created: list[Reminder] = []
    for user in users_to_remind(rectification):
        reminder, new = Reminder.objects.get_or_create(
            user=user, rectification=rectification, kind=kind, defaults={"message": message[:300], "url": url})
        if new:
            created.append(reminder)
            if user.email:
                transaction.on_commit(partial(_send, user.email, f"[继续教育] {message[:60]}", f"{message}\n\n{url}"))
    return created
