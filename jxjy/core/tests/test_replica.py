"""Read replica routing (jxjy/core/db_router.py).

The first tests run everywhere: the opt-in list names real views, and with the replica alias a
TEST MIRROR of default (the test suite's set-up) every read stays on "default".

The last test needs a real primary/replica pair (`scripts/pg start` then `scripts/pg start-replica`,
with DATABASE_URL and DATABASE_REPLICA_URL set; .ci/run does this). Inside pytest-django the
replica alias is a mirror of the test database (jxjy/settings/test.py), which proves nothing, so
the test runs a child process (development settings, which honour DATABASE_REPLICA_URL) on a
database of its own, created on the primary and streamed to the replica:
replication is paused on the replica to show that the opted-in pages really read it (a person
created on the primary is missing from the people list until replay resumes), while pages that
did not opt in, reads after a write in the same request, and the request after a POST that wrote
all read the primary.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
import urllib.parse
from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from jxjy.core import db_router

ROOT = Path(__file__).resolve().parents[3]
REPLICA_URL = os.environ.get("DATABASE_REPLICA_URL", "")
CHECK_DB = "jxjy_replica_check"


@pytest.mark.parametrize("view_name", sorted(db_router.REPLICA_VIEWS))
def test_every_opted_in_view_name_exists(view_name: str):
    try:
        reverse(view_name)
    except NoReverseMatch as exc:
        assert "with no arguments not found" in str(exc) or "arguments '()' not found" in str(exc), exc


def test_with_the_replica_a_test_mirror_reads_stay_on_default(world, client_for):
    from django.db import connections
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connections["default"]) as primary:
        response = client_for("hr_fuzhou").get("/people/")
    assert response.status_code == 200 and "林医生" in response.content.decode()
    assert any("people_professional" in q["sql"] for q in primary.captured_queries)
    assert not db_router.replica_configured()


def test_writes_and_migrations_go_to_default():
    from jxjy.people.models import Professional

    router = db_router.ReplicaRouter()
    assert router.db_for_write(Professional) == "default"
    assert router.allow_migrate("default", "people") is True
    assert router.allow_migrate("replica", "people") is False


def _urls(name: str) -> tuple[str, str]:
    primary = urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path=f"/{name}").geturl()
    replica = urllib.parse.urlsplit(REPLICA_URL)._replace(path=f"/{name}").geturl()
    return primary, replica


@pytest.mark.skipif(not REPLICA_URL, reason="需要 DATABASE_REPLICA_URL（scripts/pg start-replica）")
def test_opted_in_reads_go_to_the_real_replica_and_writes_stay_on_the_primary():
    import psycopg

    primary, replica = _urls(CHECK_DB)
    admin = urllib.parse.urlsplit(os.environ["DATABASE_URL"])._replace(path="/postgres").geturl()
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{CHECK_DB}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{CHECK_DB}"')
    env = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    env |= {
        "DJANGO_SETTINGS_MODULE": "jxjy.settings.dev",
        "DATABASE_URL": primary,
        "DATABASE_REPLICA_URL": replica,
        "DJANGO_ALLOW_ASYNC_UNSAFE": "1",
    }
    try:
        child = subprocess.run(
            [sys.executable, "-m", "jxjy.core.tests.test_replica"],
            cwd=ROOT, env=env, capture_output=True, text=True, timeout=600,
        )
    finally:
        with psycopg.connect(admin, autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{CHECK_DB}" WITH (FORCE)')
    assert child.returncode == 0, child.stdout[-4000:] + child.stderr[-6000:]
    assert "replica checks passed" in child.stdout


# ---- the child process: real databases, no test runner ------------------------------------------


def _wait_for_replay(check: object, timeout: float = 30.0) -> None:
    deadline = time.monotonic() + timeout
    while not check():  # type: ignore[operator]
        if time.monotonic() > deadline:
            raise AssertionError("the replica did not catch up within 30 s")
        time.sleep(0.1)


def _tables(queries: list[dict[str, str]]) -> str:
    return "\n".join(q["sql"] for q in queries)


def _child() -> int:
    import django

    django.setup()
    from django.test.utils import setup_test_environment

    setup_test_environment()  # the test client's host, mail kept in memory
    from django.core.management import call_command
    from django.db import connections
    from django.db.utils import InternalError
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from jxjy.audit.models import AuditEvent
    from jxjy.core.testing import build_world, make_professional
    from jxjy.people.models import Professional

    assert db_router.replica_configured(), "DATABASE_REPLICA_URL must name another server"
    call_command("migrate", verbosity=0, interactive=False)
    world = build_world()
    _wait_for_replay(lambda: Professional.objects.using("replica").count() == Professional.objects.count())

    # A real hot standby: it refuses writes.
    with connections["replica"].cursor() as cursor:
        try:
            cursor.execute("CREATE TABLE jxjy_replica_probe (x int)")
        except InternalError as exc:
            assert "read-only transaction" in str(exc)
        else:
            raise AssertionError("the replica accepted a write")

    client = Client()
    client.force_login(world.users["hr_fuzhou"])

    # 1. The stats dashboard reads its domain tables from the replica; the session and the user on
    #    the primary.
    with CaptureQueriesContext(connections["default"]) as on_primary, \
            CaptureQueriesContext(connections["replica"]) as on_replica:
        response = client.get("/stats/")
    assert response.status_code == 200, response.content[:2000]
    assert "jxjy_primary" not in response.cookies
    assert on_replica.captured_queries, "the dashboard did not read the replica"
    assert "people_professional" in _tables(on_replica.captured_queries) or "stats_" in _tables(
        on_replica.captured_queries)
    assert "django_session" in _tables(on_primary.captured_queries)
    for q in on_primary.captured_queries:
        assert "people_" not in q["sql"] and "records_" not in q["sql"] and "stats_" not in q["sql"], q["sql"]

    # 2. With replay paused, a person created on the primary is missing from the opted-in people
    #    list (served by the replica) but present on the detail page, which did not opt in.
    with connections["replica"].cursor() as cursor:
        cursor.execute("SELECT pg_wal_replay_pause()")

    def paused() -> bool:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_get_wal_replay_pause_state()")
            return cursor.fetchone()[0] == "paused"  # type: ignore[index]

    _wait_for_replay(paused)
    try:
        newcomer = make_professional(world.gl_hospital, "新来的王医生")
        listed = client.get("/people/").content.decode()
        assert "林医生" in listed
        assert "新来的王医生" not in listed, "the people list did not read the (paused) replica"
        detail = client.get(f"/people/{newcomer.pk}/")
        assert detail.status_code == 200 and "新来的王医生" in detail.content.decode()
    finally:
        with connections["replica"].cursor() as cursor:
            cursor.execute("SELECT pg_wal_replay_resume()")
    _wait_for_replay(lambda: Professional.objects.using("replica").filter(pk=newcomer.pk).exists())
    assert "新来的王医生" in client.get("/people/").content.decode()

    # 3. Within one request: reads go to the replica until the first write, then stay on the primary.
    router = db_router.ReplicaRouter()
    state = db_router.ReadState(replica_eligible=True)
    token = db_router._state.set(state)
    try:
        assert router.db_for_read(Professional) == "replica"
        assert router.db_for_read(AuditEvent) == "default"  # the audit log is never read on the replica
        with CaptureQueriesContext(connections["default"]) as on_primary, \
                CaptureQueriesContext(connections["replica"]) as on_replica:
            list(Professional.objects.all()[:5])
            AuditEvent.objects.create(action="create", message="replica check")
            list(Professional.objects.all()[:5])
        assert len(on_replica.captured_queries) == 1
        assert [q for q in on_primary.captured_queries if "people_professional" in q["sql"]]
        assert router.db_for_read(Professional) == "default"
    finally:
        db_router._state.reset(token)

    # 4. A POST that wrote keeps the browser on the primary for a few seconds (read your own write).
    reveal = client.post(f"/people/{world.people['gl_doctor'].pk}/identity/")
    assert reveal.status_code in (200, 302), reveal.status_code
    assert reveal.cookies["jxjy_primary"]["max-age"] == db_router.REPLICA_STICKY_SECONDS
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/people/").status_code == 200
    assert not on_replica.captured_queries, "a read right after a write went to the replica"
    client.cookies.pop("jxjy_primary")
    with CaptureQueriesContext(connections["replica"]) as on_replica:
        assert client.get("/people/").status_code == 200
    assert on_replica.captured_queries

    print("replica checks passed")
    return 0


if __name__ == "__main__":
    sys.exit(_child())
