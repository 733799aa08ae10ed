"""Writers auditing at the same instant take turns on the chain: no fork, no gap (PostgreSQL)."""

from __future__ import annotations

import threading

import pytest
from django.core.management import call_command
from django.db import close_old_connections, connection, transaction

from jxjy.audit.chain import GENESIS
from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.audit.services import audit_record

WRITERS, EACH = 8, 5


@pytest.mark.postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_never_fork_the_chain() -> None:
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL (DATABASE_URL=$(scripts/pg start))")
    barrier = threading.Barrier(WRITERS)
    errors: list[BaseException] = []

    def write(n: int) -> None:
        try:
            barrier.wait()
            for k in range(EACH):
                with transaction.atomic():
                    audit_record(actor=None, action=AuditAction.LOGIN, message=f"写入者 {n} 第 {k} 条")
        except BaseException as exc:  # noqa: BLE001
            errors.append(exc)
        finally:
            close_old_connections()
            connection.close()

    threads = [threading.Thread(target=write, args=(n,)) for n in range(WRITERS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    assert errors == []
    events = list(AuditEvent.objects.order_by("seq"))
    assert [e.seq for e in events] == list(range(1, WRITERS * EACH + 1))
    assert [e.prev_hash for e in events] == [GENESIS] + [e.hash for e in events[:-1]]
    assert len({e.prev_hash for e in events}) == len(events)
    call_command("audit_verify", stdout=open("/dev/null", "w"))  # noqa: SIM115 - raises on a break
