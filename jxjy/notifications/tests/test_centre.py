"""The notification centre: one model for every app, its channels, the unread badge and marking read
(issue 15 item 4)."""

from __future__ import annotations

from typing import Any

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from jxjy.core.testing import World
from jxjy.notifications.channels import ConsoleShortMessageBackend
from jxjy.notifications.choices import Category
from jxjy.notifications.models import Notification
from jxjy.notifications.services import notification_open, notifications_read_all, notify

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _empty_outbox() -> None:
    ConsoleShortMessageBackend.outbox.clear()


def test_a_notification_is_one_row_per_user_and_copies_go_by_mail_and_short_message(
        world: World, django_capture_on_commit_callbacks: Any) -> None:
    doctor, unit = world.users["pro_gl_doctor"], world.users["unit_gl_hospital"]
    doctor.email, unit.email = "lin@example.org", "unit@example.org"
    doctor.save(update_fields=["email"])
    unit.save(update_fields=["email"])
    world.people["gl_doctor"].phone = "13800000001"
    world.people["gl_doctor"].save(update_fields=["phone"])
    with django_capture_on_commit_callbacks(execute=True):
        rows = notify(users=[doctor, unit, doctor], message="2026年度学时已认定", url="/records/", category=Category.RECOGNITION)
    assert len(rows) == 2 and Notification.objects.filter(category=Category.RECOGNITION).count() == 2
    assert sorted(m.to[0] for m in mail.outbox) == ["lin@example.org", "unit@example.org"]
    assert "2026年度学时已认定" in mail.outbox[0].subject
    # Only the professional has a phone: one short message, through the development console backend.
    assert ConsoleShortMessageBackend.outbox == [("13800000001", "【继续教育】2026年度学时已认定")]


def test_a_keyed_reminder_reaches_nobody_twice(world: World) -> None:
    unit = world.users["unit_gl_hospital"]
    assert len(notify(users=[unit], message="验证花名册报送还剩14天", key="deadline:x:14")) == 1
    assert notify(users=[unit], message="验证花名册报送还剩13天", key="deadline:x:14") == []
    assert Notification.objects.filter(user=unit).count() == 1


def test_opening_a_notification_marks_it_read_and_follows_its_link(world: World, client_for: Any) -> None:
    doctor = world.users["pro_gl_doctor"]
    [row] = notify(users=[doctor], message="您有一门网络课程待完成", url="/online/")
    client = client_for("pro_gl_doctor")
    response = client.get(reverse("notifications:open", args=[row.pk]))
    assert response.status_code == 302 and response["Location"] == "/online/"
    row.refresh_from_db()
    assert row.read_at is not None


def test_another_users_notification_is_not_found_and_stays_unread(world: World, client_for: Any) -> None:
    [row] = notify(users=[world.users["unit_gl_hospital"]], message="请报送验证花名册")
    assert client_for("pro_gl_doctor").get(reverse("notifications:open", args=[row.pk])).status_code == 404
    assert client_for("pro_gl_doctor").post(reverse("notifications:read", args=[row.pk])).status_code == 404
    row.refresh_from_db()
    assert row.read_at is None


def test_mark_all_read_touches_only_the_users_own(world: World) -> None:
    doctor, unit = world.users["pro_gl_doctor"], world.users["unit_gl_hospital"]
    notify(users=[doctor, unit], message="第一条")
    notify(users=[doctor], message="第二条")
    assert notifications_read_all(user=doctor) == 2
    assert Notification.objects.filter(user=doctor, read_at__isnull=True).count() == 0
    assert Notification.objects.filter(user=unit, read_at__isnull=True).count() == 1
    first = Notification.objects.get(user=unit)
    assert notification_open(user=unit, notification_id=first.pk).read_at is not None


def test_the_header_shows_the_unread_count_with_one_cheap_query(world: World, client_for: Any) -> None:
    doctor = world.users["pro_gl_doctor"]
    notify(users=[doctor], message="甲")
    notify(users=[doctor], message="乙")
    client = client_for("pro_gl_doctor")
    page = client.get(reverse("notifications:list")).content.decode()
    assert 'class="unread-badge"' in page and "2 条未读" in page
    with CaptureQueriesContext(connection) as ctx:
        client.get(reverse("notifications:list"))
    counting = [q["sql"] for q in ctx.captured_queries if "notifications_notification" in q["sql"] and "COUNT" in q["sql"]]
    assert len(counting) <= 3  # the badge, the heading and the pager — each one indexed COUNT
    client.post(reverse("notifications:read_all"))
    assert 'class="unread-badge"' not in client.get(reverse("notifications:list")).content.decode()


def test_the_list_is_paginated_and_filters_unread(world: World, client_for: Any) -> None:
    doctor = world.users["pro_gl_doctor"]
    notify(users=[doctor], message="早先的通知")
    Notification.objects.filter(user=doctor).update(read_at="2026-01-01T00:00:00+08:00")
    for i in range(25):
        notify(users=[doctor], message=f"通知{i:02d}")
    client = client_for("pro_gl_doctor")
    first = client.get(reverse("notifications:list")).content.decode()
    assert "通知24" in first and "通知04" not in first and "page=2" in first
    assert "通知04" in client.get(reverse("notifications:list") + "?page=2").content.decode()
    unread = client.get(reverse("notifications:list") + "?unread=1&page=2").content.decode()
    assert "早先的通知" not in unread


def test_the_api_lists_counts_and_marks_read(world: World, client_for: Any) -> None:
    doctor = world.users["pro_gl_doctor"]
    [row] = notify(users=[doctor], message="学时已认定", category=Category.RECOGNITION)
    notify(users=[world.users["unit_gl_hospital"]], message="别人的")
    client = client_for("pro_gl_doctor")
    listed = client.get("/api/v1/notifications/").json()
    assert [(n["message"], n["category"], n["read_at"]) for n in listed] == [("学时已认定", "recognition", None)]
    assert client.get("/api/v1/notifications/unread").json() == {"unread": 1}
    assert client.post(f"/api/v1/notifications/{row.pk}/read").json()["read_at"] is not None
    assert client.get("/api/v1/notifications/unread").json() == {"unread": 0}
    other = Notification.objects.get(message="别人的")
    assert client.post(f"/api/v1/notifications/{other.pk}/read").status_code == 404


def test_anonymous_visitors_are_sent_to_log_in() -> None:
    from django.test import Client

    response = Client().get(reverse("notifications:list"))
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
