"""Moves the notifications the training app kept (training.Notification) and the rectification
reminders the providers app kept (providers.Reminder) into the notification centre, keeping their
times and read state; the old tables are dropped by the next migrations of those apps."""

from typing import Any

from django.db import migrations

BATCH = 2000


def _copy(apps: Any, schema_editor: Any) -> None:
    notification = apps.get_model("notifications", "Notification")
    notification._meta.get_field("created_at").auto_now_add = False  # keep the original times
    old_training = apps.get_model("training", "Notification")
    old_reminder = apps.get_model("providers", "Reminder")
    rows = [notification(user_id=n.user_id, category="plan" if "计划" in n.message else "training",
                         message=n.message, url=n.url, created_at=n.created_at, read_at=n.read_at)
            for n in old_training.objects.order_by("id").iterator()]
    rows += [notification(user_id=r.user_id, category="rectification", message=r.message, url=r.url,
                          key=f"rectification:{r.rectification_id}:{r.kind}", created_at=r.created_at,
                          read_at=r.read_at)
             for r in old_reminder.objects.order_by("id").iterator()]
    notification.objects.bulk_create(rows, batch_size=BATCH)


def _back(apps: Any, schema_editor: Any) -> None:
    notification = apps.get_model("notifications", "Notification")
    old_training = apps.get_model("training", "Notification")
    old_training._meta.get_field("created_at").auto_now_add = False
    old_training.objects.bulk_create(
        [old_training(user_id=n.user_id, message=n.message, url=n.url, created_at=n.created_at, read_at=n.read_at)
         for n in notification.objects.exclude(category="rectification").order_by("id").iterator()],
        batch_size=BATCH)


class Migration(migrations.Migration):

    dependencies = [
        ("notifications", "0001_initial"),
        ("training", "0003_settings_from_rule_sets"),
        ("providers", "0001_initial"),
    ]

    operations = [migrations.RunPython(_copy, _back)]
