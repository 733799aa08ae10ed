"""Notifications: an in-app message and an e-mail through Django's mail backend."""

from __future__ import annotations

import logging
from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction

from jxjy.accounts.models import Role, User
from jxjy.orgs.models import HRBureau, IndustryAuthority, Provider

from ..models import Notification

logger = logging.getLogger(__name__)


def notify(*, users: Iterable[Any], message: str, url: str = "") -> list[Notification]:
    """One in-app notification per user (one insert for all of them) and, after commit, a mail to each."""
    return notify_each(items=[(user, message, url) for user in users])


def notify_each(*, items: Iterable[tuple[Any, str, str]]) -> list[Notification]:
    """A message of its own for each user — (user, message, url) — in one insert; one per user and
    message; mails after commit."""
    unique = {(user.pk, message): (user, message, url) for user, message, url in items if user is not None}
    created = Notification.objects.bulk_create(
        [Notification(user=user, message=message[:300], url=url[:300]) for user, message, url in unique.values()])
    for user, message, url in unique.values():
        if user.email:
            address, subject, body = user.email, f"[继续教育] {message[:60]}", f"{message}\n\n{url}"
            transaction.on_commit(partial(_send, address, subject, body))
    return created


def _send(address: str, subject: str, body: str) -> None:
    """Mail is a courtesy: the in-app notification is the record, so a mail failure is only logged."""
    try:
        send_mail(subject, body, settings.DEFAULT_FROM_EMAIL, [address])
    except Exception:  # noqa: BLE001
        logger.exception("通知邮件发送失败：%s", address)


def users_of(org: Any) -> list[User]:
    """The active users who act for an organisation."""
    qs = User.objects.filter(is_active=True)
    if isinstance(org, HRBureau):
        return list(qs.filter(role=Role.HR_OFFICER, hr_bureau=org))
    if isinstance(org, IndustryAuthority):
        return list(qs.filter(role=Role.AUTHORITY_OFFICER, industry_authority=org))
    if isinstance(org, Provider):
        return list(qs.filter(role=Role.PROVIDER_ADMIN, provider=org))
    return []
