"""Test helpers: the triggers switched off for a moment (as an intruder with DDL rights would),
and the raw rows of the audit table."""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from django.db import connection

_migration = importlib.import_module("jxjy.audit.migrations.0002_tamper_evident_chain")
PG_TRIGGERS = ("audit_auditevent_no_update", "audit_auditevent_no_delete")


@contextmanager
def triggers_disabled() -> Iterator[None]:
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            for name in PG_TRIGGERS:
                cursor.execute(f"ALTER TABLE audit_auditevent DISABLE TRIGGER {name}")
        else:
            for sql in _migration.SQLITE_DROP:
                cursor.execute(sql)
    try:
        yield
    finally:
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                for name in PG_TRIGGERS:
                    cursor.execute(f"ALTER TABLE audit_auditevent ENABLE TRIGGER {name}")
            else:
                for sql in _migration.SQLITE_CREATE:
                    cursor.execute(sql)


def raw_rows() -> list[tuple[Any, ...]]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM audit_auditevent ORDER BY id")
        return list(cursor.fetchall())
