"""The claim source of declared and unit-registered records (see `jxjy.records.overlaps`): a
record gives only its date (and perhaps a number of days), so it is a date-only claim spanning
those whole days. Only forms that take the person's presence on those days are claims (学术会议,
进修, 出国(境)研修); a paper, a research project or a degree is not studied on the day it is dated.
Records made from classes and online courses are not claims here either — the class half days and
study sessions they come from are."""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from django.urls import reverse

from .choices import LearningForm, RecordSource, RecordStatus
from .models import LearningRecord
from .overlaps import ClaimKind, TimeClaim, claim_source, day_span

PRESENCE_FORMS = (LearningForm.CONFERENCE, LearningForm.ADVANCED_STUDY, LearningForm.OVERSEAS)
# the longest declared activity looked back for (a record dated before `start` may still cover it)
_LONGEST_DAYS = 60


@claim_source(ClaimKind.DECLARED)
def declared_claims(professional_ids: Any, start: dt.date, end: dt.date) -> Iterator[TimeClaim]:
    records = (
        LearningRecord.objects.filter(
            professional_id__in=professional_ids,
            source__in=(RecordSource.DECLARED, RecordSource.UNIT_REGISTERED),
            status__in=(RecordStatus.PENDING, RecordStatus.RECOGNISED), form__in=PRESENCE_FORMS,
            date__gte=start - dt.timedelta(days=_LONGEST_DAYS), date__lte=end,
        )
        .only("id", "professional_id", "date", "days", "hours", "course", "form")
        .order_by("date", "id")
    )
    for record in records:
        days = max(1, math.ceil(record.days)) if record.days else 1
        first, last = day_span(record.date, days)
        if last.date() <= start:
            continue
        yield TimeClaim(
            professional_id=record.professional_id, kind=ClaimKind.DECLARED, ref=f"record-{record.pk}",
            label=f"{record.course}（{record.get_form_display()}）", start=first, end=last,
            hours=record.hours if record.hours is not None else Decimal(0), timed=False,
            link=reverse("records:person", args=[record.professional_id]),
        )
