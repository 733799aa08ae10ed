"""Whose figures a statistics page shows: a region subtree, narrowed for authority officers to their
sector and for unit administrators to their unit — the same filters `jxjy.accounts.policy` applies
to professionals, expressed on the region path so every figure stays one database aggregate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Q
from django.http import Http404

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import path_prefix_q, restrict
from jxjy.orgs.models import EmployerUnit
from jxjy.regions.models import Region

STATS_ROLES = frozenset({Role.HR_OFFICER, Role.AUTHORITY_OFFICER, Role.UNIT_ADMIN})


@dataclass(frozen=True)
class Scope:
    """A region subtree plus the viewer's narrowing (sector or unit)."""

    region: Region
    key: str = ""
    sector: str = ""
    unit_id: int | None = None
    unit_name: str = ""

    def people_q(self, prefix: str = "") -> Q:
        q = Q(**{f"{prefix}region__path__startswith": self.region.path})
        if self.sector:
            q &= Q(**{f"{prefix}unit__supervising_authority__sector": self.sector})
        if self.unit_id is not None:
            q &= Q(**{f"{prefix}unit_id": self.unit_id})
        return q

    def standing_q(self) -> Q:
        """The same people as `people_q`, as a filter on `records.Standing`: its stored region path and
        current unit, so a region's counts need no join to the people or regions tables."""
        q = path_prefix_q("region_path", self.region.path)
        if self.sector:
            q &= Q(unit__supervising_authority__sector=self.sector)
        if self.unit_id is not None:
            q &= Q(unit_id=self.unit_id)
        return q

    @property
    def label(self) -> str:
        return f"{self.region.full_name}{('·' + self.unit_name) if self.unit_name else ''}"


def user_scope_key(user: User) -> str:
    if user.is_superuser or user.role == Role.HR_OFFICER:
        return ""
    if user.role == Role.AUTHORITY_OFFICER and user.industry_authority is not None:
        return f"sector:{user.industry_authority.sector}"
    if user.role == Role.UNIT_ADMIN:
        return f"unit:{user.employer_unit_id}"
    return "none"


def may_use_statistics(user: Any) -> bool:
    return bool(getattr(user, "is_authenticated", False)) and (user.is_superuser or user.role in STATS_ROLES)


def home_region(user: User) -> Region:
    if user.region is not None:
        return user.region
    region = Region.objects.filter(parent__isnull=True).order_by("path").first()
    if region is None:
        raise Http404("没有行政区划")
    return region


def scope_for(user: Any, *, region_code: str = "", unit_id: int | None = None) -> Scope:
    """The scope of `user` at `region_code` (default: their own region). Regions outside the user's
    jurisdiction and roles without statistics look like missing pages (404)."""
    if not may_use_statistics(user):
        raise Http404("页面不存在")
    assert isinstance(user, User)
    if region_code:
        region = restrict(Region.objects.all(), user).filter(code=region_code).first()
        if region is None:
            raise Http404("页面不存在")
    else:
        region = home_region(user)
    key = user_scope_key(user)
    sector = user.industry_authority.sector if key.startswith("sector:") and user.industry_authority else ""
    own_unit = user.employer_unit_id if key.startswith("unit:") else None
    scope = Scope(region=region, key=key, sector=sector, unit_id=own_unit)
    if unit_id is not None or own_unit is not None:
        wanted = unit_id if unit_id is not None else own_unit
        assert wanted is not None
        unit = restrict(EmployerUnit.objects.all(), user).filter(
            pk=wanted, region__path__startswith=region.path).first()
        if unit is None:
            raise Http404("页面不存在")
        scope = Scope(region=region, key=key, sector=sector, unit_id=unit.pk, unit_name=unit.name)
    return scope


def scope_from_key(region: Region, key: str) -> Scope:
    """The scope a stored report was computed under."""
    if key.startswith("sector:"):
        return Scope(region=region, key=key, sector=key.split(":", 1)[1])
    if key.startswith("unit:"):
        unit = EmployerUnit.objects.get(pk=int(key.split(":", 1)[1]))
        return Scope(region=region, key=key, unit_id=unit.pk, unit_name=unit.name)
    return Scope(region=region, key=key)
