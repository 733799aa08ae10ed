"""Courseware delivery the server can see: a video reaches the player only through a signed,
short-lived URL bound to one open study session, in fixed-size byte segments, and every segment
sent is recorded with the time it was first fetched. Heartbeats are credited from these records."""

from __future__ import annotations

import datetime as dt
import logging
import time
from typing import Any

from django.core import signing
from django.db import OperationalError, transaction
from django.urls import reverse
from django.utils import timezone

from jxjy.core.errors import ApplicationError, PermissionDenied

from ..config import online_config
from ..models import SegmentFetch, StudySession

_SALT = "jxjy.online.segment-url"
logger = logging.getLogger(__name__)


class MediaLinkInvalid(ApplicationError):
    """A courseware link that is forged, expired, someone else's or of an ended session (403)."""

    status = 403


def media_url(session: StudySession) -> str:
    """A fresh signed URL for the session's courseware (valid `ONLINE_MEDIA_URL_MINUTES`)."""
    token = signing.TimestampSigner(salt=_SALT).sign(f"{session.pk}.{session.token.hex}")
    return reverse("online:session_media", args=[token])


def media_session_get(*, actor: Any, token: str) -> StudySession:
    """The open session a signed courseware URL belongs to, if the actor is its learner."""
    max_age = dt.timedelta(minutes=online_config().media_url_minutes)
    try:
        value = signing.TimestampSigner(salt=_SALT).unsign(token, max_age=max_age)
    except signing.SignatureExpired as exc:
        raise MediaLinkInvalid("课件链接已过期，请刷新页面") from exc
    except signing.BadSignature as exc:
        raise MediaLinkInvalid("课件链接无效") from exc
    pk, _, token_hex = value.partition(".")
    session = (StudySession.objects.select_related("unit", "enrolment")
               .filter(pk=int(pk), token=token_hex).first())
    if session is None or session.enrolment.professional_id != getattr(actor, "professional_id", None):
        raise PermissionDenied("课件链接无效")
    if session.ended_at is not None:
        raise MediaLinkInvalid("学习会话已结束，请刷新页面")
    return session


def segments_record(*, session: StudySession, first: int, last: int, attempts: int = 20) -> bool:
    """Records that the session fetched segments first..last now (the first fetch is kept).
    SQLite answers "table is locked" instead of waiting while a heartbeat writes (PostgreSQL
    waits), so a few short retries; False if the record could not be written — the bytes are
    still sent, and the beats over them earn nothing."""
    now = timezone.now()
    rows = [SegmentFetch(session=session, index=i, fetched_at=now) for i in range(first, last + 1)]
    for attempt in range(attempts):
        try:
            with transaction.atomic():
                SegmentFetch.objects.bulk_create(rows, ignore_conflicts=True)
            return True
        except OperationalError:
            if attempt == attempts - 1 or transaction.get_connection().in_atomic_block:
                break
            time.sleep(0.05)
    logger.warning("segment fetch of session %s not recorded", session.pk)
    return False
