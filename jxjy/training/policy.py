"""Jurisdiction rules for the training models, registered with `jxjy.accounts.policy` (imported in ready())."""

from __future__ import annotations

from django.db.models import Q

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import in_subtree, rule, scope_path

from .choices import ClassStatus

# Classes that trainees and units may see and enrol in, or have taken part in.
PUBLISHED = (ClassStatus.APPROVED, ClassStatus.RECOGNITION_SUBMITTED, ClassStatus.RECOGNISED, ClassStatus.UNQUALIFIED)


def _reviewed_by(**lookup: object) -> Q:
    from .models import ClassReview

    return Q(pk__in=ClassReview.objects.filter(**lookup).values("training_class_id"))


@rule("training.trainingclass", Role.HR_OFFICER, "view", "change")
def _classes_for_hr(user: User) -> Q:
    # Also the classes aimed at professionals of the officer's region, whoever organises them
    # (泉洛政人社[2017]27号 一（五）1).
    return (in_subtree(user, "provider__region") | in_subtree(user, "target_region")
            | Q(approving_bureau_id=user.hr_bureau_id) | _reviewed_by(hr_bureau_id=user.hr_bureau_id))


@rule("training.trainingclass", Role.AUTHORITY_OFFICER, "view", "change")
def _classes_for_authority(user: User) -> Q:
    return Q(provider__supervising_authority_id=user.industry_authority_id) | _reviewed_by(
        industry_authority_id=user.industry_authority_id)


@rule("training.trainingclass", Role.PROVIDER_ADMIN, "view", "change")
def _own_classes(user: User) -> Q:
    return Q(provider_id=user.provider_id)


def _classes_around(user: User) -> Q:
    """Published classes of providers in the user's region, above it or below it."""
    codes = user.region.ancestor_codes() if user.region else []
    return Q(status__in=PUBLISHED) & (Q(provider__region__code__in=codes) | in_subtree(user, "provider__region"))


@rule("training.trainingclass", Role.UNIT_ADMIN, "view")
def _classes_for_unit(user: User) -> Q:
    from .models import Enrolment

    mine = Enrolment.objects.filter(professional__unit_id=user.employer_unit_id).values("training_class_id")
    return _classes_around(user) | Q(pk__in=mine)


@rule("training.trainingclass", Role.PROFESSIONAL, "view")
def _classes_for_professional(user: User) -> Q:
    from .models import Enrolment

    mine = Enrolment.objects.filter(professional_id=user.professional_id or 0).values("training_class_id")
    return _classes_around(user) | Q(pk__in=mine)


@rule("training.trainingplan", Role.HR_OFFICER, "view", "change")
def _plans_for_hr(user: User) -> Q:
    return Q(hr_bureau__region__path__startswith=scope_path(user) or "\0")


@rule("training.trainingplan", Role.PROVIDER_ADMIN, "view", "change")
def _plans_of_provider(user: User) -> Q:
    return Q(provider_id=user.provider_id)


@rule("training.trainingplan", Role.AUTHORITY_OFFICER, "view", "change")
def _plans_of_authority(user: User) -> Q:
    return Q(industry_authority_id=user.industry_authority_id)


@rule("training.trainingplan", Role.UNIT_ADMIN, "view", "change")
def _plans_of_unit(user: User) -> Q:
    return Q(employer_unit_id=user.employer_unit_id)


@rule("training.providercreditevent", Role.HR_OFFICER, "view")
@rule("training.providercreditevent", Role.AUTHORITY_OFFICER, "view")
def _credit_in_subtree(user: User) -> Q:
    return in_subtree(user, "provider__region")


@rule("training.providercreditevent", Role.PROVIDER_ADMIN, "view")
def _own_credit(user: User) -> Q:
    return Q(provider_id=user.provider_id)

