"""Jurisdiction over online learning, registered with the one policy (`jxjy.accounts.policy`).

Courses belong to the region of the officer who approves them; professionals see approved
courses of their own region and the regions above it; providers see and change their own
courses; officers see (and approve) courses and learners inside their region subtree."""

from __future__ import annotations

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import rule, scope_path

from .choices import CourseStatus

_OFFICERS = (Role.HR_OFFICER, Role.AUTHORITY_OFFICER)


def _subtree(user: User, field: str) -> Q:
    return Q(**{f"{field}__path__startswith": scope_path(user) or "\0"})


def _regions_above(user: User) -> list[str]:
    professional = user.professional
    return professional.region.ancestor_codes() if professional is not None else []


# --- Courses ---------------------------------------------------------------------------------
@rule("online.course", Role.HR_OFFICER, "view", "change")
@rule("online.course", Role.AUTHORITY_OFFICER, "view", "change")
def _courses_in_subtree(user: User) -> Q:
    return _subtree(user, "region")


@rule("online.course", Role.PROVIDER_ADMIN, "view", "change")
def _own_courses(user: User) -> Q:
    return Q(provider_id=user.provider_id or 0)


@rule("online.course", Role.PROFESSIONAL, "view")
def _listed_courses(user: User) -> Q:
    return Q(status=CourseStatus.APPROVED, region__code__in=_regions_above(user))


@rule("online.course", Role.UNIT_ADMIN, "view")
def _listed_for_unit(user: User) -> Q:
    codes = user.employer_unit.region.ancestor_codes() if user.employer_unit else []
    return Q(status=CourseStatus.APPROVED, region__code__in=codes)


# --- Units and questions follow their course (providers and officers only) ---------------------
for _model in ("online.unit", "online.question", "online.blueprintitem"):
    rule(_model, Role.PROVIDER_ADMIN, "view", "change")(lambda u: Q(course__provider_id=u.provider_id or 0))
    for _role in _OFFICERS:
        rule(_model, _role, "view")(lambda u: _subtree(u, "course__region"))


@rule("online.unit", Role.PROFESSIONAL, "view")
def _units_of_enrolled_courses(user: User) -> Q:
    return Q(course__enrolments__professional_id=user.professional_id or 0)


# --- Learners' data: enrolments, progress, sessions, attempts, certificates ---------------------
def _learner_rules(model: str, prefix: str) -> None:
    p = f"{prefix}__" if prefix else ""
    rule(model, Role.PROFESSIONAL, "view", "change")(lambda u: Q(**{f"{p}professional_id": u.professional_id or 0}))
    rule(model, Role.PROVIDER_ADMIN, "view")(lambda u: Q(**{f"{p}course__provider_id": u.provider_id or 0}))
    rule(model, Role.UNIT_ADMIN, "view")(lambda u: Q(**{f"{p}professional__unit_id": u.employer_unit_id or 0}))
    rule(model, Role.HR_OFFICER, "view")(lambda u: _subtree(u, f"{p}professional__region"))
    rule(model, Role.AUTHORITY_OFFICER, "view")(
        lambda u: _subtree(u, f"{p}professional__region")
        & Q(**{f"{p}professional__unit__supervising_authority__sector": u.industry_authority.sector if u.industry_authority else ""})
    )


_learner_rules("online.enrolment", "")
_learner_rules("online.unitprogress", "enrolment")
_learner_rules("online.studysession", "enrolment")
_learner_rules("online.examattempt", "enrolment")
_learner_rules("online.passcertificate", "enrolment")
_learner_rules("online.presencechallenge", "session__enrolment")
