"""Only the test runner's flush (after transactional and live-server tests) may empty the audit
log; anywhere else the database refuses."""

from __future__ import annotations

from unittest import mock

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import DatabaseError

from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.audit.services import audit_record

pytestmark = pytest.mark.django_db(transaction=True)


def test_flush_in_the_test_environment_empties_the_audit_log():
    audit_record(actor=None, action=AuditAction.LOGIN, message="登录")
    call_command("flush", interactive=False, verbosity=0)
    assert not AuditEvent.objects.exists()
    assert audit_record(actor=None, action=AuditAction.LOGIN, message="重新开始").seq == 1


def test_flush_outside_the_test_environment_is_refused_by_the_database():
    audit_record(actor=None, action=AuditAction.LOGIN, message="登录")
    with mock.patch("jxjy.audit.management.commands.flush.in_test_environment", return_value=False), \
            pytest.raises(CommandError) as refused:
        call_command("flush", interactive=False, verbosity=0)
    assert isinstance(refused.value.__cause__, DatabaseError)
    assert "审计日志不可" in str(refused.value.__cause__)
    assert AuditEvent.objects.filter(message="登录").exists()
