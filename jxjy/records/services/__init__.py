"""Writes of this app. `learning_record_recognise_from_source` is called by the class and online workflows."""

from .certificates import certificate_issue, certificate_revoke
from .gates import (
    fraud_finding_record,
    gate_check,
    gate_check_batch,
    make_up_obligations_refresh,
    violation_record,
)
from .learning import (
    learning_record_declare,
    learning_record_recognise_from_source,
    learning_record_review,
    learning_records_recognise_class,
)
from .standings import (
    standing_rebuild_request,
    standings_move,
    standings_rebuild,
    standings_refresh,
    standings_verify,
)
from .verification import (
    default_deadline,
    verification_batch_create,
    verification_batch_submit,
    verification_direct,
    verification_education_stamp,
    verification_entry_decide,
    verification_entry_health_precheck,
    verification_exemption_record,
    verification_slot_book,
    verification_slot_publish,
    verification_teacher_cycle,
)

__all__ = [
    "certificate_issue",
    "certificate_revoke",
    "default_deadline",
    "fraud_finding_record",
    "gate_check",
    "gate_check_batch",
    "learning_record_declare",
    "learning_record_recognise_from_source",
    "learning_record_review",
    "learning_records_recognise_class",
    "make_up_obligations_refresh",
    "standing_rebuild_request",
    "standings_move",
    "standings_rebuild",
    "standings_refresh",
    "standings_verify",
    "verification_batch_create",
    "verification_batch_submit",
    "verification_direct",
    "verification_education_stamp",
    "verification_entry_decide",
    "verification_entry_health_precheck",
    "verification_exemption_record",
    "verification_slot_book",
    "verification_slot_publish",
    "verification_teacher_cycle",
    "violation_record",
]
