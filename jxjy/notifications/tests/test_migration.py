"""The data migration that merged the two old notification tables into the centre keeps every message,
its link, time and read state, and gives the old rectification reminders their keys (so the daily
run does not send them again)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

BEFORE = [("notifications", "0001_initial"), ("training", "0003_settings_from_rule_sets"),
          ("providers", "0001_initial")]
AFTER = [("notifications", "0002_from_training_and_providers")]


@pytest.mark.django_db(transaction=True)
def test_old_training_notifications_and_provider_reminders_move_into_the_centre() -> None:
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    user = old.get_model("accounts", "User").objects.create(username="old_admin", role="system_admin")
    sent = dt.datetime(2025, 5, 6, 9, 30, tzinfo=dt.UTC)
    old_notification = old.get_model("training", "Notification")
    old_notification.objects.create(user=user, message="办班申请待审核：护理培训班", url="/training/classes/1/")
    old_notification.objects.create(user=user, message="2025年度培训计划 待审核", url="/training/plans/2/",
                                    read_at=sent)
    old_notification.objects.filter(message__contains="护理").update(created_at=sent)

    executor = MigrationExecutor(connection)
    executor.migrate(AFTER)
    new = executor.loader.project_state(AFTER).apps.get_model("notifications", "Notification")
    rows = {n.message: n for n in new.objects.all()}
    assert set(rows) == {"办班申请待审核：护理培训班", "2025年度培训计划 待审核"}
    assert rows["办班申请待审核：护理培训班"].created_at == sent and rows["办班申请待审核：护理培训班"].read_at is None
    assert rows["办班申请待审核：护理培训班"].category == "training"
    assert rows["2025年度培训计划 待审核"].category == "plan" and rows["2025年度培训计划 待审核"].read_at == sent
    assert rows["2025年度培训计划 待审核"].url == "/training/plans/2/"

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())  # back to the present for the other tests
