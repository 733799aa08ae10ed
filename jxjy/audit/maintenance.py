"""The one way past the database's refusal to delete audit rows: emptying a *test* database.

The triggers (migration 0002) refuse UPDATE always, and DELETE (and, on PostgreSQL, TRUNCATE)
unless the connection is in audit maintenance: on PostgreSQL the session setting
`jxjy.audit_maintenance = 'on'`, on SQLite the connection function `jxjy_audit_maintenance()`
answering 1. Only our `flush` command turns it on, and only under Django's test environment, so
that transactional tests and live-server tests can empty their database between tests.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

from django.db import connections

_sqlite_maintenance: ContextVar[bool] = ContextVar("jxjy_audit_maintenance", default=False)


def register_sqlite_function(sender: Any, connection: Any, **kwargs: Any) -> None:
    """connection_created: the function the SQLite DELETE trigger asks (no such function = refused)."""
    if connection.vendor == "sqlite":
        connection.connection.create_function(
            "jxjy_audit_maintenance", 0, lambda: int(_sqlite_maintenance.get()), deterministic=False
        )


def in_test_environment() -> bool:
    from django.test import utils

    return hasattr(utils._TestState, "saved_data")  # set by setup_test_environment(), removed by teardown


@contextmanager
def audit_maintenance(*, using: str) -> Iterator[None]:
    if not in_test_environment():
        raise RuntimeError("审计日志只能在测试环境中清空")
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SET jxjy.audit_maintenance = 'on'")
        try:
            yield
        finally:
            with connection.cursor() as cursor:
                cursor.execute("RESET jxjy.audit_maintenance")
    else:
        token = _sqlite_maintenance.set(True)
        try:
            yield
        finally:
            _sqlite_maintenance.reset(token)
