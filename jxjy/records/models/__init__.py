from .certificates import Certificate, CertificateSeries
from .gates import FraudFinding, GateCheck, MakeUpObligation, Violation
from .learning import EvidenceFile, LearningRecord, RecordReview
from .standings import RebuildStatus, Standing, StandingKind, StandingRebuild, StandingVerdict
from .verification import VerificationBatch, VerificationEntry, VerificationExemption, VerificationSlot

__all__ = [
    "Certificate",
    "CertificateSeries",
    "EvidenceFile",
    "FraudFinding",
    "GateCheck",
    "LearningRecord",
    "MakeUpObligation",
    "RecordReview",
    "RebuildStatus",
    "Standing",
    "StandingRebuild",
    "StandingKind",
    "StandingVerdict",
    "VerificationBatch",
    "VerificationEntry",
    "VerificationExemption",
    "VerificationSlot",
    "Violation",
]
