"""Helpers shared by the services: clock, role checks and saving with validation."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import models
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.core.errors import PermissionDenied


def today() -> dt.date:
    return timezone.localdate()


def require_role(actor: Any, *roles: str, message: str = "您的角色不能进行此操作") -> User:
    if not isinstance(actor, User) or not actor.is_authenticated:
        raise PermissionDenied("请先登录")
    if actor.is_superuser:
        return actor
    if actor.role not in roles:
        raise PermissionDenied(message)
    return actor


def require_provider_admin(actor: Any, provider: Any) -> User:
    user = require_role(actor, Role.PROVIDER_ADMIN, message="只有施教机构管理员可以办理")
    if not user.is_superuser and user.provider_id != provider.pk:
        raise PermissionDenied("只能办理本机构的事项")
    return user


def save_validated(obj: models.Model, *, update_fields: list[str] | None = None) -> None:
    obj.full_clean()
    obj.save(update_fields=update_fields)


def add_years(day: dt.date, years: int) -> dt.date:
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)
