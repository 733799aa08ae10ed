"""The one evidence-file service: every uploaded file a reviewer opens goes through `evidence_view`.

A file is reachable only here (MEDIA_ROOT has no URL of its own). Each kind names the object it
belongs to and the policy action on that object (`jxjy.accounts.policy.can`); a file outside the
user's scope answers 404 exactly like a missing one, so its existence does not leak. Each open is a
sensitive read in the audit log, naming the people the file is about.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import PurePosixPath
from typing import Any

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import FileResponse, Http404, HttpRequest
from django.urls import reverse

from jxjy.accounts.policy import Action, can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, audit_sensitive_read
from jxjy.core.downloads import content_disposition
from jxjy.core.spreadsheets import XLSX_CONTENT_TYPE

# Content types from the stored file's extension, never from what the uploading client said.
# Only these are shown in the browser; anything else is offered as a download.
INLINE_TYPES = {".pdf": "application/pdf", ".png": "image/png", ".jpg": "image/jpeg", ".jpeg": "image/jpeg"}
ATTACHMENT_TYPES = {
    ".xlsx": XLSX_CONTENT_TYPE,
    ".xls": "application/vnd.ms-excel",
    ".doc": "application/msword",
    ".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    ".ppt": "application/vnd.ms-powerpoint",
    ".pptx": "application/vnd.openxmlformats-officedocument.presentationml.presentation",
}


@dataclass(frozen=True)
class EvidenceKind:
    model: str  # app_label.ModelName of the row holding the FileField `file`
    what: str  # 签到表, 师资简历 … (the audit message)
    owner: Callable[[Any], models.Model]  # the object whose scope decides
    action: Action
    display_name: Callable[[Any], str]
    people: Callable[[Any], list[int]] | None = None  # professional ids the file is about


def _class_trainees(training_class: Any) -> list[int]:
    return list(training_class.enrolments.values_list("professional_id", flat=True))


def _class_evidence_people(evidence: Any) -> list[int]:
    # Rosters and sign-in sheets list the trainees (泉洛政人社[2017]27号 一（五）3); handouts and photos do not.
    return _class_trainees(evidence.training_class) if evidence.kind in ("roster", "sign_in") else []


def _with_suffix(label: str, obj: Any) -> str:
    suffix = PurePosixPath(obj.file.name).suffix.lower()
    return label if label.lower().endswith(suffix) else f"{label}{suffix}"


# The class's files are seen by those who may act on the class ("change": its organiser, the reviewing
# and supervising officers) — not by every professional or unit that may read the published class.
KINDS: dict[str, EvidenceKind] = {
    "class-evidence": EvidenceKind(
        "training.EvidenceFile", "认定材料", lambda e: e.training_class, "change",
        lambda e: f"{e.training_class.name}-{e.get_kind_display()}-{e.original_name}", _class_evidence_people),
    "resume": EvidenceKind(
        "training.TeacherResume", "师资简历", lambda r: r.training_class, "change",
        lambda r: f"{r.teacher_name}简历-{r.original_name}"),
    "sign-in-sheet": EvidenceKind(
        "training.AttendanceSheet", "签到表", lambda s: s.schedule_item.training_class, "change",
        lambda s: f"{s.schedule_item.training_class.name}-{s.schedule_item.date:%Y-%m-%d}"
                  f"{s.schedule_item.get_half_day_display()}签到表-{s.original_name}",
        lambda s: _class_trainees(s.schedule_item.training_class)),
    # A declared record's evidence is seen by whoever may see the record (the person, the unit, the
    # officers over the person, the organiser that reported it).
    "record-evidence": EvidenceKind(
        "records.EvidenceFile", "学习记录佐证材料", lambda e: e.record, "view",
        lambda e: _with_suffix(f"{e.record.professional.name}-{e.name}", e), lambda e: [e.record.professional_id]),
}


def evidence_url(kind: str, obj: models.Model) -> str:
    return reverse("core:evidence", args=[kind, obj.pk])


def evidence_open(user: Any, kind_key: str, pk: int) -> FileResponse:
    """The file as a streamed response, or Http404 if it is missing or outside the user's scope."""
    kind = KINDS.get(kind_key)
    if kind is None:
        raise Http404("没有该文件")
    model = apps.get_model(kind.model)
    obj = model._default_manager.filter(pk=pk).first()
    if obj is None or not obj.file or not can(user, kind.action, kind.owner(obj)):
        raise Http404("没有该文件")
    suffix = PurePosixPath(obj.file.name).suffix.lower()
    inline = suffix in INLINE_TYPES
    content_type = INLINE_TYPES.get(suffix) or ATTACHMENT_TYPES.get(suffix) or "application/octet-stream"
    try:
        handle = obj.file.open("rb")
    except FileNotFoundError:
        raise Http404("没有该文件") from None
    name = kind.display_name(obj)
    people = kind.people(obj) if kind.people is not None else []
    if people:
        audit_sensitive_read(actor=user, what=f"查看{kind.what}“{name}”", professional_ids=people, obj=obj)
    else:
        audit_record(actor=user, action=AuditAction.READ_SENSITIVE, obj=obj, message=f"查看{kind.what}“{name}”")
    response = FileResponse(handle, content_type=content_type)
    response["Content-Disposition"] = content_disposition(name, inline=inline)
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "no-store, private"
    return response


@login_required
def evidence_view(request: HttpRequest, kind: str, pk: int) -> FileResponse:
    return evidence_open(request.user, kind, pk)
