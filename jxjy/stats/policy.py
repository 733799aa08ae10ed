"""Jurisdiction rules of the statistics models, registered with `jxjy.accounts.policy`."""

from __future__ import annotations

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import in_subtree, rule

from .scope import user_scope_key


@rule("stats.annualreport", Role.HR_OFFICER, "view")
@rule("stats.annualreport", Role.AUTHORITY_OFFICER, "view")
@rule("stats.annualreport", Role.UNIT_ADMIN, "view")
def _reports_of_my_scope(user: User) -> Q:
    """Reports of regions in the user's subtree, computed under the user's own scope."""
    return in_subtree(user) & Q(scope_key=user_scope_key(user))


@rule("stats.sample", Role.HR_OFFICER, "view", "change")
def _samples_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("stats.sampleitem", Role.HR_OFFICER, "view", "change")
def _sample_items_in_subtree(user: User) -> Q:
    return in_subtree(user, "sample__region")


@rule("stats.assessment", Role.HR_OFFICER, "view", "change")
@rule("stats.commendation", Role.HR_OFFICER, "view", "change")
def _assessments_in_subtree(user: User) -> Q:
    return in_subtree(user)


@rule("stats.assessment", Role.AUTHORITY_OFFICER, "view")
def _own_authority_assessments(user: User) -> Q:
    return Q(authority_id=user.industry_authority_id or 0)


@rule("stats.assessment", Role.UNIT_ADMIN, "view")
def _own_unit_assessments(user: User) -> Q:
    return Q(unit_id=user.employer_unit_id or 0)
