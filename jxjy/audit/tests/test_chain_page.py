"""The daily chain heads of the last 90 days are public, so a rewritten history cannot go unseen."""

from __future__ import annotations

import datetime as dt
from unittest import mock

import pytest
from django.test import Client
from django.utils import timezone

from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.audit.services import audit_record

pytestmark = pytest.mark.django_db


def test_anyone_can_read_todays_chain_head_and_count():
    for n in range(3):
        audit_record(actor=None, action=AuditAction.LOGIN_FAILED, message=f"失败 {n}")
    head = AuditEvent.objects.order_by("-seq").first()
    assert head is not None

    response = Client().get("/audit/chain/")

    assert response.status_code == 200
    page = response.content.decode()
    assert "审计日志链头公示" in page
    row = page[page.index(timezone.localdate().isoformat()):]
    row = row[: row.index("</tr>")]
    assert f"<td>{AuditEvent.objects.count()}</td>" in row
    assert f"<td>{head.seq}</td>" in row and head.hash in row
    assert "失败 0" not in page  # hashes and counts only, never the events themselves


def test_the_audit_list_links_to_the_public_chain_heads(client_for):  # type: ignore[no-untyped-def]
    page = client_for("hr_fuzhou").get("/audit/").content.decode()
    assert 'href="/audit/chain/"' in page


def test_each_day_shows_its_own_last_event_and_days_past_90_are_left_out():
    now = timezone.now()
    days_ago = {100: None, 89: None, 1: None}
    for ago in days_ago:
        with mock.patch("jxjy.audit.models.timezone.now", return_value=now - dt.timedelta(days=ago)):
            audit_record(actor=None, action=AuditAction.LOGIN, message="早")
            days_ago[ago] = audit_record(actor=None, action=AuditAction.LOGIN, message="晚")  # type: ignore[assignment]

    page = Client().get("/audit/chain/").content.decode()

    for ago, last in days_ago.items():
        day = timezone.localdate(now - dt.timedelta(days=ago)).isoformat()
        assert last is not None
        if ago > 89:
            assert day not in page and last.hash not in page
        else:
            assert day in page and last.hash in page
