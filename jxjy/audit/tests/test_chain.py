"""Each audit event is a link of one hash chain: it carries the previous event's hash and the hash
of its own content, so `jxjy audit verify` finds the first event that was changed, removed or
moved, in the database or offline in an exported file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection

from jxjy import cli
from jxjy.audit.chain import GENESIS, event_hash
from jxjy.audit.models import AuditAction, AuditEvent, chain_fields
from jxjy.audit.services import audit_record

from .helpers import triggers_disabled

pytestmark = pytest.mark.django_db


def _record_three(world) -> list[AuditEvent]:  # type: ignore[no-untyped-def]
    officer, person = world.users["hr_fuzhou"], world.people["gl_doctor"]
    return [
        audit_record(actor=officer, action=AuditAction.READ_SENSITIVE, obj=person, message="查看身份证号"),
        audit_record(actor=officer, action=AuditAction.UPDATE, obj=person, before={"name": "旧名", "hours": 1.5},
                     after={"name": "新名", "hours": 2}),
        audit_record(actor=None, action=AuditAction.LOGIN_FAILED, message="密码错误"),
    ]


def _verify(*args: str) -> str:
    from io import StringIO

    out = StringIO()
    call_command("audit_verify", *args, stdout=out)
    return out.getvalue()


def test_each_event_links_to_the_previous_one_by_its_hash(world):
    events = list(AuditEvent.objects.order_by("seq"))
    events += _record_three(world)
    assert [e.seq for e in events] == list(range(1, len(events) + 1))
    assert events[0].prev_hash == GENESIS
    for previous, event in zip(events, events[1:], strict=False):
        assert event.prev_hash == previous.hash
    stored = AuditEvent.objects.get(pk=events[-2].pk)
    assert stored.hash == event_hash(chain_fields(stored)) == events[-2].hash


def test_events_written_in_bulk_are_chained_in_order(world):
    _record_three(world)
    head = AuditEvent.objects.order_by("-seq").first()
    assert head is not None
    made = AuditEvent.objects.bulk_create([AuditEvent(action=AuditAction.TRANSITION, message=f"撤销 {n}") for n in range(3)])
    assert [e.seq for e in made] == [head.seq + 1, head.seq + 2, head.seq + 3]
    assert made[0].prev_hash == head.hash and made[2].prev_hash == made[1].hash
    assert "审计链完整" in _verify()


def test_an_intact_log_verifies(world):
    _record_three(world)
    count = AuditEvent.objects.count()
    assert f"审计链完整，共 {count} 条事件" in _verify()


def test_verify_names_the_event_whose_message_was_changed_by_raw_sql(world):
    _, tampered, _ = _record_three(world)
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET message = %s WHERE id = %s", ["没有改过", tampered.pk])
    assert AuditEvent.objects.get(pk=tampered.pk).message == "没有改过"
    with pytest.raises(CommandError) as broken:
        _verify()
    assert broken.value.returncode == 1
    assert f"事件 id={tampered.pk}（序号 {tampered.seq}）" in str(broken.value)
    assert "内容已被改动" in str(broken.value)


def test_verify_names_the_event_after_one_that_was_deleted_by_raw_sql(world):
    first, removed, after = _record_three(world)
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute("DELETE FROM audit_auditevent WHERE id = %s", [removed.pk])
    with pytest.raises(CommandError) as broken:
        _verify()
    assert f"事件 id={after.pk}（序号 {after.seq}）" in str(broken.value)
    assert f"序号应为 {removed.seq}，实为 {after.seq}" in str(broken.value)


def test_a_row_rewritten_with_a_fresh_hash_still_breaks_the_link_to_the_next_event(world):
    _, tampered, following = _record_three(world)
    event = AuditEvent.objects.get(pk=tampered.pk)
    event.message = "改写后重算哈希"
    fields = chain_fields(event)
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET message = %s, hash = %s WHERE id = %s",
                       [event.message, event_hash(fields), tampered.pk])
    with pytest.raises(CommandError) as broken:
        _verify()
    assert f"事件 id={following.pk}（序号 {following.seq}）" in str(broken.value)
    assert "prev_hash 应为上一事件的哈希" in str(broken.value)


def test_an_export_verifies_offline_and_a_one_byte_change_in_it_is_found(world, tmp_path: Path):
    _record_three(world)
    export = tmp_path / "audit.jsonl"
    call_command("audit_export", "--output", str(export))
    lines = export.read_text(encoding="utf-8").splitlines()
    assert len(lines) == AuditEvent.objects.count()
    assert set(json.loads(lines[0])) >= {"id", "seq", "at", "actor_id", "actor_name", "message", "before",
                                         "after", "ip", "prev_hash", "hash"}
    assert "审计链完整" in _verify("--file", str(export))

    data = bytearray(export.read_bytes())
    target = json.loads(lines[-2])
    offset = data.index("旧名".encode())  # inside the second-to-last event's `before`
    data[offset + 2] ^= 0x01  # one byte: 旧 becomes another character
    export.write_bytes(bytes(data))
    with pytest.raises(CommandError) as broken:
        _verify("--file", str(export))
    assert f"事件 id={target['id']}（序号 {target['seq']}）" in str(broken.value)
    assert "内容已被改动" in str(broken.value)


def test_a_truncated_line_in_an_export_is_reported(world, tmp_path: Path):
    _record_three(world)
    export = tmp_path / "audit.jsonl"
    call_command("audit_export", "--output", str(export))
    text = export.read_text(encoding="utf-8")
    export.write_text(text[:-10], encoding="utf-8")
    with pytest.raises(CommandError) as broken:
        _verify("--file", str(export))
    assert "不是完整的审计事件" in str(broken.value)


def test_the_jxjy_audit_command_exits_1_on_a_break_and_0_when_intact(world, capsys, tmp_path: Path):
    _, tampered, _ = _record_three(world)
    assert cli.main(["audit", "verify"]) == 0
    export = tmp_path / "audit.jsonl"
    assert cli.main(["audit", "export", "--output", str(export)]) == 0
    assert cli.main(["audit", "verify", "--file", str(export)]) == 0
    with triggers_disabled(), connection.cursor() as cursor:
        cursor.execute("UPDATE audit_auditevent SET actor_name = %s WHERE id = %s", ["别人", tampered.pk])
    assert cli.main(["audit", "verify"]) == 1
    assert f"事件 id={tampered.pk}" in capsys.readouterr().err
    assert cli.main(["audit", "verify", "--file", str(export)]) == 0  # the copy taken before still holds
