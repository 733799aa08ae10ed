"""Models of CE bases and the providers' supervision, split by concern."""

from .bases import Announcement, BaseApplication, BaseEvent, CEBase
from .credit import CreditEvent
from .evaluations import TeacherRating, TraineeEvaluation
from .fees import FeeCap, FeeStandard
from .inspections import INSPECTION_ITEMS, AnnualInspection, Rectification
from .teachers import Engagement, Teacher, TeacherTraining

__all__ = [
    "INSPECTION_ITEMS", "Announcement", "AnnualInspection", "BaseApplication", "BaseEvent", "CEBase", "CreditEvent",
    "Engagement", "FeeCap", "FeeStandard", "Rectification", "Teacher", "TeacherRating",
    "TeacherTraining", "TraineeEvaluation",
]
