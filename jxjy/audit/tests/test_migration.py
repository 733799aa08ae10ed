"""Events written before the chain existed are chained, in their order, by migration 0002."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jxjy.audit.chain import GENESIS
from jxjy.audit.models import AuditEvent
from jxjy.audit.services import audit_record

BEFORE_CHAIN = [("audit", "0001_initial")]
LATEST = [("audit", "0002_tamper_evident_chain")]


@pytest.mark.django_db(transaction=True)
def test_migration_chains_the_events_already_in_the_log() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE_CHAIN)
    try:
        old = executor.loader.project_state(BEFORE_CHAIN).apps.get_model("audit", "AuditEvent")
        at = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)
        for n, message in enumerate(["第三条", "第一条", "第二条"]):
            old.objects.create(action="login", message=message, before={"hours": 1.5} if n else None, ip="10.0.0.1")
        # the time the events happened decides their order, not their id
        for message, minutes in (("第一条", 1), ("第二条", 2), ("第三条", 3)):
            old.objects.filter(message=message).update(at=at + dt.timedelta(minutes=minutes))
    finally:
        executor = MigrationExecutor(connection)
        executor.migrate(LATEST)

    events = list(AuditEvent.objects.order_by("seq"))
    assert [(e.seq, e.message) for e in events] == [(1, "第一条"), (2, "第二条"), (3, "第三条")]
    assert events[0].prev_hash == GENESIS and events[2].prev_hash == events[1].hash
    newest = audit_record(actor=None, action="login", message="迁移之后")
    assert newest.seq == 4 and newest.prev_hash == events[2].hash
    call_command("audit_verify", stdout=open("/dev/null", "w"))  # noqa: SIM115 - raises on a break
