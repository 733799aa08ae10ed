"""Working days: weekends and the configurable holiday calendar (节假日, 调休) excluded."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from ..models import Holiday


def is_working_day(day: dt.date, *, holidays: Iterable[dt.date] = (), workdays: Iterable[dt.date] = ()) -> bool:
    if day in set(workdays):
        return True
    return day.weekday() < 5 and day not in set(holidays)


def latest_on_time(first_day: dt.date, working_days: int, *, holidays: Iterable[dt.date] = (),
                   workdays: Iterable[dt.date] = ()) -> dt.date:
    """The last date on which an application is still `working_days` working days ahead of `first_day`:
    counting back from the day before the first day, the `working_days`-th working day."""
    off, on = set(holidays), set(workdays)
    day, counted = first_day, 0
    while counted < working_days:
        day -= dt.timedelta(days=1)
        if is_working_day(day, holidays=off, workdays=on):
            counted += 1
    return day


def calendar_between(start: dt.date, end: dt.date) -> tuple[set[dt.date], set[dt.date]]:
    """Holidays and worked weekend days from the database between two dates."""
    rows = Holiday.objects.filter(date__gte=start, date__lte=end).values_list("date", "is_workday")
    return {d for d, w in rows if not w}, {d for d, w in rows if w}


def latest_on_time_for(first_day: dt.date, working_days: int) -> dt.date:
    holidays, workdays = calendar_between(first_day - dt.timedelta(days=working_days * 3 + 60), first_day)
    return latest_on_time(first_day, working_days, holidays=holidays, workdays=workdays)
