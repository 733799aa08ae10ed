"""Delivery channels behind one interface. The in-app row is written by the service; the channels
named in settings.NOTIFICATION_CHANNELS send copies after commit:

- ``mail``: Django's mail backend (settings.EMAIL_BACKEND / EMAIL), to the user's e-mail address;
- ``sms``: a short message (SMS or WeChat template message) to the user's phone, through the backend
  named in settings.NOTIFICATION_SMS_BACKEND — the console backend in development and tests, a
  gateway's backend in production.

A copy is a courtesy: a failure is logged, never raised, because the in-app notification stands."""

from __future__ import annotations

import logging
import sys
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.mail import send_mail
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class Delivery:
    """One copy to send: who, what and where the link points."""

    user_id: int
    email: str
    phone: str
    message: str
    url: str


class Channel(Protocol):
    name: str

    def send(self, delivery: Delivery) -> bool:
        """Sends one copy; False when the user has no address for this channel."""


class MailChannel:
    name = "mail"

    def send(self, delivery: Delivery) -> bool:
        if not delivery.email:
            return False
        body = f"{delivery.message}\n\n{_absolute(delivery.url)}".rstrip()
        send_mail(f"[继续教育] {delivery.message[:60]}", body, settings.DEFAULT_FROM_EMAIL, [delivery.email])
        return True


class ShortMessageBackend(Protocol):
    """An SMS or WeChat gateway: `send(phone, text)`."""

    def send(self, phone: str, text: str) -> None: ...


class ConsoleShortMessageBackend:
    """Development and tests: writes the message to standard output (like Django's console mail backend)
    and keeps it in `outbox` so tests can read what would have been sent."""

    outbox: list[tuple[str, str]] = []

    def send(self, phone: str, text: str) -> None:
        type(self).outbox.append((phone, text))
        sys.stdout.write(f"[短信] {phone}：{text}\n")


class ShortMessageChannel:
    name = "sms"

    def __init__(self, backend: ShortMessageBackend | None = None) -> None:
        self.backend = backend or import_string(settings.NOTIFICATION_SMS_BACKEND)()

    def send(self, delivery: Delivery) -> bool:
        if not delivery.phone:
            return False
        self.backend.send(delivery.phone, f"【继续教育】{delivery.message[:120]}")
        return True


_CHANNELS: dict[str, type[Any]] = {"mail": MailChannel, "sms": ShortMessageChannel}


def configured_channels() -> list[Channel]:
    return [_CHANNELS[name]() for name in getattr(settings, "NOTIFICATION_CHANNELS", ("mail",))]


def deliver(deliveries: list[Delivery]) -> None:
    """Sends every copy through every configured channel (run after commit)."""
    for channel in configured_channels():
        for delivery in deliveries:
            try:
                channel.send(delivery)
            except Exception:  # noqa: BLE001
                logger.exception("通知发送失败（%s）：用户 %s", channel.name, delivery.user_id)


def _absolute(url: str) -> str:
    base = getattr(settings, "NOTIFICATION_SITE_URL", "")
    return f"{base.rstrip('/')}{url}" if url.startswith("/") and base else url
