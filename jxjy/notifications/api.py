"""The user's notifications over the API: list (newest first), unread count, mark read."""

from __future__ import annotations

import datetime as dt

from django.http import HttpRequest
from ninja import Router, Schema

from .selectors import notifications_for, unread_count
from .services import notification_open, notifications_read_all

router = Router(tags=["通知"])


class NotificationOut(Schema):
    id: int
    category: str
    message: str
    url: str
    created_at: dt.datetime
    read_at: dt.datetime | None


class UnreadOut(Schema):
    unread: int


@router.get("/", response=list[NotificationOut], summary="我的通知（最近100条）")
def list_notifications(request: HttpRequest, unread: bool = False):  # type: ignore[no-untyped-def]
    return list(notifications_for(user=request.user, unread_only=unread)[:100])


@router.get("/unread", response=UnreadOut, summary="未读通知数")
def count_unread(request: HttpRequest) -> dict[str, int]:
    return {"unread": unread_count(user=request.user)}


@router.post("/{notification_id}/read", response=NotificationOut, summary="标为已读")
def mark_read(request: HttpRequest, notification_id: int):  # type: ignore[no-untyped-def]
    return notification_open(user=request.user, notification_id=notification_id)  # type: ignore[arg-type]


@router.post("/read-all", response=UnreadOut, summary="全部标为已读")
def mark_all_read(request: HttpRequest) -> dict[str, int]:
    notifications_read_all(user=request.user)  # type: ignore[arg-type]
    return {"unread": 0}
