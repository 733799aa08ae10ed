"""The hash chain that makes the audit log tamper-evident.

One chain for the whole log: event n carries `prev_hash` (the `hash` of event n − 1, or
`GENESIS` for the first) and `hash`, the SHA-256 of the canonical JSON of its own content, the
previous hash included. Changing, removing or reordering any stored event breaks the chain from
that event on, and the daily chain heads published at /audit/chain/ show when the tail of
history has been rewritten.

This module is plain Python: the same functions check the database and an exported JSONL file.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder

FORMAT_VERSION = 1
GENESIS = "0" * 64
# The fields that make up an event's content, in the order an export lists them.
CONTENT_FIELDS = (
    "seq", "at", "actor_id", "actor_name", "action", "object_type", "object_id", "object_repr",
    "region_path", "message", "before", "after", "ip", "prev_hash",
)
EXPORT_FIELDS = ("id", *CONTENT_FIELDS, "hash")


def canonical_time(value: dt.datetime) -> str:
    """UTC, microseconds, ISO 8601: `2026-12-01T02:03:04.000005+00:00`."""
    return value.astimezone(dt.UTC).isoformat(timespec="microseconds")


def canonical_ip(value: str | None) -> str | None:
    return str(ipaddress.ip_address(value)) if value else None


def _normalise_json(value: Any) -> Any:
    # What the database gives back: PostgreSQL's jsonb reads 1e20 back as an integer.
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, dict):
        return {str(k): _normalise_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_normalise_json(v) for v in value]
    return value


def canonical_json_value(value: Any) -> Any:
    """A JSONField value as it reads back from the database (dates and decimals become strings)."""
    if value is None:
        return None
    return _normalise_json(json.loads(json.dumps(value, cls=DjangoJSONEncoder)))


def canonical_content(fields: dict[str, Any]) -> bytes:
    """The bytes that are hashed: sorted keys, no spaces, UTF-8, with the format version."""
    content = {name: fields[name] for name in CONTENT_FIELDS}
    content["before"] = canonical_json_value(content["before"])
    content["after"] = canonical_json_value(content["after"])
    content["v"] = FORMAT_VERSION
    return json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode()


def event_hash(fields: dict[str, Any]) -> str:
    return hashlib.sha256(canonical_content(fields)).hexdigest()


@dataclass(frozen=True)
class ChainBreak:
    """The first event at which the chain no longer holds."""

    event_id: Any
    seq: Any
    reason: str

    def __str__(self) -> str:
        return f"审计链在事件 id={self.event_id}（序号 {self.seq}）处断开：{self.reason}"


@dataclass(frozen=True)
class ChainReport:
    count: int
    head_seq: int
    head_hash: str
    broken: ChainBreak | None

    @property
    def intact(self) -> bool:
        return self.broken is None


def verify_chain(events: Iterable[dict[str, Any]]) -> ChainReport:
    """Checks events given in chain order (each a dict with EXPORT_FIELDS, `at` already canonical).
    Stops at the first break and says what differs."""
    expected_seq, expected_prev, count = 1, GENESIS, 0
    for fields in events:
        seq, stored = fields.get("seq"), fields.get("hash")
        if fields.get("_unreadable"):
            reason = "这一行不是完整的审计事件（JSON 无法解析或缺少字段）"
            return ChainReport(count, expected_seq - 1, expected_prev, ChainBreak(fields.get("id"), seq, reason))
        if seq != expected_seq:
            reason = f"序号应为 {expected_seq}，实为 {seq}（其前的事件被删除或顺序被改动）"
            return ChainReport(count, expected_seq - 1, expected_prev, ChainBreak(fields.get("id"), seq, reason))
        if fields.get("prev_hash") != expected_prev:
            reason = f"prev_hash 应为上一事件的哈希 {expected_prev}，实为 {fields.get('prev_hash')}"
            return ChainReport(count, expected_seq - 1, expected_prev, ChainBreak(fields.get("id"), seq, reason))
        recomputed = event_hash(fields)
        if recomputed != stored:
            reason = f"内容已被改动：按各字段重算的哈希为 {recomputed}，记录的哈希为 {stored}"
            return ChainReport(count, expected_seq - 1, expected_prev, ChainBreak(fields.get("id"), seq, reason))
        count += 1
        expected_seq, expected_prev = seq + 1, stored
    return ChainReport(count, expected_seq - 1, expected_prev, None)


def read_export(lines: Iterable[str]) -> Iterator[dict[str, Any]]:
    """The events of an `audit export` file; a line that is not a JSON object ends the chain there."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            fields = json.loads(line)
        except ValueError:
            fields = None
        if not isinstance(fields, dict) or any(name not in fields for name in EXPORT_FIELDS):
            yield {"id": f"（第 {number} 行）", "seq": None, "hash": None, "_unreadable": True}
            return
        yield fields


def export_line(fields: dict[str, Any]) -> str:
    return json.dumps({name: fields[name] for name in EXPORT_FIELDS}, sort_keys=True, ensure_ascii=False,
                      separators=(",", ":"), cls=DjangoJSONEncoder)
