"""Shared pieces of the benchmarks: the database a benchmark runs in — its own SQLite file, or its own
database on the PostgreSQL server DATABASE_URL names (``<name><suffix>``), never the development or test
database — and waiting for a server process it started to listen."""

from __future__ import annotations

import os
import socket
import subprocess
import time
import urllib.parse
from pathlib import Path

from django.db import connection, connections


def _remove_sqlite(path: str) -> None:
    for ending in ("", "-wal", "-shm"):
        if os.path.exists(path + ending):
            os.remove(path + ending)


def bench_database(sqlite_path: str, suffix: str, *, fresh: bool = True) -> str:
    """Points this process's default connection at the bench database (emptied first when `fresh`);
    returns where it is, for the report."""
    settings_dict = connections["default"].settings_dict
    connections.close_all()
    if settings_dict["ENGINE"].endswith("sqlite3"):
        if fresh:
            _remove_sqlite(sqlite_path)
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


def bench_database_url(sqlite_path: str, suffix: str) -> str:
    """The DATABASE_URL of a fresh bench database, for a benchmark that runs the server as a subprocess."""
    url = os.environ.get("DATABASE_URL", "")
    if not url.startswith(("postgres://", "postgresql://")):
        _remove_sqlite(sqlite_path)
        return f"sqlite:///{sqlite_path}"
    import psycopg

    parts = urllib.parse.urlsplit(url)
    name = f"{parts.path.lstrip('/') or 'jxjy'}{suffix}"
    with psycopg.connect(parts._replace(path="/postgres").geturl(), autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return parts._replace(path=f"/{name}").geturl()


def wait_until_listening(port: int, proc: subprocess.Popen[bytes], log: Path, *, seconds: float = 60) -> None:
    """Returns once something accepts connections on 127.0.0.1:`port`; raises with the tail of the
    server's log if the process ends first or `seconds` pass."""
    deadline = time.monotonic() + seconds
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(log.read_text()[-3000:]) from None
            time.sleep(0.2)
