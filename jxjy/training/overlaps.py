"""A training class's half days as time claims (see `jxjy.records.overlaps`): a trainee who signed
in claims the time from sign-in to sign-out (without a sign-out, the half day's 学时 from the
sign-in at the 学时 length of the person's rule set), worth the half day's 学时."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from jxjy.records.overlaps import ClaimKind, TimeClaim, claim_source, study_hour_minutes

from .models import Attendance


@claim_source(ClaimKind.CLASS)
def attendance_claims(professional_ids: Any, start: dt.date, end: dt.date) -> Iterator[TimeClaim]:
    rows = (
        Attendance.objects.filter(
            enrolment__professional_id__in=professional_ids, signed_in_at__isnull=False,
            schedule_item__date__gte=start, schedule_item__date__lte=end,
        )
        .select_related("enrolment__training_class", "enrolment__professional__region", "schedule_item")
        .order_by("schedule_item__date", "id")
    )
    minutes: dict[int, Decimal] = {}
    for row in rows:
        item = row.schedule_item
        klass = row.enrolment.training_class
        region = row.enrolment.professional.region  # the person's rule set says how long a 学时 is
        region_id = region.pk
        if region_id not in minutes:
            minutes[region_id] = study_hour_minutes(region)
        assert row.signed_in_at is not None
        end_at = row.signed_out_at or row.signed_in_at + dt.timedelta(minutes=float(item.hours * minutes[region_id]))
        yield TimeClaim(
            professional_id=row.enrolment.professional_id, kind=ClaimKind.CLASS, ref=f"attendance-{row.pk}",
            label=f"{klass.name} · {item.date:%m月%d日}{item.get_half_day_display()} {item.content}",
            start=row.signed_in_at, end=end_at, hours=item.hours,
        )
