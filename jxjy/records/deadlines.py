"""The annual verification deadline for reminders and the home page (see jxjy.notifications.deadlines):
the unit's roster of year Y is due by the end of the month the region's rule set names in Y+1
(泉洛政人社[2017]27号 二（一）: 验证年度第二年2月底前; elsewhere the default)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.urls import reverse

from jxjy.accounts.models import Role, User
from jxjy.notifications.deadlines import Deadline
from jxjy.orgs.models import EmployerUnit

from .choices import BatchStatus
from .models import VerificationBatch
from .services.verification import verification_deadline


def verification_deadlines(*, on: dt.date, user: Any = None) -> Iterator[Deadline]:
    """Each unit with staff whose roster of last year (due this year) or of this year (due the next,
    the next deadline once this year's has passed) is not yet submitted."""
    for year in (on.year - 1, on.year):
        yield from _verification_deadlines_of_year(year, user)


def _verification_deadlines_of_year(year: int, user: Any) -> Iterator[Deadline]:
    submitted = VerificationBatch.objects.filter(year=year, status__in=(BatchStatus.SUBMITTED, BatchStatus.CLOSED))
    units = EmployerUnit.objects.filter(professionals__isnull=False).exclude(
        pk__in=submitted.values("unit_id")).distinct().select_related("region")
    if user is not None:
        if user.role == Role.HR_OFFICER and user.hr_bureau is not None:
            due, cited = verification_deadline(year, user.hr_bureau.region)
            yield Deadline(key=f"verification:{year}:bureau-{user.hr_bureau_id}", label=f"辖区{year}年度验证花名册报送",
                           due=due, url=reverse("records:batch_list"), basis=cited.reference)
            return
        if user.role != Role.UNIT_ADMIN:
            return
        units = units.filter(pk=user.employer_unit_id)
    admins: dict[int, list[User]] = defaultdict(list)
    if user is None:
        for admin in User.objects.filter(is_active=True, role=Role.UNIT_ADMIN, employer_unit__in=units):
            admins[admin.employer_unit_id or 0].append(admin)
    by_region: dict[int, tuple[dt.date, str]] = {}
    for unit in units:
        if unit.region_id not in by_region:
            due, cited = verification_deadline(year, unit.region)
            by_region[unit.region_id] = (due, cited.reference)
        due, basis = by_region[unit.region_id]
        users = (user,) if user is not None else tuple(admins.get(unit.pk, ()))
        if users:
            yield Deadline(key=f"verification:{year}:unit-{unit.pk}", label=f"{year}年度验证花名册报送",
                           due=due, url=reverse("records:batch_list"), basis=basis, users=users)
