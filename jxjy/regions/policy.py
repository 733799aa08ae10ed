"""Jurisdiction rules of this app's own models, registered with `jxjy.accounts.policy`.

A procedural parameter override is its region's own: the HR officers of that region (with a bureau)
see and set it; nobody above or below does (a city's officers adjust the city, a district's the
district). Workflows read overrides through ``region_procedure``, not through these rules."""

from __future__ import annotations

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import rule

from .models import Region


@rule("regions.procedureoverride", Role.HR_OFFICER, "view", "change")
def _own_region_overrides(user: User) -> Q:
    return Q(region_id=user.region_id or 0) if user.hr_bureau_id else Q(pk__in=[])


def override_region(user: object) -> Region | None:
    """The region whose procedural parameters ``user`` may adjust: an HR officer's own region."""
    if not isinstance(user, User) or not user.is_active or user.role != Role.HR_OFFICER:
        return None
    if not user.hr_bureau_id or user.region is None:
        return None
    return user.region
