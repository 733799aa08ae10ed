"""Login throttling through django-axes: the callables its settings name (see AXES_* in settings).

The lock-out is per (account key, client address): failures from one address never lock the
account for anyone else. The account key is the identifier normalised (NFKC, stripped, casefolded),
or the account itself when the identifier names one, so "Hr_Fuzhou ", "hr_fuzhou" and the person's
身份证号 share one counter. It is stored as an HMAC with the secret key: the tables hold no identity
numbers or phone numbers, and the key cannot be recomputed without the secret.
"""

from __future__ import annotations

import hashlib
import hmac
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.http import HttpRequest, HttpResponse
from django.utils import timezone

from jxjy.core.request_context import client_ip

from .identifiers import find_user, normalise

LOCKED_MESSAGE = "登录失败次数过多，请 {minutes} 分钟后再试。"


def account_key(identifier: str) -> str:
    user = find_user(identifier)
    subject = f"user:{user.pk}" if user is not None else "name:" + normalise(identifier).casefold()
    digest = hmac.new(settings.SECRET_KEY.encode(), subject.encode(), hashlib.sha256).hexdigest()
    return digest[:40]


def username_key(request: HttpRequest | None, credentials: dict[str, Any] | None = None) -> str:
    if credentials and credentials.get("username") is not None:
        raw = str(credentials["username"])
    elif request is not None:
        raw = str(request.POST.get("username", ""))
    else:
        raw = ""
    return account_key(raw)


def client_address(request: HttpRequest) -> str | None:
    return client_ip(request)


def cool_off(request: HttpRequest | None = None) -> timedelta:
    """15 minutes for a first lock-out; each earlier lock-out of the same pair within a day doubles it."""
    base = timedelta(seconds=settings.LOGIN_THROTTLE_BASE_SECONDS)
    if request is None or not hasattr(request, "POST"):
        return base
    from axes.models import AccessFailureLog

    since = timezone.now() - timedelta(days=1)
    earlier = AccessFailureLog.objects.filter(
        username=username_key(request),
        ip_address=client_address(request),
        locked_out=True,
        attempt_time__gte=since,
    ).count()
    seconds = settings.LOGIN_THROTTLE_BASE_SECONDS * 2 ** max(0, min(earlier - 1, 10))
    return timedelta(seconds=min(seconds, settings.LOGIN_THROTTLE_MAX_SECONDS))


def locked_message(request: HttpRequest | None) -> str:
    minutes = max(1, int(cool_off(request).total_seconds() // 60))
    return LOCKED_MESSAGE.format(minutes=minutes)


def is_locked(request: HttpRequest, identifier: str) -> bool:
    from axes.handlers.proxy import AxesProxyHandler

    return bool(AxesProxyHandler.is_locked(request, {"username": identifier}))


def lockout_response(
    request: HttpRequest, original_response: HttpResponse | None = None, credentials: dict[str, Any] | None = None
) -> HttpResponse:
    """The login page the view rendered already says so (ThrottledLoginForm); keep it."""
    if original_response is not None:
        return original_response
    from django.shortcuts import render

    return render(request, "accounts/login.html", {"locked": locked_message(request)})
