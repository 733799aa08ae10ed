"""The append-only audit log: who did what, when, to which object, with before/after snapshots.

Tamper-evident: every event is a link of one hash chain (`jxjy/audit/chain.py`), appended under a
lock, and the database itself refuses UPDATE and DELETE on the table (triggers made by migration
0002). A deleted user's events keep the actor's id and name as they were: the `actor` foreign key
has no database constraint and no cascade, so deleting a user never rewrites an audit row.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from typing import Any

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connections, models, router, transaction
from django.utils import timezone

from . import chain

# pg_advisory_xact_lock key that serialises appends to the chain ("jxjyaudt" as a 64-bit integer).
CHAIN_LOCK_KEY = int.from_bytes(b"jxjyaudt", "big") - (1 << 63)


class AuditAction(models.TextChoices):
    CREATE = "create", "新建"
    UPDATE = "update", "修改"
    DELETE = "delete", "删除"
    TRANSITION = "transition", "状态变更"
    READ_SENSITIVE = "read_sensitive", "查看敏感信息"
    IMPORT = "import", "导入"
    EXPORT = "export", "导出"
    LOGIN = "login", "登录"
    LOGIN_FAILED = "login_failed", "登录失败"


def chain_fields(event: AuditEvent) -> dict[str, Any]:
    """The event's content as the chain hashes it."""
    return {
        "id": event.pk, "seq": event.seq, "at": chain.canonical_time(event.at), "actor_id": event.actor_id,
        "actor_name": event.actor_name, "action": str(event.action), "object_type": event.object_type,
        "object_id": event.object_id, "object_repr": event.object_repr, "region_path": event.region_path,
        "message": event.message, "before": event.before, "after": event.after,
        "ip": chain.canonical_ip(event.ip), "prev_hash": event.prev_hash, "hash": event.hash,
    }


def _chain_append(events: Sequence[AuditEvent], *, using: str) -> None:
    """Gives the events the next sequence numbers, their time, previous hash and hash. Must run in
    the transaction that inserts them: on PostgreSQL a transaction-scoped advisory lock makes
    concurrent writers take turns until commit; SQLite transactions here begin IMMEDIATE, so writers
    are already serialised. The unique `seq` refuses a fork whatever happens."""
    connection = connections[using]
    if connection.vendor == "postgresql":
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_advisory_xact_lock(%s)", [CHAIN_LOCK_KEY])
    head = AuditEvent.objects.using(using).order_by("-seq").values_list("seq", "hash", "at").first()
    seq, prev_hash, last_at = head if head is not None else (0, chain.GENESIS, None)
    now = timezone.now()
    if last_at is not None and last_at > now:  # the chain's time never runs backwards
        now = last_at
    for event in events:
        seq += 1
        event.seq, event.prev_hash, event.at = seq, prev_hash, now
        event.ip = chain.canonical_ip(event.ip)
        event.hash = prev_hash = chain.event_hash(chain_fields(event))


class AppendOnlyQuerySet(models.QuerySet["AuditEvent"]):
    def update(self, **kwargs: Any) -> int:
        raise TypeError("审计日志只能追加，不能修改")

    def delete(self) -> tuple[int, dict[str, int]]:
        raise TypeError("审计日志只能追加，不能删除")

    def bulk_create(  # type: ignore[override]
        self, objs: Iterable[AuditEvent], batch_size: int | None = None, ignore_conflicts: bool = False,
        update_conflicts: bool = False, update_fields: Collection[str] | None = None,
        unique_fields: Collection[str] | None = None,
    ) -> list[AuditEvent]:
        """Appends the events to the chain, in order, in one statement per batch."""
        if update_conflicts or ignore_conflicts:
            raise TypeError("审计日志只能追加，不能修改")
        events = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            _chain_append(events, using=self.db)
            super().bulk_create(events, batch_size=batch_size)  # type: ignore[arg-type]
        return events


class AuditEvent(models.Model):
    """One audited event. `region_path` places it in the region tree so HR officers see their scope;
    `seq`, `prev_hash` and `hash` make it a link of the audit chain."""

    seq = models.PositiveBigIntegerField("链序号", unique=True, editable=False)
    at = models.DateTimeField("时间", default=timezone.now, editable=False, db_index=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="操作人", null=True, blank=True,
        on_delete=models.DO_NOTHING, db_constraint=False,
    )
    actor_name = models.CharField("操作人姓名", max_length=150, blank=True)
    action = models.CharField("操作", max_length=20, choices=AuditAction.choices)
    object_type = models.CharField("对象类型", max_length=100, blank=True)
    object_id = models.CharField("对象编号", max_length=64, blank=True)
    object_repr = models.CharField("对象", max_length=200, blank=True)
    region_path = models.CharField("区划路径", max_length=100, blank=True, db_index=True)
    message = models.CharField("说明", max_length=500, blank=True)
    before = models.JSONField("变更前", null=True, blank=True, encoder=DjangoJSONEncoder)
    after = models.JSONField("变更后", null=True, blank=True, encoder=DjangoJSONEncoder)
    ip = models.GenericIPAddressField("IP地址", null=True, blank=True)
    prev_hash = models.CharField("上一事件哈希", max_length=64, editable=False)
    hash = models.CharField("本事件哈希", max_length=64, editable=False)

    objects = AppendOnlyQuerySet.as_manager()

    class Meta:
        verbose_name = "审计日志"
        verbose_name_plural = "审计日志"
        ordering = ["-at", "-id"]
        indexes = [models.Index(fields=["object_type", "object_id"])]

    def __str__(self) -> str:
        return f"{self.at:%Y-%m-%d %H:%M} {self.actor_name} {self.get_action_display()} {self.object_repr}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        if not self._state.adding or self.pk is not None:
            raise TypeError("审计日志只能追加，不能修改")
        using = kwargs.get("using") or router.db_for_write(type(self), instance=self)
        with transaction.atomic(using=using, savepoint=False):  # no savepoint queries inside a service
            _chain_append([self], using=using)
            super().save(*args, **kwargs)

    def delete(self, *args: Any, **kwargs: Any) -> tuple[int, dict[str, int]]:
        raise TypeError("审计日志只能追加，不能删除")
