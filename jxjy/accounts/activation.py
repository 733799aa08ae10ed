"""Accounts for imported professionals and their activation.

Every professional on a unit's roster can have an account: `ensure_accounts` creates the missing
ones, inactive and without a usable password. The person activates it either

- by mail: the unit enters the person's address and the system mails a one-day link (Django's
  token generator, so the link dies once a password is set), or
- by a one-time code the unit prints and hands over: the person enters 身份证号 and code.

Codes are random (10 characters of an alphabet without look-alikes), kept only as an HMAC,
expire after `CODE_VALID_DAYS`, are spent by their first use and die after `CODE_MAX_TRIES`
wrong tries. Every issue, use and refusal is audited.
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import QuerySet
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError
from jxjy.people.models import Professional

from .identifiers import normalise
from .models import ActivationCode, Role, User

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"
CODE_LENGTH = 10
CODE_VALID_DAYS = 30  # 默认（default）: no regulation sets it
CODE_MAX_TRIES = 5


def code_digest(code: str) -> str:
    cleaned = normalise(code).upper().replace("-", "").replace(" ", "")
    return hmac.new(settings.SECRET_KEY.encode(), f"activation:{cleaned}".encode(), hashlib.sha256).hexdigest()


def format_code(code: str) -> str:
    return f"{code[:5]}-{code[5:]}"


def account_username(person: Professional) -> str:
    return f"zj{person.pk:07d}"


def ensure_accounts(people: QuerySet[Professional]) -> int:
    """Create the missing accounts (inactive, no usable password) of these people; returns how many."""
    missing = list(people.filter(user__isnull=True).select_related("region"))
    accounts = []
    for person in missing:
        user = User(
            username=account_username(person),
            role=Role.PROFESSIONAL,
            professional=person,
            region=person.region,
            display_name=person.name,
            is_active=False,
        )
        user.set_unusable_password()
        accounts.append(user)
    User.objects.bulk_create(accounts, ignore_conflicts=True)
    return len(accounts)


def accounts_for_new_people(ids: list[int], fields: set[str]) -> None:
    """People hook: a professional created by hand or by a roster import gets an inactive account."""
    if "created" in fields:
        ensure_accounts(Professional.objects.filter(pk__in=ids))


@dataclass(frozen=True)
class IssuedCode:
    person: Professional
    user: User
    code: str
    expires_at: datetime


@transaction.atomic
def issue_codes(*, actor: User, people: QuerySet[Professional]) -> list[IssuedCode]:
    """A fresh code for each person (their earlier unused codes are revoked). Shown once, never stored."""
    ensure_accounts(people)
    now = timezone.now()
    expires = now + timedelta(days=CODE_VALID_DAYS)
    issued = []
    for person in people.filter(user__isnull=False).select_related("user"):
        user = person.user
        ActivationCode.objects.filter(user=user, used_at__isnull=True, revoked_at__isnull=True).update(revoked_at=now)
        code = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))
        ActivationCode.objects.create(user=user, code_hash=code_digest(code), created_by=actor, expires_at=expires)
        issued.append(IssuedCode(person=person, user=user, code=format_code(code), expires_at=expires))
    audit_record(
        actor=actor,
        action="create",
        message=f"发放激活码 {len(issued)} 份：" + "、".join(i.user.username for i in issued),
        region_path=actor.region.path if actor.region else "",
    )
    return issued


def send_activation_mail(*, actor: User, person: Professional, email: str, site: str) -> None:
    """Record the address on the account and mail it a one-day activation link."""
    ensure_accounts(Professional.objects.filter(pk=person.pk))
    user = User.objects.get(professional=person)
    if user.is_active and user.has_usable_password():
        raise ApplicationError("该人员的账号已激活，可用“忘记密码”重设密码。", field="email")
    user.email = email
    user.save(update_fields=["email"])
    link = site + reverse(
        "accounts:activate_link",
        kwargs={"uidb64": urlsafe_base64_encode(force_bytes(user.pk)), "token": default_token_generator.make_token(user)},
    )
    body = render_to_string("accounts/activation_email.txt", {"user": user, "person": person, "link": link})
    send_mail("专业技术人员继续教育管理系统：激活账号", body, None, [email])
    audit_record(
        actor=actor, action="update", obj=user, message=f"发送激活邮件：{user.username}",
        region_path=actor.region.path if actor.region else "",
    )


REFUSAL = "身份证号或激活码不正确，或激活码已过期、已使用。请向所在单位重新领取。"


def activate_with_code(*, id_number: str, code: str, password: str) -> User:
    """Open the account of the (身份证号, code) pair with the new password; spends the code.

    Every failure gets the same message, so the form does not tell whether a 身份证号 has an account.
    A password the validators refuse is refused before the code is spent.
    """
    number = normalise(id_number).upper()
    user = User.objects.filter(professional__id_number=number).first()
    if user is None:
        audit_record(actor=None, action="login_failed", message="激活失败：身份证号无对应账号")
        raise ApplicationError(REFUSAL, field="code")
    with transaction.atomic():
        current = (
            ActivationCode.objects.select_for_update()
            .filter(user=user, used_at__isnull=True, revoked_at__isnull=True, expires_at__gt=timezone.now())
            .order_by("-created_at")
            .first()
        )
        matches = current is not None and hmac.compare_digest(current.code_hash, code_digest(code))
        if current is not None and not matches:
            current.failed_attempts += 1
            if current.failed_attempts >= CODE_MAX_TRIES:
                current.revoked_at = timezone.now()
            current.save(update_fields=["failed_attempts", "revoked_at"])
        if matches and current is not None:
            try:
                validate_password(password, user)
            except ValidationError as exc:
                raise ApplicationError("；".join(exc.messages), field="password1") from exc
            current.used_at = timezone.now()
            current.save(update_fields=["used_at"])
            activate(user=user, password=password, how="激活码")
            return user
    audit_record(actor=None, action="login_failed", obj=user, message=f"激活失败：{user.username} 激活码不符")
    raise ApplicationError(REFUSAL, field="code")


def activate(*, user: User, password: str, how: str) -> None:
    with transaction.atomic():
        user.set_password(password)
        user.is_active = True
        user.save(update_fields=["password", "is_active"])
        audit_record(actor=user, action="update", obj=user, message=f"账号已激活（{how}）：{user.username}")
