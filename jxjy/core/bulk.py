"""Bulk actions on review lists (批量初审、批量验证、批量发证): one submit, one single-row service per
selected row, a result per row.

Each row is its own transaction (a savepoint inside the request): a row the service refuses — not in
the user's scope, in the wrong state, short of hours — is reported with the service's Chinese reason
and leaves the other rows done. Nothing is decided here: the single-row service checks the state,
the permission for that row and writes that row's audit entry, so the rules are written once."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction

from .errors import ApplicationError

MAX_ROWS = 200  # 默认（default）: one submit acts on at most one page's worth of rows, twice over


@dataclass(frozen=True, slots=True)
class RowResult:
    """What happened to one selected row: 成功 with what was done, or 失败 with the reason."""

    pk: int
    label: str
    ok: bool
    message: str


@dataclass(frozen=True, slots=True)
class BulkOutcome:
    rows: list[RowResult]

    @property
    def succeeded(self) -> int:
        return sum(1 for r in self.rows if r.ok)

    @property
    def failed(self) -> int:
        return len(self.rows) - self.succeeded


def selected_ids(values: Iterable[str]) -> list[int]:
    """The row ids a form posted (`ids`), in order, without repeats or junk; at most MAX_ROWS."""
    seen: dict[int, None] = {}
    for value in values:
        if value.strip().isdigit() and len(value.strip()) <= 12:
            seen.setdefault(int(value.strip()), None)
    ids = list(seen)
    if not ids:
        raise ApplicationError("请至少勾选一行", field="ids")
    if len(ids) > MAX_ROWS:
        raise ApplicationError(f"一次最多处理{MAX_ROWS}行，您勾选了{len(ids)}行", field="ids")
    return ids


def bulk_run[T](*, ids: list[int], found: dict[int, T], label: Callable[[T], str],
                act: Callable[[T], str]) -> BulkOutcome:
    """Runs `act` on each selected row that `found` (the user's scoped lookup) has, each in its own
    atomic block; `act` returns what was done. Ids outside the user's scope are reported as not found,
    the same answer as a missing row."""
    rows: list[RowResult] = []
    for pk in ids:
        obj = found.get(pk)
        if obj is None:
            rows.append(RowResult(pk, f"第{pk}号", False, "不存在或不在您的管辖范围内"))
            continue
        try:
            with transaction.atomic():
                done = act(obj)
        except ApplicationError as exc:
            rows.append(RowResult(pk, label(obj), False, exc.message))
        except ValidationError as exc:
            rows.append(RowResult(pk, label(obj), False, "；".join(exc.messages)))
        else:
            rows.append(RowResult(pk, label(obj), True, done))
    return BulkOutcome(rows)


def bulk_context(outcome: BulkOutcome, **extra: Any) -> dict[str, Any]:
    return {"outcome": outcome, **extra}
