"""Builders for this app's tests: recognised records straight from the source service."""

from __future__ import annotations

import datetime as dt
import itertools
from typing import Any

from jxjy.people.models import Professional
from jxjy.records.models import LearningRecord
from jxjy.records.services import learning_record_recognise_from_source

_ref = itertools.count(1)


def recognised(person: Professional, date: dt.date, *, hours: float | None = None, subject: str = "professional",
               form: str = "centralized", course: str = "专业课程", make_up_for_year: int | None = None,
               **extra: Any) -> LearningRecord:
    record = learning_record_recognise_from_source(
        actor=None, professional=person, date=date, subject=subject, form=form, course=course,
        source="training_class", hours=hours, **{"source_ref": f"T{next(_ref)}", **extra},
    )
    if make_up_for_year is not None:
        LearningRecord.objects.filter(pk=record.pk).update(make_up_for_year=make_up_for_year)
        record.refresh_from_db()
    return record


def full_year(person: Professional, year: int, hours: float = 72) -> list[LearningRecord]:
    """Enough for 榕人专〔2009〕145号 一 (72 学时, professional)."""
    return [recognised(person, dt.date(year, 5, 10), hours=hours)]
