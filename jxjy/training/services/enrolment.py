"""Enrolment: roster import by the provider, nominations by units, self-enrolment; capacity enforced.
The roster is exported in the layout of 泉洛政人社[2017]27号 附件4."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, audit_sensitive_read, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.core.spreadsheets import cell_text, read_table, write_form_xlsx
from jxjy.people.identity import InvalidIdentityNumber, parse_identity_number
from jxjy.people.models import Professional

from .. import clock
from ..choices import ClassStatus, EnrolmentSource
from ..models import Enrolment, TrainingClass
from ..permissions import require_provider
from .numbers import format_certificate_no

ROSTER_HEADERS = ["姓名", "身份证号码"]


def _locked_open_class(training_class: TrainingClass) -> TrainingClass:
    training_class = TrainingClass.objects.select_for_update(of=("self",)).select_related("approving_bureau").get(
        pk=training_class.pk)
    if training_class.status != ClassStatus.APPROVED:
        raise ConflictError(f"培训班当前状态为“{training_class.get_status_display()}”，未批准的培训班不能报名")
    if clock.today() > training_class.end_date:
        raise ConflictError("培训班已结束，不能报名")
    return training_class


def _add(actor: Any, training_class: TrainingClass, professional: Professional, source: str,
         unit: Any = None) -> Enrolment:
    if training_class.enrolments.filter(professional=professional).exists():
        raise ConflictError(f"{professional.name} 已报名该培训班")
    taken = training_class.enrolments.count()
    if taken >= training_class.capacity:
        raise ConflictError(f"培训班名额已满（{training_class.capacity}人）")
    assert training_class.certificate_first is not None
    seq = training_class.certificate_first + taken
    enrolment = Enrolment(training_class=training_class, professional=professional, source=source,
                          nominated_by_unit=unit, certificate_seq=seq,
                          certificate_no=format_certificate_no(training_class, seq), created_by=actor)
    enrolment.full_clean()
    enrolment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=enrolment, after=snapshot(enrolment),
                 message=f"{EnrolmentSource(source).label}：{professional.name} 参加 {training_class}")
    return enrolment


@transaction.atomic
def enrolment_self(*, actor: Any, training_class: TrainingClass) -> Enrolment:
    """A professional enrols themself."""
    if actor.role != "professional" or actor.professional is None:
        raise PermissionDenied("只有专业技术人员本人可以报名")
    training_class = _locked_open_class(training_class)
    return _add(actor, training_class, actor.professional, EnrolmentSource.SELF)


@transaction.atomic
def enrolment_nominate(*, actor: Any, training_class: TrainingClass, professionals: list[Professional]) -> list[Enrolment]:
    """A unit sends some of its own staff."""
    if actor.role != "unit_admin" or actor.employer_unit is None:
        raise PermissionDenied("只有单位管理员可以选派人员")
    training_class = _locked_open_class(training_class)
    if not professionals:
        raise ApplicationError("请选择要选派的人员", field="professionals")
    if len(professionals) > training_class.capacity - training_class.enrolments.count():
        raise ConflictError(f"培训班剩余名额不足（共{training_class.capacity}人，已报名{training_class.enrolments.count()}人）")
    created = []
    for person in professionals:
        if person.unit_id != actor.employer_unit_id:
            raise PermissionDenied(f"{person.name} 不是本单位人员")
        created.append(_add(actor, training_class, person, EnrolmentSource.NOMINATION, actor.employer_unit))
    return created


def roster_validate(rows: list[list[Any]], training_class: TrainingClass) -> tuple[list[Professional], list[dict[str, Any]]]:
    """Rows of 姓名/身份证号码 checked like the professionals import: every error with its row number."""
    if not rows:
        raise ApplicationError("表格是空的", field="file")
    header = [cell_text(c) for c in rows[0]]
    index = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in ROSTER_HEADERS if h not in index]
    if missing:
        raise ApplicationError(f"缺少必需的列：{'、'.join(missing)}", field="file")
    enrolled = set(training_class.enrolments.values_list("professional__id_number", flat=True))
    data_rows = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell_text(c) for c in r)]

    def cell(row: list[Any], name: str) -> str:
        i = index[name]
        return cell_text(row[i]) if i < len(row) else ""

    numbers = []
    for _, row in data_rows:
        try:
            numbers.append(parse_identity_number(cell(row, "身份证号码")).number)
        except InvalidIdentityNumber:
            pass
    people = {p.id_number: p for p in Professional.objects.filter(id_number__in=numbers)}
    valid: list[Professional] = []
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    for row_no, row in data_rows:
        name, raw = cell(row, "姓名"), cell(row, "身份证号码")

        def err(column: str, message: str, value: str, _row: int = row_no) -> None:
            errors.append({"row": _row, "column": column, "value": value, "message": message})

        try:
            number = parse_identity_number(raw).number
        except InvalidIdentityNumber as exc:
            err("身份证号码", str(exc), raw)
            continue
        if number in seen:
            err("身份证号码", f"与第 {seen[number]} 行重复", raw)
            continue
        seen[number] = row_no
        person = people.get(number)
        if person is None or person.name != name:
            err("姓名", "姓名与身份证号码不匹配，或该人员尚未在系统登记", name)
        elif number in enrolled:
            err("身份证号码", "该人员已报名本培训班", raw)
        else:
            valid.append(person)
    return valid, errors


@transaction.atomic
def enrolment_import_roster(*, actor: Any, training_class: TrainingClass, filename: str, data: bytes) -> list[Enrolment]:
    """The provider's roster (.xlsx): all rows valid and within capacity, or nothing is enrolled."""
    require_provider(actor, training_class)
    training_class = _locked_open_class(training_class)
    valid, errors = roster_validate(read_table(data, filename), training_class)
    if errors:
        first = errors[0]
        raise ApplicationError(f"花名册有{len(errors)}处错误，未导入。第{first['row']}行“{first['column']}”：{first['message']}",
                               field="file", extra={"errors": errors[:200]})
    if not valid:
        raise ApplicationError("花名册中没有学员", field="file")
    free = training_class.capacity - training_class.enrolments.count()
    if len(valid) > free:
        raise ConflictError(f"花名册{len(valid)}人，超过剩余名额{free}人（培训人数{training_class.capacity}人）")
    created = [_add(actor, training_class, p, EnrolmentSource.ROSTER) for p in valid]
    audit_record(actor=actor, action=AuditAction.IMPORT, obj=training_class, message=f"导入花名册 {filename}：{len(created)}人")
    return created


def roster_xlsx(training_class: TrainingClass, *, actor: Any) -> tuple[bytes, list[int]]:
    """《专业技术人员继续教育培训证书发放、验证花名册》 (泉洛政人社[2017]27号 附件4).

    The form asks for identity numbers: a person's full number is written only where `actor` may see
    it (the policy's "view_identity", e.g. the approving bureau's officers for people in their
    region); everyone else, the provider included, gets the masked number. Returns the file and the
    ids of the people whose full number it carries."""
    headers = ["序号", "姓名", "性别", "身份证号码", "工作单位", "专业技术职务", "培训项目", "培训时间", "学时",
               "考核成绩", "证书编号", "备注"]
    enrolments = list(training_class.enrolments.select_related("professional__unit", "professional__title"))
    people_ids = [e.professional_id for e in enrolments]
    entitled = set(restrict(Professional.objects.filter(pk__in=people_ids), actor, "view_identity")
                   .values_list("pk", flat=True))
    period = f"{training_class.start_date:%Y.%m.%d}-{training_class.end_date:%Y.%m.%d}"
    hours = attended_hours_by_enrolment(training_class)
    rows = []
    for n, e in enumerate(enrolments, start=1):
        p = e.professional
        rows.append([n, p.name, p.get_sex_display(), p.id_number if p.pk in entitled else p.masked_id_number,
                     p.unit.name, p.title.name if p.title else "", training_class.name, period,
                     float(hours.get(e.pk, 0)), float(e.exam_score) if e.exam_score is not None else "",
                     e.certificate_no, ""])
    data = write_form_xlsx(
        sheet_title="花名册", heading="专业技术人员继续教育培训证书发放、验证花名册",
        subheading=(f"申请单位（盖章）：{training_class.provider.name}    批准号：{training_class.approval_no or ''}    "
                    f"证书号：{training_class.certificate_range}"),
        headers=headers, rows=rows,
        footer=["填表人：", "", "", "联系电话：", "", "", "填表日期：", f"{clock.today():%Y年%-m月%-d日}"],
        widths=(6, 10, 6, 22, 24, 14, 24, 22, 8, 10, 16, 10),
    )
    return data, sorted(entitled)


def class_roster_export(*, actor: Any, training_class: TrainingClass) -> bytes:
    """The class roster as downloaded, recorded as a sensitive read naming every person in it."""
    data, unmasked = roster_xlsx(training_class, actor=actor)
    people = list(training_class.enrolments.values_list("professional_id", flat=True))
    audit_sensitive_read(actor=actor, obj=training_class, professional_ids=people,
                         what=f"下载培训班花名册（其中{len(unmasked)}人含完整身份证号码）",
                         extra={"full_id_number_ids": unmasked})
    return data


def attended_hours_by_enrolment(training_class: TrainingClass) -> dict[int, Any]:
    from .attendance import attended_hours

    return attended_hours(training_class)
