"""Writing notifications: one insert for all recipients, copies through the channels after commit,
and marking read. Every app sends through `notify` / `notify_each`."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial
from typing import Any

from django.conf import settings
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import restrict
from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority, Provider
from jxjy.people.models import Professional

from .channels import Delivery, deliver
from .choices import Category
from .models import Notification

Item = tuple[Any, str, str]


def notify(*, users: Iterable[Any], message: str, url: str = "", category: str = Category.OTHER,
           key: str = "") -> list[Notification]:
    """The same message to each user (one row per user, one insert) and, after commit, its copies."""
    return notify_each(items=[(user, message, url) for user in users], category=category, key=key)


def notify_each(*, items: Iterable[Item], category: str = Category.OTHER, key: str = "") -> list[Notification]:
    """A message of its own for each user — (user, message, url) — one per user and message, in one
    insert. With a `key`, a user who already has a notification under that key gets none (a reminder
    sent twice for the same deadline reaches nobody twice)."""
    unique = {(user.pk, "" if key else message): (user, message, url)
              for user, message, url in items if user is not None}
    if key:
        already = set(Notification.objects.filter(key=key, user_id__in={pk for pk, _ in unique})
                      .values_list("user_id", flat=True))
        unique = {k: v for k, v in unique.items() if k[0] not in already}
    rows = [Notification(user=user, category=category, message=message[:300], url=url[:300], key=key[:120])
            for user, message, url in unique.values()]
    created = Notification.objects.bulk_create(rows, ignore_conflicts=bool(key))
    if rows:
        transaction.on_commit(partial(deliver, _deliveries(rows)))
    return created


def _deliveries(rows: list[Notification]) -> list[Delivery]:
    phones: dict[int, str] = {}
    if "sms" in getattr(settings, "NOTIFICATION_CHANNELS", ()):
        ids = {row.user.professional_id for row in rows if row.user.professional_id}
        by_person = dict(Professional.objects.filter(pk__in=ids).values_list("pk", "phone"))
        phones = {row.user.pk: by_person.get(row.user.professional_id or 0, "") for row in rows}
    return [Delivery(user_id=row.user.pk, email=row.user.email or "", phone=phones.get(row.user.pk, ""),
                     message=row.message, url=row.url) for row in rows]


def notification_open(*, user: User, notification_id: int) -> Notification:
    """The user's notification, marked read (opening it is reading it). Another user's is not found."""
    found = restrict(Notification.objects.all(), user, "change").filter(pk=notification_id).first()
    if found is None:
        raise Http404("通知不存在")
    if found.read_at is None:
        found.read_at = timezone.now()
        found.save(update_fields=["read_at"])
    return found


def notifications_read_all(*, user: User) -> int:
    """Marks every unread notification of the user read; how many were."""
    return restrict(Notification.objects.filter(read_at__isnull=True), user, "change").update(read_at=timezone.now())


def users_of(org: Any) -> list[User]:
    """The active users who act for an organisation."""
    qs = User.objects.filter(is_active=True)
    if isinstance(org, HRBureau):
        return list(qs.filter(role=Role.HR_OFFICER, hr_bureau=org))
    if isinstance(org, IndustryAuthority):
        return list(qs.filter(role=Role.AUTHORITY_OFFICER, industry_authority=org))
    if isinstance(org, Provider):
        return list(qs.filter(role=Role.PROVIDER_ADMIN, provider=org))
    if isinstance(org, EmployerUnit):
        return list(qs.filter(role=Role.UNIT_ADMIN, employer_unit=org))
    return []
