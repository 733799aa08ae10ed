"""The database a benchmark runs in: its own SQLite file, or its own database on the PostgreSQL
server DATABASE_URL names (``<name><suffix>``), never the development or test database."""

from __future__ import annotations

import os

from django.db import connection, connections


def bench_database(sqlite_path: str, suffix: str, *, fresh: bool) -> str:
    """Points the default connection at the bench database (emptied first when `fresh`); returns
    where it is, for the report."""
    settings_dict = connections["default"].settings_dict
    connections.close_all()
    if settings_dict["ENGINE"].endswith("sqlite3"):
        if fresh:
            for ending in ("", "-wal", "-shm"):
                if os.path.exists(sqlite_path + ending):
                    os.remove(sqlite_path + ending)
        settings_dict["NAME"] = sqlite_path
        settings_dict.setdefault("OPTIONS", {})["init_command"] = "PRAGMA journal_mode=WAL; PRAGMA synchronous=OFF;"
        return f"SQLite {sqlite_path}"
    base = str(settings_dict["NAME"])
    name = base if base.endswith(suffix) else f"{base}{suffix}"
    if fresh:
        with connection.cursor() as cursor:
            connection.connection.autocommit = True  # type: ignore[union-attr]
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            cursor.execute(f'CREATE DATABASE "{name}"')
        connections.close_all()
    settings_dict["NAME"] = name
    return f"PostgreSQL {settings_dict['HOST']}:{settings_dict['PORT']}/{name}"
