"""Jurisdiction, written once. Every page, API endpoint, export and task reads through `restrict`.

A rule maps (model, action) to a filter for one user: `None` means everything, a `Q` narrows,
and a model without a rule for the role shows nothing. All filters are database filters on the
materialised region path, so a subtree test never loops over regions in Python.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

from django.contrib.auth.models import AnonymousUser
from django.db import models
from django.db.models import Q

from .models import Role, User

Action = Literal["view", "change", "view_identity"]
Rule = Callable[[User], Q | None]

_RULES: dict[tuple[str, str, Action], Rule] = {}


def rule(model_label: str, role: str, *actions: Action) -> Callable[[Rule], Rule]:
    def register(fn: Rule) -> Rule:
        for action in actions:
            _RULES[(model_label, role, action)] = fn
        return fn

    return register


def scope_path(user: User) -> str:
    """The region path of the user's jurisdiction ('' for none)."""
    return user.region.path if user.region_id and user.region else ""


def restrict[M: models.Model](
    queryset: models.QuerySet[M], user: User | AnonymousUser, action: Action = "view"
) -> models.QuerySet[M]:
    """The part of `queryset` that `user` may see (or change) — the only place jurisdiction lives."""
    if not user.is_authenticated or not user.is_active:
        return queryset.none()
    assert isinstance(user, User)
    if user.is_superuser:
        return queryset
    label = queryset.model._meta.label_lower
    fn = _RULES.get((label, user.role, action))
    if fn is None:
        return queryset.none()
    condition = fn(user)
    if condition is None:
        return queryset
    return queryset.filter(condition)


def can(user: User | AnonymousUser, action: Action, obj: models.Model) -> bool:
    """Whether `obj` lies inside the user's scope for `action` (a re-check after writes, too)."""
    manager = type(obj)._default_manager
    return restrict(manager.all(), user, action).filter(pk=obj.pk).exists()


def path_prefix_q(field: str, path: str) -> Q:
    """`field` starts with `path`, as a range (path ≤ x < path with its last character bumped), so
    that an index on the field serves it on SQLite too (its LIKE with ESCAPE cannot use one)."""
    if not path:
        return Q(pk__in=[])
    return Q(**{f"{field}__gte": path, f"{field}__lt": path[:-1] + chr(ord(path[-1]) + 1)})


def in_subtree(user: User, field: str = "region") -> Q:
    return Q(**{f"{field}__path__startswith": scope_path(user) or "\0"})


# --- Regions ---------------------------------------------------------------------------------
for _role in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER, Role.UNIT_ADMIN, Role.PROVIDER_ADMIN, Role.PROFESSIONAL):
    rule("regions.region", _role, "view")(lambda u: Q(path__startswith=scope_path(u) or "\0"))


# --- HR bureaus ------------------------------------------------------------------------------
@rule("orgs.hrbureau", Role.HR_OFFICER, "view")
@rule("orgs.hrbureau", Role.AUTHORITY_OFFICER, "view")
def _bureaus_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("orgs.hrbureau", Role.HR_OFFICER, "change")
def _own_bureau(user: User) -> Q:
    return Q(pk=user.hr_bureau_id)


@rule("orgs.hrbureau", Role.UNIT_ADMIN, "view")
@rule("orgs.hrbureau", Role.PROVIDER_ADMIN, "view")
@rule("orgs.hrbureau", Role.PROFESSIONAL, "view")
def _bureaus_above(user: User) -> Q:
    """The bureaus of the user's region and of the regions above it: those that manage it."""
    codes = user.region.ancestor_codes() if user.region else []
    return Q(region__code__in=codes)


# --- Industry authorities ------------------------------------------------------------------------
@rule("orgs.industryauthority", Role.HR_OFFICER, "view", "change")
def _authorities_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("orgs.industryauthority", Role.AUTHORITY_OFFICER, "view")
def _same_sector_below(user: User) -> Q:
    assert user.industry_authority is not None
    return in_subtree(user) & Q(sector=user.industry_authority.sector)


@rule("orgs.industryauthority", Role.UNIT_ADMIN, "view")
def _units_authority(user: User) -> Q:
    assert user.employer_unit is not None
    return Q(pk=user.employer_unit.supervising_authority_id or 0)


@rule("orgs.industryauthority", Role.PROVIDER_ADMIN, "view")
def _providers_authority(user: User) -> Q:
    assert user.provider is not None
    return Q(pk=user.provider.supervising_authority_id or 0)


# --- Employer units ---------------------------------------------------------------------------
@rule("orgs.employerunit", Role.HR_OFFICER, "view", "change")
def _units_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("orgs.employerunit", Role.AUTHORITY_OFFICER, "view")
def _units_of_sector(user: User) -> Q:
    assert user.industry_authority is not None
    return in_subtree(user) & Q(supervising_authority__sector=user.industry_authority.sector)


@rule("orgs.employerunit", Role.UNIT_ADMIN, "view", "change")
def _own_unit(user: User) -> Q:
    return Q(pk=user.employer_unit_id)


@rule("orgs.employerunit", Role.PROFESSIONAL, "view")
def _employer(user: User) -> Q:
    return Q(pk=user.professional.unit_id if user.professional else 0)


# --- Providers ------------------------------------------------------------------------------------
@rule("orgs.provider", Role.HR_OFFICER, "view", "change")
@rule("orgs.provider", Role.AUTHORITY_OFFICER, "view")
def _providers_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("orgs.provider", Role.PROVIDER_ADMIN, "view", "change")
def _own_provider(user: User) -> Q:
    return Q(pk=user.provider_id)


# --- Professionals ----------------------------------------------------------------------------------
@rule("people.professional", Role.HR_OFFICER, "view", "change", "view_identity")
def _people_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("people.professional", Role.AUTHORITY_OFFICER, "view")
def _people_of_sector(user: User) -> Q:
    assert user.industry_authority is not None
    return in_subtree(user) & Q(unit__supervising_authority__sector=user.industry_authority.sector)


@rule("people.professional", Role.UNIT_ADMIN, "view", "change", "view_identity")
def _people_of_unit(user: User) -> Q:
    return Q(unit_id=user.employer_unit_id)


@rule("people.professional", Role.PROFESSIONAL, "view", "view_identity")
def _self(user: User) -> Q:
    return Q(pk=user.professional_id)


# --- Audit events ------------------------------------------------------------------------------------
@rule("audit.auditevent", Role.HR_OFFICER, "view")
def _events_in_subtree(user: User) -> Q:
    return Q(region_path__startswith=scope_path(user) or "\0")
