"""Jurisdiction rules of this app's own models, registered with `jxjy.accounts.policy`.

A transfer is visible to both sides: the old and the new unit's CE administrators, and HR officers
whose region contains the region left or the region joined. Who may act on it is the service's
check (`services.transfers.may_decide` / `may_cancel`)."""

from __future__ import annotations

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import rule, scope_path


@rule("people.transfer", Role.HR_OFFICER, "view")
def _transfers_touching_subtree(user: User) -> Q:
    path = scope_path(user) or "\0"
    return Q(from_region__path__startswith=path) | Q(to_region__path__startswith=path)


@rule("people.transfer", Role.UNIT_ADMIN, "view")
def _transfers_of_unit(user: User) -> Q:
    return Q(from_unit_id=user.employer_unit_id or 0) | Q(to_unit_id=user.employer_unit_id or 0)
