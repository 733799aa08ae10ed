"""Models of the training-class workflow, split by stage."""

from .classes import ClassReview, ScheduleItem, TeacherResume, TrainingClass
from .config import Holiday, ReviewChain, ReviewChainStep, TrainingSettings
from .enrolment import Attendance, AttendanceSheet, Enrolment
from .notice import Objection, PublicNotice
from .plans import PlanItem, TrainingPlan
from .recognition import (
    ClassSummary,
    EvidenceFile,
    Inspection,
    RecognitionExtension,
)

__all__ = [
    "Attendance", "AttendanceSheet", "ClassReview", "ClassSummary", "Enrolment", "EvidenceFile", "Holiday",
    "Inspection", "Objection", "PlanItem", "PublicNotice",
    "RecognitionExtension", "ReviewChain", "ReviewChainStep", "ScheduleItem", "TeacherResume", "TrainingClass",
    "TrainingPlan", "TrainingSettings",
]
