"""Jurisdiction rules for the providers app's models (registered into jxjy.accounts.policy).

Officers see what lies in their region subtree; only the accrediting bureau may change a base and its
applications and inspections (each bureau manages its own tier). Providers see their own records."""

from __future__ import annotations

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import rule, scope_path

_OFFICERS = (Role.HR_OFFICER, Role.AUTHORITY_OFFICER)


def _subtree(field: str):  # type: ignore[no-untyped-def]
    def fn(user: User) -> Q:
        return Q(**{f"{field}__path__startswith": scope_path(user) or "\0"})

    return fn


def _own_provider(field: str):  # type: ignore[no-untyped-def]
    def fn(user: User) -> Q:
        return Q(**{field: user.provider_id or 0})

    return fn


def _own_bureau(field: str):  # type: ignore[no-untyped-def]
    def fn(user: User) -> Q:
        return Q(**{field: user.hr_bureau_id or 0})

    return fn


# --- Applications, bases, inspections, rectifications ---------------------------------------------------
for _label, _provider, _bureau in (
    ("providers.baseapplication", "provider", "bureau_id"),
    ("providers.cebase", "provider", "bureau_id"),
    ("providers.annualinspection", "base__provider", "base__bureau_id"),
    ("providers.rectification", "inspection__base__provider", "inspection__base__bureau_id"),
):
    for _role in _OFFICERS:
        rule(_label, _role, "view")(_subtree(f"{_provider}__region"))
    rule(_label, Role.HR_OFFICER, "change")(_own_bureau(_bureau))
    rule(_label, Role.PROVIDER_ADMIN, "view", "change")(_own_provider(f"{_provider}_id"))


# --- Credit records -------------------------------------------------------------------------------------
@rule("providers.creditevent", Role.HR_OFFICER, "view", "change")
@rule("providers.creditevent", Role.AUTHORITY_OFFICER, "view")
def _credit_in_subtree(user: User) -> Q:
    path = scope_path(user) or "\0"
    return Q(provider__region__path__startswith=path) | Q(teacher__home_provider__region__path__startswith=path)


@rule("providers.creditevent", Role.PROVIDER_ADMIN, "view")
def _own_credit(user: User) -> Q:
    return Q(provider_id=user.provider_id or 0) | Q(teacher__home_provider_id=user.provider_id or 0)


# --- Fee standards: public documents; officers record those of their own region and below -----------------
for _role in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER, Role.PROVIDER_ADMIN, Role.UNIT_ADMIN, Role.PROFESSIONAL):
    rule("providers.feestandard", _role, "view")(lambda u: None)
rule("providers.feestandard", Role.HR_OFFICER, "change")(_subtree("region"))


# --- Teacher pool ---------------------------------------------------------------------------------------------
@rule("providers.teacher", Role.HR_OFFICER, "view")
@rule("providers.teacher", Role.AUTHORITY_OFFICER, "view")
def _teachers_in_subtree(user: User) -> Q:
    return Q(home_provider__region__path__startswith=scope_path(user) or "\0")


@rule("providers.teacher", Role.PROVIDER_ADMIN, "view")
def _teachers_visible_to_provider(user: User) -> Q:
    """The provider's own teachers, the ones it engages, and every teacher who consented to sharing."""
    pid = user.provider_id or 0
    return Q(home_provider_id=pid) | Q(engagements__provider_id=pid) | Q(shared=True)


@rule("providers.teacher", Role.PROVIDER_ADMIN, "change")
def _own_teachers(user: User) -> Q:
    return Q(home_provider_id=user.provider_id or 0)


for _role in _OFFICERS:
    rule("providers.engagement", _role, "view")(_subtree("provider__region"))
    rule("providers.teachertraining", _role, "view")(_subtree("teacher__home_provider__region"))
rule("providers.engagement", Role.PROVIDER_ADMIN, "view", "change")(_own_provider("provider_id"))
rule("providers.teachertraining", Role.PROVIDER_ADMIN, "view", "change")(_own_provider("teacher__home_provider_id"))


# --- Trainee evaluations ---------------------------------------------------------------------------------------
for _role in _OFFICERS:
    rule("providers.traineeevaluation", _role, "view")(_subtree("training_class__provider__region"))
rule("providers.traineeevaluation", Role.PROVIDER_ADMIN, "view")(_own_provider("training_class__provider_id"))


@rule("providers.traineeevaluation", Role.PROFESSIONAL, "view")
def _own_evaluations(user: User) -> Q:
    return Q(professional_id=user.professional_id or 0)


