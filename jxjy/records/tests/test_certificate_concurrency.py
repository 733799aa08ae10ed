"""Gap-free certificate numbers under concurrent issuing (counter row locked with select_for_update).
Meaningful on PostgreSQL (row locks); SQLite serialises writers anyway and is skipped."""

from __future__ import annotations

import threading

import pytest
from django.db import connection, connections

from jxjy.core.testing import build_world, make_professional
from jxjy.records.models import Certificate
from jxjy.records.services import certificate_issue

pytestmark = pytest.mark.django_db(transaction=True)


def test_concurrent_issues_take_consecutive_numbers_without_gaps_or_duplicates():
    if connection.vendor != "postgresql":
        pytest.skip("row locks are exercised on PostgreSQL")
    world = build_world()
    people = [make_professional(world.gl_hospital, f"并发{i}") for i in range(8)]
    officer = world.users["hr_gulou"]
    errors: list[BaseException] = []

    def issue(person):  # type: ignore[no-untyped-def]
        try:
            certificate_issue(actor=officer, professional=person)
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=issue, args=(p,)) for p in people]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert not errors
    assert sorted(Certificate.objects.values_list("number", flat=True)) == list(range(1, 9))
