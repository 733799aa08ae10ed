"""The tamper-evident audit log: a hash chain over every event, and a database that refuses to
change or delete audit rows.

1. `actor` loses its database constraint and its SET NULL cascade, so deleting a user never
   rewrites an audit row (the id and name stay as they were).
2. `seq`, `prev_hash` and `hash` are added and the existing events chained in their order.
3. Triggers, by database: PostgreSQL refuses UPDATE, DELETE and TRUNCATE with a plpgsql
   exception; SQLite refuses UPDATE and DELETE with RAISE(ABORT). DELETE/TRUNCATE pass only in audit
   maintenance (`jxjy/audit/maintenance.py`), which only the test runner's flush turns on.

A later migration that makes SQLite rebuild this table drops the triggers with the old table and
must create them again (`jxjy/audit/tests/test_append_only.py` fails until it does).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

from jxjy.audit import chain

SQLITE_CREATE = [
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
       BEGIN SELECT RAISE(ABORT, '审计日志不可修改'); END""",
    """CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
       WHEN NOT jxjy_audit_maintenance()
       BEGIN SELECT RAISE(ABORT, '审计日志不可删除'); END""",
]
SQLITE_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete",
]
POSTGRESQL_CREATE = [
    """CREATE OR REPLACE FUNCTION audit_auditevent_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
       BEGIN
         IF TG_OP IN ('DELETE', 'TRUNCATE')
            AND coalesce(current_setting('jxjy.audit_maintenance', true), '') = 'on' THEN
           IF TG_LEVEL = 'ROW' THEN RETURN OLD; END IF;
           RETURN NULL;
         END IF;
         IF TG_OP = 'UPDATE' THEN
           RAISE EXCEPTION '审计日志不可修改' USING ERRCODE = 'restrict_violation';
         ELSIF TG_OP = 'DELETE' THEN
           RAISE EXCEPTION '审计日志不可删除' USING ERRCODE = 'restrict_violation';
         END IF;
         RAISE EXCEPTION '审计日志不可清空' USING ERRCODE = 'restrict_violation';
       END $$""",
    """CREATE TRIGGER audit_auditevent_no_update BEFORE UPDATE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()""",
    """CREATE TRIGGER audit_auditevent_no_delete BEFORE DELETE ON audit_auditevent
       FOR EACH ROW EXECUTE FUNCTION audit_auditevent_append_only()""",
    """CREATE TRIGGER audit_auditevent_no_truncate BEFORE TRUNCATE ON audit_auditevent
       FOR EACH STATEMENT EXECUTE FUNCTION audit_auditevent_append_only()""",
]
POSTGRESQL_DROP = [
    "DROP TRIGGER IF EXISTS audit_auditevent_no_update ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_delete ON audit_auditevent",
    "DROP TRIGGER IF EXISTS audit_auditevent_no_truncate ON audit_auditevent",
    "DROP FUNCTION IF EXISTS audit_auditevent_append_only()",
]


def _run(schema_editor, statements_by_vendor):  # type: ignore[no-untyped-def]
    for sql in statements_by_vendor.get(schema_editor.connection.vendor, []):
        schema_editor.execute(sql)


def create_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_CREATE, "postgresql": POSTGRESQL_CREATE})


def drop_triggers(apps, schema_editor):  # type: ignore[no-untyped-def]
    _run(schema_editor, {"sqlite": SQLITE_DROP, "postgresql": POSTGRESQL_DROP})


def chain_existing_events(apps, schema_editor):  # type: ignore[no-untyped-def]
    from jxjy.audit.models import chain_fields

    AuditEvent = apps.get_model("audit", "AuditEvent")
    db = schema_editor.connection.alias
    prev_hash, batch = chain.GENESIS, []
    for seq, event in enumerate(AuditEvent.objects.using(db).order_by("at", "id").iterator(chunk_size=2000), 1):
        event.seq, event.prev_hash, event.ip = seq, prev_hash, chain.canonical_ip(event.ip)
        event.hash = prev_hash = chain.event_hash(chain_fields(event))
        batch.append(event)
        if len(batch) >= 500:
            AuditEvent.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash", "ip"])
            batch = []
    if batch:
        AuditEvent.objects.using(db).bulk_update(batch, ["seq", "prev_hash", "hash", "ip"])


class Migration(migrations.Migration):

    dependencies = [
        ("audit", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="actor",
            field=models.ForeignKey(
                blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING,
                to=settings.AUTH_USER_MODEL, verbose_name="操作人",
            ),
        ),
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="时间"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, null=True, verbose_name="链序号"),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="prev_hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="上一事件哈希"),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(default="", editable=False, max_length=64, verbose_name="本事件哈希"),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing_events, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name="auditevent",
            name="seq",
            field=models.PositiveBigIntegerField(editable=False, unique=True, verbose_name="链序号"),
        ),
        migrations.RunPython(create_triggers, drop_triggers, elidable=False),
    ]
