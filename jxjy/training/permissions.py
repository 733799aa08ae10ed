"""Who may do what to a class, beyond seeing it (which `jxjy.accounts.policy.restrict` decides)."""

from __future__ import annotations

from typing import Any

from jxjy.core.errors import PermissionDenied
from jxjy.records.choices import Subject

from .models import ClassReview, TrainingClass


def is_provider_of(user: Any, training_class: TrainingClass) -> bool:
    return bool(getattr(user, "is_authenticated", False) and user.role == "provider_admin"
                and user.provider_id == training_class.provider_id)


def require_provider(user: Any, training_class: TrainingClass) -> None:
    if not (is_provider_of(user, training_class) or getattr(user, "is_superuser", False)):
        raise PermissionDenied("只有办班单位可以办理此事项")


def is_reviewer_of(user: Any, review: ClassReview) -> bool:
    if not getattr(user, "is_authenticated", False):
        return False
    if review.hr_bureau_id is not None:
        return bool(user.role == "hr_officer" and user.hr_bureau_id == review.hr_bureau_id)
    return bool(user.role == "authority_officer" and user.industry_authority_id == review.industry_authority_id)


def is_approving_officer(user: Any, training_class: TrainingClass) -> bool:
    return bool(getattr(user, "is_authenticated", False) and (
        user.is_superuser
        or (user.role == "hr_officer" and training_class.approving_bureau_id is not None
            and user.hr_bureau_id == training_class.approving_bureau_id)
    ))


def require_approving_officer(user: Any, training_class: TrainingClass) -> None:
    if not is_approving_officer(user, training_class):
        raise PermissionDenied("只有批准机关的经办人员可以办理此事项")


def may_recognise(user: Any, training_class: TrainingClass) -> bool:
    """The approving HR bureau recognises hours; for professional subjects also the supervising authority."""
    if is_approving_officer(user, training_class):
        return True
    return bool(getattr(user, "is_authenticated", False) and user.role == "authority_officer"
                and training_class.subject == Subject.PROFESSIONAL
                and training_class.provider.supervising_authority_id is not None
                and user.industry_authority_id == training_class.provider.supervising_authority_id)


def is_officer_over(user: Any, training_class: TrainingClass) -> bool:
    """An HR or authority officer whose region contains the organiser, or (HR) the professionals the
    class is for (inspections; 泉洛政人社[2017]27号 一（五）4: 区人社局将组织人员不定期进行监督检查)."""
    if not getattr(user, "is_authenticated", False):
        return False
    if user.is_superuser:
        return True
    if user.role not in ("hr_officer", "authority_officer") or user.region is None:
        return False
    if training_class.provider.region.path.startswith(user.region.path):
        return True
    return bool(user.role == "hr_officer" and training_class.jurisdiction.path.startswith(user.region.path))
