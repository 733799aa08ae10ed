"""Online study sessions as time claims (see `jxjy.records.overlaps`): a session that earned time
claims the span from its start to its last credited beat, worth its credited seconds in 学时 at
the 学时 length of the person's rule set."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.urls import reverse

from jxjy.records.overlaps import (
    ClaimKind,
    TimeClaim,
    claim_source,
    day_span,
    seconds_as_hours,
    study_hour_minutes,
)

from .models import StudySession


@claim_source(ClaimKind.ONLINE)
def session_claims(professional_ids: Any, start: dt.date, end: dt.date) -> Iterator[TimeClaim]:
    since, _ = day_span(start)
    _, until = day_span(end)
    sessions = (
        StudySession.objects.filter(
            enrolment__professional_id__in=professional_ids, credited_seconds__gt=0,
            started_at__lt=until, last_beat_at__gte=since,
        )
        .select_related("enrolment__course", "enrolment__professional__region", "unit")
        .order_by("started_at", "id")
    )
    minutes: dict[int, Decimal] = {}
    for session in sessions:
        course = session.enrolment.course
        region = session.enrolment.professional.region  # the person's rule set says how long a 学时 is
        if region.pk not in minutes:
            minutes[region.pk] = study_hour_minutes(region)
        yield TimeClaim(
            professional_id=session.enrolment.professional_id, kind=ClaimKind.ONLINE, ref=f"session-{session.pk}",
            label=f"{course.title} · 第{session.unit.position}单元 {session.unit.title}",
            start=session.started_at, end=session.last_credited_at or session.last_beat_at,
            hours=seconds_as_hours(session.credited_seconds, minutes[region.pk]),
            link=reverse("online:course_detail", args=[course.pk]),
        )
