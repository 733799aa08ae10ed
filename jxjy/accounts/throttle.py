"""Login throttling: after N failures for one username from one address, refuse for a while."""

from __future__ import annotations

import hashlib

from django.conf import settings
from django.core.cache import cache


def _key(username: str, ip: str | None) -> str:
    digest = hashlib.sha256(f"{username.lower()}|{ip or '-'}".encode()).hexdigest()
    return f"login-failures:{digest}"


def is_locked(username: str, ip: str | None) -> bool:
    return int(cache.get(_key(username, ip), 0)) >= settings.LOGIN_THROTTLE_FAILURES


def record_failure(username: str, ip: str | None) -> int:
    key = _key(username, ip)
    cache.add(key, 0, settings.LOGIN_THROTTLE_SECONDS)
    try:
        return cache.incr(key)
    except ValueError:
        cache.set(key, 1, settings.LOGIN_THROTTLE_SECONDS)
        return 1


def clear(username: str, ip: str | None) -> None:
    cache.delete(_key(username, ip))
