"""Jurisdiction over this app's models, registered with `jxjy.accounts.policy` (imported from
`RecordsConfig.ready()`). Everything a person owns is scoped through that person: an HR officer
sees the people of the regions below, an industry authority those of its sector below, a unit
administrator its own staff, a professional only themself."""

from __future__ import annotations

from collections.abc import Callable

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import path_prefix_q, rule, scope_path

_NOTHING = Q(pk__in=[])


def _person_scope(user: User, to_person: str) -> Q:
    """The people `user` may see, as a filter on a model whose path to its Professional is `to_person`."""
    p = f"{to_person}__" if to_person else ""
    if user.role == Role.HR_OFFICER:
        return Q(**{f"{p}region__path__startswith": scope_path(user) or "\0"})
    if user.role == Role.AUTHORITY_OFFICER and user.industry_authority is not None:
        return Q(**{f"{p}region__path__startswith": scope_path(user) or "\0"}) & Q(
            **{f"{p}unit__supervising_authority__sector": user.industry_authority.sector}
        )
    if user.role == Role.UNIT_ADMIN:
        return Q(**{f"{p}unit_id": user.employer_unit_id})
    if user.role == Role.PROFESSIONAL:
        key = f"{to_person}_id" if to_person else "pk"
        return Q(**{key: user.professional_id or 0})
    return _NOTHING


_PERSON_OWNED = {
    "records.learningrecord": "professional",
    "records.evidencefile": "record__professional",
    "records.recordreview": "record__professional",
    "records.certificate": "professional",
    "records.verificationentry": "professional",
    "records.verificationexemption": "professional",
    "records.gatecheck": "professional",
    "records.fraudfinding": "professional",
    "records.makeupobligation": "professional",
    "records.violation": "professional",
}
_PEOPLE_ROLES = (Role.HR_OFFICER, Role.AUTHORITY_OFFICER, Role.UNIT_ADMIN, Role.PROFESSIONAL)

def _scoped_by_person(to_person: str) -> Callable[[User], Q]:
    def condition(user: User) -> Q:
        return _person_scope(user, to_person)

    return condition


for _label, _path in _PERSON_OWNED.items():
    for _role in _PEOPLE_ROLES:
        rule(_label, _role, "view")(_scoped_by_person(_path))


@rule("records.learningrecord", Role.PROVIDER_ADMIN, "view")
def _records_of_provider(user: User) -> Q:
    return Q(provider_id=user.provider_id or 0)


# --- Standings: scoped by the stored location (no join for region counts over a million rows) ---
@rule("records.standing", Role.HR_OFFICER, "view")
@rule("records.standing", Role.AUTHORITY_OFFICER, "view")
@rule("records.standing", Role.UNIT_ADMIN, "view")
@rule("records.standing", Role.PROFESSIONAL, "view")
def _standings(user: User) -> Q:
    if user.role == Role.HR_OFFICER:
        return path_prefix_q("region_path", scope_path(user))
    if user.role == Role.UNIT_ADMIN:
        return Q(unit_id=user.employer_unit_id or 0)
    if user.role == Role.PROFESSIONAL:
        return Q(professional_id=user.professional_id or 0)
    if user.industry_authority is not None:
        return path_prefix_q("region_path", scope_path(user)) & Q(
            unit__supervising_authority__sector=user.industry_authority.sector
        )
    return _NOTHING


@rule("records.standingrebuild", Role.HR_OFFICER, "view")
def _rebuilds_below(user: User) -> Q:
    return Q(region__path__startswith=scope_path(user) or "\0")


# --- Review of declared records: who may act at the record's current stage -------------------
@rule("records.learningrecord", Role.UNIT_ADMIN, "change")
def _unit_stage(user: User) -> Q:
    return Q(review_stage="unit", professional__unit_id=user.employer_unit_id)


@rule("records.learningrecord", Role.AUTHORITY_OFFICER, "change")
def _authority_stage(user: User) -> Q:
    authority = user.industry_authority
    if authority is None:
        return _NOTHING
    below = Q(professional__region__path__startswith=scope_path(user) or "\0")
    stage = Q(review_stage="industry_authority", professional__unit__supervising_authority__sector=authority.sector)
    if authority.sector == "health":
        stage |= Q(review_stage="health_authority")
    return below & stage


@rule("records.learningrecord", Role.HR_OFFICER, "change")
def _hr_stage(user: User) -> Q:
    return Q(review_stage="hr_bureau", professional__region__path__startswith=scope_path(user) or "\0")


# --- Certificates: issued and revoked by officers over the person ------------------------------
@rule("records.certificate", Role.HR_OFFICER, "change")
@rule("records.certificate", Role.AUTHORITY_OFFICER, "change")
def _certificate_officers(user: User) -> Q:
    return _person_scope(user, "professional")


# --- Verification -------------------------------------------------------------------------------
@rule("records.verificationbatch", Role.HR_OFFICER, "view")
def _batches_below(user: User) -> Q:
    return Q(unit__region__path__startswith=scope_path(user) or "\0")


@rule("records.verificationbatch", Role.AUTHORITY_OFFICER, "view")
def _batches_of_sector(user: User) -> Q:
    assert user.industry_authority is not None
    return Q(unit__region__path__startswith=scope_path(user) or "\0") & Q(
        unit__supervising_authority__sector=user.industry_authority.sector
    )


@rule("records.verificationbatch", Role.UNIT_ADMIN, "view", "change")
def _own_batches(user: User) -> Q:
    return Q(unit_id=user.employer_unit_id)


@rule("records.verificationentry", Role.HR_OFFICER, "change")
def _entries_for_bureau(user: User) -> Q:
    return Q(reviewer_bureau_id=user.hr_bureau_id or 0)


@rule("records.verificationentry", Role.AUTHORITY_OFFICER, "change")
def _entries_for_authority(user: User) -> Q:
    return Q(reviewer_authority_id=user.industry_authority_id or 0)


@rule("records.verificationslot", Role.HR_OFFICER, "view")
def _slots_below(user: User) -> Q:
    return Q(hr_bureau__region__path__startswith=scope_path(user) or "\0")


@rule("records.verificationslot", Role.HR_OFFICER, "change")
def _own_slots(user: User) -> Q:
    return Q(hr_bureau_id=user.hr_bureau_id or 0)


@rule("records.verificationslot", Role.UNIT_ADMIN, "view")
def _slots_above(user: User) -> Q:
    codes = user.region.ancestor_codes() if user.region else []
    return Q(hr_bureau__region__code__in=codes)


for _label in ("records.verificationexemption", "records.violation", "records.fraudfinding"):
    rule(_label, Role.HR_OFFICER, "change")(_scoped_by_person("professional"))
for _label in ("records.verificationexemption", "records.violation"):
    rule(_label, Role.UNIT_ADMIN, "change")(_scoped_by_person("professional"))
