"""The training workflow's deadlines for reminders and the home page (see jxjy.notifications.deadlines):
the annual plan (泉洛政人社[2017]27号 一（五）1: 当年2月底前, or the region's rule set) and the
recognition of a class that has ended (一（五）3: 培训结束后30日内 for 洛江 professionals; the rule set of the
region of the class's target professionals, or an extension)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterator
from typing import Any

from django.db.models import Q
from django.urls import reverse

from jxjy.accounts.models import Role, User
from jxjy.notifications.deadlines import Deadline
from jxjy.orgs.models import Provider

from .choices import ClassStatus, PlanStatus
from .models import TrainingClass, TrainingPlan
from .services.config import bureau_of, class_settings, setting_basis, settings_for
from .services.plans import plan_deadline
from .services.recognition import recognition_deadline

FILED = (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


def plan_deadlines(*, on: dt.date, user: Any = None) -> Iterator[Deadline]:
    """Each provider that runs classes (a current CE base or a class the year before) and has not filed
    the plan of this year or of the next (whose deadline is the next one once this year's has passed);
    for a user, their own organisation's (and, for an HR officer, the bureau's date)."""
    for year in (on.year, on.year + 1):
        yield from _plan_deadlines_of_year(year, user)


def _plan_deadlines_of_year(year: int, user: Any) -> Iterator[Deadline]:
    if user is not None:
        yield from _plan_deadline_of_user(user, year)
        return
    filed = TrainingPlan.objects.filter(year=year, status__in=FILED, provider__isnull=False).values("provider_id")
    providers = (Provider.objects.filter(Q(ce_bases__status__in=("accredited", "rectifying"))
                                         | Q(training_classes__start_date__year=year - 1))
                 .exclude(pk__in=filed).distinct().select_related("region"))
    admins: dict[int, list[User]] = defaultdict(list)
    for admin in User.objects.filter(is_active=True, role=Role.PROVIDER_ADMIN, provider__in=providers):
        admins[admin.provider_id or 0].append(admin)
    for provider in providers:
        if admins.get(provider.pk):
            yield _plan_deadline(year, provider.region, f"provider-{provider.pk}", tuple(admins[provider.pk]))


def _plan_deadline_of_user(user: Any, year: int) -> Iterator[Deadline]:
    owner = {Role.PROVIDER_ADMIN: ("provider", user.provider), Role.UNIT_ADMIN: ("employer_unit", user.employer_unit),
             Role.AUTHORITY_OFFICER: ("industry_authority", user.industry_authority)}.get(user.role)
    if owner is not None and owner[1] is not None:
        field, org = owner
        if not TrainingPlan.objects.filter(year=year, status__in=FILED, **{field: org}).exists():
            yield _plan_deadline(year, org.region, f"{field}-{org.pk}", (user,))
    elif user.role == Role.HR_OFFICER and user.hr_bureau is not None:
        yield _plan_deadline(year, user.hr_bureau.region, f"bureau-{user.hr_bureau_id}", (), "辖区")


def _plan_deadline(year: int, region: Any, who: str, users: tuple[User, ...], whose: str = "") -> Deadline:
    cfg = settings_for(bureau_of(region))
    return Deadline(key=f"plan:{year}:{who}", label=f"{whose}{year}年度培训计划报送", due=plan_deadline(year, cfg),
                    url=reverse("training:plan_list"), basis=setting_basis(cfg, "plan_deadline_month"), users=users)


def recognition_deadlines(*, on: dt.date, user: Any = None) -> Iterator[Deadline]:
    """Each approved class that has ended and is not yet submitted for recognition: its provider's
    administrators must submit by the recognition deadline."""
    classes = TrainingClass.objects.filter(status=ClassStatus.APPROVED, end_date__lte=on).select_related(
        "approving_bureau__region", "provider__region", "target_region")
    if user is not None:
        if user.role != Role.PROVIDER_ADMIN:
            return
        classes = classes.filter(provider_id=user.provider_id)
    classes = classes.filter(end_date__gte=on - dt.timedelta(days=400))  # older ones are long overdue
    admins: dict[int, list[User]] = defaultdict(list)
    if user is None:
        for admin in User.objects.filter(is_active=True, role=Role.PROVIDER_ADMIN,
                                         provider_id__in=classes.values("provider_id")):
            admins[admin.provider_id or 0].append(admin)
    for training_class in classes:
        cfg = class_settings(training_class, training_class.end_date)
        users = (user,) if user is not None else tuple(admins.get(training_class.provider_id, ()))
        yield Deadline(key=f"recognition:{training_class.pk}", label=f"“{training_class.name}”学时认定申报",
                       due=recognition_deadline(training_class),
                       url=reverse("training:class_detail", args=[training_class.pk]),
                       basis=setting_basis(cfg, "recognition_days"), users=users)
