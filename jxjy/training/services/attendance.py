"""Half-day attendance (泉洛政人社[2017]27号 一(五)3: 半日内至少签到、签退各一次).

Trainees scan a rotating QR code shown in the room: the code carries a signed token bound to one
session and one direction (in/out), valid for a few minutes. Providers may instead upload the signed sheet."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.core import signing
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Sum

from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied

from .. import clock
from ..choices import ClassStatus, SignKind, SignMethod
from ..models import Attendance, AttendanceSheet, Enrolment, ScheduleItem, TrainingClass
from ..permissions import require_provider
from .config import settings_for
from .uploads import SCANS, check_upload

_SALT = "jxjy.training.attendance"


def qr_token(*, item: ScheduleItem, kind: str) -> str:
    """A fresh token for one session and direction; the QR page shows a new one every minute."""
    return signing.dumps({"s": item.pk, "k": kind, "n": clock.now().timestamp()}, salt=_SALT, compress=False)


def qr_token_read(*, item: ScheduleItem, token: str) -> str:
    """The direction the token signs for, if it is genuine, unexpired and made for this session."""
    minutes = settings_for(item.training_class.approving_bureau).qr_valid_minutes
    try:
        payload = signing.loads(token, salt=_SALT, max_age=minutes * 60)
    except signing.SignatureExpired:
        raise ApplicationError(f"二维码已过期（有效期{minutes}分钟），请重新扫描现场的二维码", field="token") from None
    except signing.BadSignature:
        raise ApplicationError("二维码无效", field="token") from None
    if payload.get("s") != item.pk:
        raise ApplicationError("该二维码不属于本时段，请扫描本时段现场的二维码", field="token")
    kind = payload.get("k")
    if kind not in (SignKind.IN, SignKind.OUT):
        raise ApplicationError("二维码无效", field="token")
    return str(kind)


def _check_session_open(item: ScheduleItem) -> None:
    if item.training_class.status != ClassStatus.APPROVED:
        raise ConflictError(f"培训班当前状态为“{item.training_class.get_status_display()}”，不能签到")
    if clock.today() != item.date:
        raise ConflictError(f"本时段在{item.date:%Y年%-m月%-d日}，只能当天签到、签退")


def _mark(attendance: Attendance, kind: str, method: str, actor: Any) -> None:
    now = clock.now()
    if kind == SignKind.IN:
        if attendance.signed_in_at is not None:
            raise ConflictError(f"已于{attendance.signed_in_at.astimezone():%H:%M}签到，不能重复签到")
        attendance.signed_in_at, attendance.sign_in_method, attendance.sign_in_by = now, method, actor
    else:
        if attendance.signed_in_at is None:
            raise ConflictError("尚未签到，不能签退")
        if attendance.signed_out_at is not None:
            raise ConflictError(f"已于{attendance.signed_out_at.astimezone():%H:%M}签退，不能重复签退")
        attendance.signed_out_at, attendance.sign_out_method, attendance.sign_out_by = now, method, actor


@transaction.atomic
def attendance_sign_by_qr(*, actor: Any, item: ScheduleItem, token: str) -> Attendance:
    """The trainee's own sign-in or sign-out from the scanned code."""
    item = ScheduleItem.objects.select_related("training_class__approving_bureau").get(pk=item.pk)
    kind = qr_token_read(item=item, token=token)
    _check_session_open(item)
    if actor.role != "professional" or actor.professional_id is None:
        raise PermissionDenied("请使用学员本人的账号扫码")
    enrolment = Enrolment.objects.filter(training_class=item.training_class, professional_id=actor.professional_id).first()
    if enrolment is None:
        raise PermissionDenied("您不在本培训班的花名册中")
    attendance, _ = Attendance.objects.select_for_update().get_or_create(enrolment=enrolment, schedule_item=item)
    before = snapshot(attendance)
    _mark(attendance, kind, SignMethod.QR, actor)
    attendance.save()
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=attendance, before=before, after=snapshot(attendance),
                 region_path=enrolment.professional.region.path, message=f"扫码{SignKind(kind).label}：{item}")
    return attendance


@transaction.atomic
def attendance_record_sheet(*, actor: Any, item: ScheduleItem, filename: str, data: bytes,
                            signed_in: list[int], signed_out: list[int]) -> AttendanceSheet:
    """The provider uploads the signed paper sheet and marks who signed in and out on it."""
    item = ScheduleItem.objects.select_related("training_class__approving_bureau").get(pk=item.pk)
    require_provider(actor, item.training_class)
    if item.training_class.status != ClassStatus.APPROVED:
        raise ConflictError(f"培训班当前状态为“{item.training_class.get_status_display()}”，不能登记签到")
    if clock.today() < item.date:
        raise ConflictError("该时段尚未开始，不能登记签到表")
    upload = check_upload(name=filename, data=data, allowed=SCANS)
    enrolments = {e.pk: e for e in item.training_class.enrolments.all()}
    unknown = [pk for pk in [*signed_in, *signed_out] if pk not in enrolments]
    if unknown:
        raise ApplicationError("所选学员不在本培训班花名册中", field="signed_in")
    sheet = AttendanceSheet(schedule_item=item, original_name=upload.name, uploaded_by=actor)
    sheet.file.save(upload.name, ContentFile(data), save=False)
    sheet.save()
    for pk in sorted(set(signed_in) | set(signed_out)):
        attendance, _ = Attendance.objects.select_for_update().get_or_create(enrolment=enrolments[pk], schedule_item=item)
        if pk in signed_in and attendance.signed_in_at is None:
            _mark(attendance, SignKind.IN, SignMethod.SHEET, actor)
        if pk in signed_out and attendance.signed_out_at is None:
            _mark(attendance, SignKind.OUT, SignMethod.SHEET, actor)
        attendance.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=item.training_class,
                 message=f"上传签到表（{item}）：签到{len(set(signed_in))}人，签退{len(set(signed_out))}人")
    return sheet


def attended_hours(training_class: TrainingClass) -> dict[int, Decimal]:
    """Hours earned per enrolment: only sessions with both a sign-in and a sign-out count."""
    rows = (Attendance.objects.filter(enrolment__training_class=training_class, signed_in_at__isnull=False,
                                      signed_out_at__isnull=False)
            .values("enrolment_id").annotate(total=Sum("schedule_item__hours")))
    return {r["enrolment_id"]: r["total"] for r in rows}
