"""Sessions end after SESSION_COOKIE_AGE without a request.

Django extends a session's expiry only when the session is saved. Saving it on every request
(SESSION_SAVE_EVERY_REQUEST) would cost a write per request; this saves it at most once every
SESSION_REFRESH_SECONDS, which moves the expiry (database row and cookie) forward by the full age.
The login stamps the time (the login saves the session anyway), so requests within that interval
after it, and between refreshes, cost no session write.
"""

from __future__ import annotations

import time
from collections.abc import Callable

from django.conf import settings
from django.contrib.auth.signals import user_logged_in
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse

_SEEN = "_jxjy_seen"


@receiver(user_logged_in, dispatch_uid="jxjy_session_seen")
def _stamp_login(sender: object, request: HttpRequest | None, **kwargs: object) -> None:
    if request is not None and hasattr(request, "session"):
        request.session[_SEEN] = int(time.time())


class IdleSessionMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated:
            now = int(time.time())
            seen = request.session.get(_SEEN, 0)
            if now - int(seen) >= settings.SESSION_REFRESH_SECONDS:
                request.session[_SEEN] = now
        return self.get_response(request)
