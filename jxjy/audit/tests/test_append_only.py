"""The database itself refuses to change or delete audit rows, and deleting a user leaves that
user's audit rows exactly as they were."""

from __future__ import annotations

import pytest
from django.db import DatabaseError, IntegrityError, connection, transaction

from jxjy.accounts.models import Role
from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.audit.services import audit_record
from jxjy.core.testing import make_user

from .helpers import raw_rows

pytestmark = pytest.mark.django_db


def _event() -> AuditEvent:
    return audit_record(actor=None, action=AuditAction.LOGIN_FAILED, message="密码错误")


def test_the_database_refuses_to_update_an_audit_row():
    event = _event()
    with pytest.raises(IntegrityError, match="审计日志不可修改"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET message = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).message == "密码错误"


def test_the_database_refuses_to_delete_an_audit_row():
    event = _event()
    with pytest.raises(IntegrityError, match="审计日志不可删除"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [event.pk])
    assert AuditEvent.objects.filter(pk=event.pk).exists()


def test_the_database_refuses_to_truncate_the_audit_log_on_postgresql():
    if connection.vendor != "postgresql":
        pytest.skip("SQLite has no TRUNCATE")
    _event()
    with pytest.raises(DatabaseError, match="审计日志不可清空"), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("TRUNCATE audit_auditevent")
    assert AuditEvent.objects.exists()


def test_the_orm_refuses_too():
    event = _event()
    event.message = "changed"
    with pytest.raises(TypeError):
        event.save()
    with pytest.raises(TypeError):
        AuditEvent.objects.filter(pk=event.pk).update(message="y")
    with pytest.raises(TypeError):
        AuditEvent.objects.bulk_create([AuditEvent(action="create")], update_conflicts=True)


def test_deleting_a_user_leaves_their_audit_rows_byte_identical(world):
    from django.core.management import call_command

    leaver = make_user("leaver", Role.HR_OFFICER, hr_bureau=world.bureaus["350100"], region=world.fuzhou)
    audit_record(actor=leaver, action=AuditAction.READ_SENSITIVE, obj=world.people["gl_doctor"], message="查看身份证号")
    audit_record(actor=leaver, action=AuditAction.LOGIN, message="登录")
    before = raw_rows()
    leaver_id = leaver.pk

    leaver.delete()

    assert raw_rows() == before
    kept = AuditEvent.objects.filter(actor_id=leaver_id).order_by("seq")
    assert [(e.actor_id, e.actor_name) for e in kept] == [(leaver_id, str(leaver))] * 2
    call_command("audit_verify", stdout=open("/dev/null", "w"))  # noqa: SIM115 - raises on a break
