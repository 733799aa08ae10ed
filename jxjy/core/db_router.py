"""Read replica routing: which reads may go to the streaming replica, and which never do.

With `DATABASE_REPLICA_URL` set, the settings add a second database alias, "replica" (a read-only
PostgreSQL hot standby fed by streaming replication, about a second behind the primary). Reads go
there only when all of these hold:

1. the request is a GET or HEAD to a view named in `REPLICA_VIEWS` below — the one place where
   views opt in (dashboards, reports lists, public pages, read-only lists);
2. the model belongs to one of the domain apps in `REPLICA_APPS` — sessions, users, the cache
   table, the task queue and the audit log are always read on the primary, because they are read
   right after being written (a login, a task that was just queued);
3. nothing has been written in this request yet, and the primary is not inside a transaction:
   after the first write every read of the request stays on the primary;
4. the browser did not write in the last `REPLICA_STICKY_SECONDS` seconds (a short cookie set by
   the middleware after any request that wrote), so a redirect after a POST reads its own write.

Writes and migrations always go to "default". In the test suite the replica alias is a TEST
MIRROR of default; the router then sees the same database behind both aliases and reads from
"default", so the test transaction's data stays visible. `jxjy/core/tests/test_replica.py`
proves the routing against a real primary/replica pair (`scripts/pg start-replica`).
"""

from __future__ import annotations

from collections.abc import Callable
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.db import connections
from django.db.models import Model
from django.http import HttpRequest, HttpResponse

DEFAULT = "default"
REPLICA = "replica"
STICKY_COOKIE = "jxjy_primary"
REPLICA_STICKY_SECONDS = 5

# The opt-in, by URL name. Only GET/HEAD requests to these views may read from the replica.
# Not here on purpose: detail pages reached by a redirect right after a write (a report just
# requested, an import just uploaded), anything with a form that writes on GET, the admin.
REPLICA_VIEWS: frozenset[str] = frozenset(
    {
        # statistics: dashboards and report lists (issue 12)
        "stats:dashboard",
        "stats:report_list",
        "stats:notice_list",
        "api:dashboard_data",
        # public pages (no login)
        "training:notice_list",
        "training:notice_detail",
        "providers:public_list",
        "providers:public_provider",
        "api:public_credit",
        "verify:check",
        "online:verify",
        # read-only lists
        "people:list",
        "api:list_professionals",
    }
)

# Apps whose tables may be read from the replica. Everything else (auth, sessions, accounts,
# contenttypes, the database cache, django_tasks_db, audit) is always read on the primary.
REPLICA_APPS: frozenset[str] = frozenset(
    {"regions", "orgs", "people", "rules_ui", "records", "training", "online", "providers", "stats"}
)


@dataclass
class ReadState:
    """What the router knows about the request being served."""

    replica_eligible: bool = False
    wrote: bool = False


_state: ContextVar[ReadState | None] = ContextVar("jxjy_db_read_state", default=None)


def replica_configured() -> bool:
    """True when "replica" is a different database from "default" (not a test mirror of it)."""
    if REPLICA not in settings.DATABASES:
        return False
    primary, replica = connections[DEFAULT].settings_dict, connections[REPLICA].settings_dict
    if replica is primary:  # the test runner made it a mirror
        return False
    keys = ("ENGINE", "NAME", "HOST", "PORT")
    return any(primary.get(k) != replica.get(k) for k in keys)


class ReplicaRouter:
    """Sends opted-in reads to the replica; everything else to the primary."""

    def db_for_read(self, model: type[Model], **hints: Any) -> str:
        state = _state.get()
        if state is None or not state.replica_eligible or state.wrote:
            return DEFAULT
        if model._meta.app_label not in REPLICA_APPS:
            return DEFAULT
        if connections[DEFAULT].in_atomic_block or not replica_configured():
            return DEFAULT
        return REPLICA

    def db_for_write(self, model: type[Model], **hints: Any) -> str:
        state = _state.get()
        if state is not None:
            state.wrote = True
        return DEFAULT

    def allow_relation(self, obj1: Model, obj2: Model, **hints: Any) -> bool:
        return True

    def allow_migrate(self, db: str, app_label: str, model_name: str | None = None, **hints: Any) -> bool:
        return db == DEFAULT


class ReplicaReadsMiddleware:
    """Marks a request replica-eligible if its view opted in, and keeps a writer on the primary."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        state = ReadState()
        token = _state.set(state)
        try:
            response = self.get_response(request)
        finally:
            _state.reset(token)
        if state.wrote:
            response.set_cookie(
                STICKY_COOKIE,
                "1",
                max_age=REPLICA_STICKY_SECONDS,
                secure=settings.SESSION_COOKIE_SECURE,
                httponly=True,
                samesite="Lax",
            )
        return response

    def process_view(self, request: HttpRequest, view_func: Any, view_args: Any, view_kwargs: Any) -> None:
        state = _state.get()
        match = request.resolver_match
        if state is None or match is None:
            return
        state.replica_eligible = (
            request.method in ("GET", "HEAD")
            and match.view_name in REPLICA_VIEWS
            and STICKY_COOKIE not in request.COOKIES
        )


def read_state() -> ReadState | None:
    """The current request's routing state (for tests and diagnostics)."""
    return _state.get()

