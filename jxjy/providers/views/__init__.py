"""Pages of the providers app; thin: parse, authorise, call one service or selector, render."""

from .bases import (
    application_create_view,
    application_detail_view,
    application_list_view,
    base_detail_view,
    base_list_view,
    base_revoke_view,
    inspection_create_view,
    rectification_decide_view,
    rectification_report_view,
    reminder_list_view,
)
from .misc import credit_record_view, evaluation_view, fee_list_view, scope_check_view
from .public import public_list_view, public_provider_view
from .teachers import teacher_create_view, teacher_detail_view, teacher_list_view

__all__ = [
    "application_create_view", "application_detail_view", "application_list_view", "base_detail_view",
    "base_list_view", "base_revoke_view", "credit_record_view", "evaluation_view", "fee_list_view",
    "inspection_create_view", "public_list_view", "public_provider_view", "rectification_decide_view",
    "rectification_report_view", "reminder_list_view", "scope_check_view", "teacher_create_view",
    "teacher_detail_view", "teacher_list_view",
]
