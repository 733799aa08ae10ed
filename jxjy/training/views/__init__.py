"""Pages of the training workflow: thin views that parse, call one service or selector, and render."""

from .attendance import session_qr_fragment, session_qr_view, sheet_upload_view, sign_view
from .classes import (
    class_action_view,
    class_create_view,
    class_detail_view,
    class_edit_view,
    class_list_view,
    evidence_upload_view,
    extension_view,
    inspection_view,
    nominate_view,
    objection_resolve_view,
    resume_upload_view,
    roster_export_view,
    roster_import_view,
    scores_view,
    summary_view,
)
from .plans import plan_action_view, plan_create_view, plan_detail_view, plan_list_view, published_plans_view
from .public import notice_detail_view, notice_list_view, notifications_view

__all__ = [
    "class_action_view", "class_create_view", "class_detail_view", "class_edit_view", "class_list_view",
    "evidence_upload_view", "extension_view", "inspection_view", "nominate_view", "notice_detail_view",
    "notice_list_view", "notifications_view", "objection_resolve_view", "plan_action_view", "plan_create_view",
    "plan_detail_view", "plan_list_view", "published_plans_view", "resume_upload_view", "roster_export_view",
    "roster_import_view", "scores_view", "session_qr_fragment", "session_qr_view", "sheet_upload_view", "sign_view",
    "summary_view",
]
