"""Roster import (花名册导入): validate every row, then apply all of it — or, when the user
explicitly chooses, only its valid rows — in one transaction, keyed on the identity number."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.tasks import task
from django.utils import timezone

from jxjy.accounts.policy import restrict
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record
from jxjy.core.errors import ApplicationError, ConflictError
from jxjy.core.spreadsheets import cell_text, parse_date, read_table, write_xlsx
from jxjy.orgs.models import EmployerUnit
from jxjy.people.hooks import professionals_changed

from ..choices import HealthFacility, Level, Series
from ..identity import InvalidIdentityNumber, parse_identity_number
from ..models import ImportStatus, Placement, Professional, RosterImport, Title
from .placements import HISTORY_START, placement_move

HEADERS = ["姓名", "身份证号码", "手机号码", "所在单位", "系列", "职称", "取得职称时间", "医疗机构级别"]
REQUIRED = ["姓名", "身份证号码", "所在单位"]
_SERIES_BY_LABEL = {str(c.label): c.value for c in Series} | {c.value: c.value for c in Series}
_FACILITY_BY_LABEL = {str(c.label): c.value for c in HealthFacility} | {"": ""}
_PHONE = re.compile(r"^1\d{10}$")
_PROGRESS_EVERY = 200
APPLY_BATCH = 1000  # rows per write transaction: the write lock is held for one batch at a time


@dataclass
class RowData:
    row: int
    name: str
    id_number: str
    phone: str
    unit_id: int
    series: str
    title_id: int | None
    level: str
    title_obtained_on: Any
    health_facility: str
    birth_date: Any
    sex: str


def template_xlsx() -> bytes:
    example = ["张三", "350102199001011234", "13800000000", "福州市第一医院", "卫生", "主治医师", "2018-09-01", "二级及以下医疗机构"]
    notes = [
        ("姓名", "必填"),
        ("身份证号码", "必填，18位，系统按国家标准校验最后一位"),
        ("手机号码", "选填，11位"),
        ("所在单位", "必填，单位全称或统一社会信用代码，须在您的管辖范围内"),
        ("系列", "未填职称时必填：" + "、".join(str(c.label) for c in Series)),
        ("职称", "选填，须为系统职称目录中的名称；填写后系列与级别按职称确定"),
        ("取得职称时间", "选填，格式 YYYY-MM-DD"),
        ("医疗机构级别", "卫生系列选填：一级医疗机构、二级及以下医疗机构"),
    ]
    return write_xlsx([("花名册", HEADERS, [example]), ("填写说明", ["列", "说明"], notes)])


def roster_import_upload(*, actor: Any, filename: str, data: bytes) -> RosterImport:
    """Checks that the file is a readable spreadsheet, stores it, and starts validation."""
    if actor.region is None and not actor.is_superuser:
        raise ApplicationError("您的账号没有管辖区划，不能导入")
    rows = read_table(data, filename)
    _header_index(rows)
    total = _data_row_count(rows)
    if total > settings.IMPORT_MAX_ROWS:
        raise ApplicationError(f"表格有 {total:,} 行数据，超过单次导入上限 {settings.IMPORT_MAX_ROWS:,} 行，请分批导入",
                               field="file")
    record = RosterImport(
        uploaded_by=actor,
        region=actor.region,
        filename=filename[:200],
        total_rows=total,
        heartbeat_at=timezone.now(),
    )
    record.file.save(filename, ContentFile(data), save=False)
    record.save()
    audit_record(actor=actor, action=AuditAction.IMPORT, obj=record, message=f"上传花名册 {filename}")
    roster_import_validate_task.enqueue(record.pk)
    return record


def _data_row_count(rows: list[list[Any]]) -> int:
    return sum(1 for r in rows[1:] if any(cell_text(c) for c in r))


def _header_index(rows: list[list[Any]]) -> dict[str, int]:
    if not rows:
        raise ApplicationError("表格是空的，请使用导入模板", field="file")
    header = [cell_text(c) for c in rows[0]]
    index = {h: i for i, h in enumerate(header) if h}
    missing = [h for h in REQUIRED if h not in index]
    if missing:
        raise ApplicationError(f"缺少必需的列：{'、'.join(missing)}（请使用导入模板）", field="file")
    return index


def validate_rows(
    rows: list[list[Any]], *, actor: Any, on_progress: Any = None
) -> tuple[list[RowData], list[dict[str, Any]]]:
    """Every row checked; errors as {row, column, value, message} with the spreadsheet row number."""
    index = _header_index(rows)
    units = restrict(EmployerUnit.objects.all(), actor, "change").values_list("id", "name", "credit_code")
    by_name: dict[str, list[int]] = {}
    by_code: dict[str, int] = {}
    for uid, uname, code in units:
        by_name.setdefault(uname, []).append(uid)
        by_code[code] = uid
    titles = {t.name: t for t in Title.objects.all()}
    changeable_ids = set(
        restrict(Professional.objects.all(), actor, "change").values_list("id_number", flat=True)
    ) if actor is not None else set()
    valid: list[RowData] = []
    errors: list[dict[str, Any]] = []
    seen: dict[str, int] = {}
    data_rows = [(n, r) for n, r in enumerate(rows[1:], start=2) if any(cell_text(c) for c in r)]
    id_numbers_in_file = [cell_text(_cell(r, index, "身份证号码")).upper() for _, r in data_rows]
    existing_elsewhere = set(
        Professional.objects.filter(id_number__in=id_numbers_in_file).exclude(id_number__in=changeable_ids)
        .values_list("id_number", flat=True)
    )

    for count, (row_no, row) in enumerate(data_rows, start=1):
        row_errors: list[dict[str, Any]] = []

        def err(column: str, message: str, value: Any = "", *, _row: int = row_no, _errs: list[dict[str, Any]] = row_errors) -> None:
            _errs.append({"row": _row, "column": column, "value": cell_text(value), "message": message})

        name = cell_text(_cell(row, index, "姓名"))
        if not name:
            err("姓名", "姓名不能为空")
        elif len(name) > 50:
            err("姓名", "姓名过长（不超过50个字）", name)

        raw_id = cell_text(_cell(row, index, "身份证号码"))
        facts = None
        try:
            facts = parse_identity_number(raw_id)
        except InvalidIdentityNumber as exc:
            err("身份证号码", str(exc), raw_id)
        if facts is not None:
            if facts.number in seen:
                err("身份证号码", f"与第 {seen[facts.number]} 行重复", raw_id)
            else:
                seen[facts.number] = row_no
            if facts.number in existing_elsewhere:
                err("身份证号码", "该人员已在其他单位登记，不在您的管辖范围内，请联系人社部门办理调动", raw_id)

        phone = cell_text(_cell(row, index, "手机号码"))
        if phone and not _PHONE.match(phone):
            err("手机号码", "手机号码应为以1开头的11位数字", phone)

        unit_text = cell_text(_cell(row, index, "所在单位"))
        unit_id: int | None = None
        if not unit_text:
            err("所在单位", "所在单位不能为空")
        elif unit_text.upper() in by_code:
            unit_id = by_code[unit_text.upper()]
        elif len(by_name.get(unit_text, [])) == 1:
            unit_id = by_name[unit_text][0]
        elif len(by_name.get(unit_text, [])) > 1:
            err("所在单位", "单位名称不唯一，请填写统一社会信用代码", unit_text)
        else:
            err("所在单位", "未找到该单位，或该单位不在您的管辖范围内", unit_text)

        title_text = cell_text(_cell(row, index, "职称"))
        series_text = cell_text(_cell(row, index, "系列"))
        series = _SERIES_BY_LABEL.get(series_text) if series_text else None
        if series_text and series is None:
            err("系列", f"未知的系列，可选：{'、'.join(str(c.label) for c in Series)}", series_text)
        title = titles.get(title_text) if title_text else None
        if title_text and title is None:
            err("职称", "职称目录中没有该职称", title_text)
        if title is not None and series is not None and title.series != series:
            err("系列", f"职称“{title.name}”属于{Series(title.series).label}系列，与所填系列不符", series_text)
        if not title_text and not series_text:
            err("系列", "未填职称时必须填写系列")

        obtained = None
        raw_date = _cell(row, index, "取得职称时间")
        try:
            obtained = parse_date(raw_date)
        except ValueError as exc:
            err("取得职称时间", str(exc), raw_date)
        if obtained is not None:
            if obtained > timezone.localdate():
                err("取得职称时间", "取得职称时间不能晚于今天", raw_date)
            elif facts is not None and obtained <= facts.birth_date:
                err("取得职称时间", "取得职称时间不能早于出生日期", raw_date)
            if title is None and not title_text:
                err("取得职称时间", "未填职称时不应填写取得职称时间", raw_date)

        facility_text = cell_text(_cell(row, index, "医疗机构级别"))
        facility = _FACILITY_BY_LABEL.get(facility_text)
        if facility is None:
            err("医疗机构级别", "应为“一级医疗机构”或“二级及以下医疗机构”", facility_text)

        if row_errors:
            errors.extend(row_errors)
        else:
            assert facts is not None and unit_id is not None
            valid.append(
                RowData(
                    row=row_no,
                    name=name,
                    id_number=facts.number,
                    phone=phone,
                    unit_id=unit_id,
                    series=title.series if title else str(series),
                    title_id=title.pk if title else None,
                    level=title.level if title else Level.NONE,
                    title_obtained_on=obtained,
                    health_facility=facility or "",
                    birth_date=facts.birth_date,
                    sex=facts.sex,
                )
            )
        if on_progress is not None and count % _PROGRESS_EVERY == 0:
            on_progress(count)
    return valid, errors


def _cell(row: list[Any], index: dict[str, int], header: str) -> Any:
    i = index.get(header)
    return row[i] if i is not None and i < len(row) else ""


def _load(record: RosterImport) -> list[list[Any]]:
    with record.file.open("rb") as fh:
        return read_table(fh.read(), record.filename)


@task()
def roster_import_validate_task(import_id: int) -> None:
    record = RosterImport.objects.select_related("uploaded_by").get(pk=import_id)
    try:
        rows = _load(record)

        def progress(n: int) -> None:
            RosterImport.objects.filter(pk=record.pk).update(processed_rows=n, heartbeat_at=timezone.now())

        valid, errors = validate_rows(rows, actor=record.uploaded_by, on_progress=progress)
    except ApplicationError as exc:
        RosterImport.objects.filter(pk=record.pk, status=ImportStatus.VALIDATING).update(
            status=ImportStatus.FAILED, failure=exc.message)
        return
    RosterImport.objects.filter(pk=record.pk, status=ImportStatus.VALIDATING).update(
        status=ImportStatus.VALIDATED,
        processed_rows=record.total_rows,
        valid_rows=len(valid),
        errors=errors,
        heartbeat_at=timezone.now(),
    )


def roster_import_confirm(*, actor: Any, record: RosterImport, valid_only: bool) -> RosterImport:
    if record.uploaded_by_id != actor.pk:
        raise ConflictError("只能确认本人上传的导入")
    if record.status != ImportStatus.VALIDATED:
        raise ConflictError(f"该导入当前状态为“{record.get_status_display()}”，不能确认导入")
    if record.errors and not valid_only:
        raise ApplicationError(
            f"有 {record.error_count} 处错误。请修正后重新上传，或明确选择“仅导入有效行”", field="valid_only"
        )
    if record.valid_rows == 0:
        raise ApplicationError("没有可导入的有效行", field="file")
    updated = RosterImport.objects.filter(pk=record.pk, status=ImportStatus.VALIDATED).update(
        status=ImportStatus.IMPORTING, valid_only=valid_only, processed_rows=0, heartbeat_at=timezone.now()
    )
    if not updated:
        raise ConflictError("该导入已在进行中")
    roster_import_apply_task.enqueue(record.pk)
    record.refresh_from_db()
    return record


@task()
def roster_import_apply_task(import_id: int) -> None:
    record = RosterImport.objects.select_related("uploaded_by").get(pk=import_id)
    try:
        counts = _apply(record)
    except ApplicationError as exc:
        RosterImport.objects.filter(pk=record.pk, status=ImportStatus.IMPORTING).update(
            status=ImportStatus.FAILED, failure=exc.message)
        return
    RosterImport.objects.filter(pk=record.pk, status=ImportStatus.IMPORTING).update(
        status=ImportStatus.DONE,
        created_count=counts[0],
        updated_count=counts[1],
        unchanged_count=counts[2],
        finished_at=timezone.now(),
    )


def roster_import_retry(*, actor: Any, record: RosterImport) -> RosterImport:
    """Starts a stalled import again (its worker was killed): validation from the beginning, the write
    step after its last committed batch. Only the uploader, only when it has stopped advancing."""
    if record.uploaded_by_id != actor.pk:
        raise ConflictError("只能重试本人上传的导入")
    if not record.stalled:
        raise ConflictError("该导入仍在进行中或已结束，不需要重试")
    # The heartbeat read above must still be the stored one: two clicks start one task.
    taken = RosterImport.objects.filter(pk=record.pk, status=record.status, heartbeat_at=record.heartbeat_at).update(
        heartbeat_at=timezone.now())
    if not taken:
        raise ConflictError("该导入已被重新启动")
    task = roster_import_validate_task if record.status == ImportStatus.VALIDATING else roster_import_apply_task
    audit_record(actor=actor, action=AuditAction.IMPORT, obj=record,
                 region_path=record.region.path if record.region else "",
                 message=f"重试中断的花名册导入（{record.get_status_display()}，已处理 {record.processed_rows} 行）")
    task.enqueue(record.pk)
    record.refresh_from_db()
    return record


def roster_import_cancel(*, actor: Any, record: RosterImport) -> RosterImport:
    """Ends an import that waits for confirmation or has stalled. Batches already written stay (each
    was complete and audited); nothing more is written."""
    if record.uploaded_by_id != actor.pk:
        raise ConflictError("只能取消本人上传的导入")
    if not (record.status == ImportStatus.VALIDATED or record.stalled):
        raise ConflictError(f"该导入当前状态为“{record.get_status_display()}”，不能取消")
    with transaction.atomic():
        locked = RosterImport.objects.select_for_update().get(pk=record.pk)
        if locked.status != record.status or locked.processed_rows != record.processed_rows:
            raise ConflictError("该导入刚刚有了新进展，请刷新后再操作")
        RosterImport.objects.filter(pk=record.pk).update(status=ImportStatus.CANCELLED, finished_at=timezone.now())
        kept = f"，此前已写入的 {record.processed_rows} 行保留" if record.status == ImportStatus.IMPORTING else ""
        audit_record(actor=actor, action=AuditAction.IMPORT, obj=record,
                     region_path=record.region.path if record.region else "",
                     message=f"取消花名册导入{kept}")
    record.refresh_from_db()
    return record


_COMPARED = ("name", "phone", "unit_id", "series", "title_id", "level", "title_obtained_on", "health_facility")


def _apply(record: RosterImport) -> tuple[int, int, int]:
    """Applies the valid rows in batches of APPLY_BATCH, each in its own short transaction (the write
    lock is never held for the whole file) together with its progress and its audit entry. A retry
    after a killed worker resumes after the last committed batch: `processed_rows` counts the valid
    rows applied and is written in the batch's own transaction."""
    actor = record.uploaded_by
    rows = _load(record)
    valid, errors = validate_rows(rows, actor=actor)
    if errors and not record.valid_only:
        raise ApplicationError("文件中存在错误行，未导入任何数据")
    counts = [record.created_count, record.updated_count, record.unchanged_count]
    for start in range(record.processed_rows, len(valid), APPLY_BATCH):
        chunk = valid[start:start + APPLY_BATCH]
        with transaction.atomic():
            locked = RosterImport.objects.select_for_update().get(pk=record.pk)
            if locked.status != ImportStatus.IMPORTING or locked.processed_rows != start:
                raise ApplicationError("导入已被取消或由另一个任务接手，本任务停止")
            created, updated, unchanged = _apply_batch(record, actor, chunk)
            counts = [counts[0] + created, counts[1] + updated, counts[2] + unchanged]
            RosterImport.objects.filter(pk=record.pk).update(
                processed_rows=start + len(chunk), created_count=counts[0], updated_count=counts[1],
                unchanged_count=counts[2], heartbeat_at=timezone.now())
    audit_record(
        actor=actor,
        action=AuditAction.IMPORT,
        obj=record,
        region_path=record.region.path if record.region else "",
        message=f"花名册导入完成：新增{counts[0]}，更新{counts[1]}，未变化{counts[2]}，"
                f"跳过错误行{len({e['row'] for e in errors})}",
    )
    return counts[0], counts[1], counts[2]


def _apply_batch(record: RosterImport, actor: Any, chunk: list[RowData]) -> tuple[int, int, int]:
    """One batch: new people in one bulk insert, changed people in one bulk update, movers' placements,
    the standings hook, and ONE audit entry naming every person the batch created or changed (with the
    fields that changed, before → after)."""
    units = {u.pk: u for u in EmployerUnit.objects.filter(pk__in={r.unit_id for r in chunk}).select_related("region")}
    existing = {p.id_number: p for p in Professional.objects.filter(id_number__in=[r.id_number for r in chunk])}
    new_people: list[Professional] = []
    changed_people: list[Professional] = []
    movers: list[tuple[Professional, int, int]] = []
    changes: dict[str, dict[str, list[Any]]] = {}
    unchanged = 0
    for row in chunk:
        unit = units[row.unit_id]
        person = existing.get(row.id_number)
        if person is None:
            person = Professional(id_number=row.id_number, birth_date=row.birth_date, sex=row.sex, region=unit.region)
            _fill(person, row, unit)
            new_people.append(person)
            continue
        before = {f: getattr(person, f) for f in _COMPARED}
        previous_region_id = person.region_id
        _fill(person, row, unit)
        after = {f: getattr(person, f) for f in _COMPARED}
        if after == before:
            unchanged += 1
            continue
        changed_people.append(person)
        changes[str(person.pk)] = {f: [_plain(before[f]), _plain(after[f])] for f in _COMPARED if before[f] != after[f]}
        if person.unit_id != before["unit_id"]:  # a move reported by the roster: dated the day of the import
            movers.append((person, before["unit_id"], previous_region_id))
    Professional.objects.bulk_create(new_people, batch_size=500)
    if changed_people:
        Professional.objects.bulk_update(changed_people, [*(f.removesuffix("_id") for f in _COMPARED), "region"],
                                         batch_size=500)
    for person, previous_unit_id, previous_region_id in movers:
        placement_move(professional=person, previous_unit_id=previous_unit_id, previous_region_id=previous_region_id)
    Placement.objects.bulk_create(
        [Placement(professional=p, unit_id=p.unit_id, region_id=p.region_id, valid_from=HISTORY_START)
         for p in new_people], batch_size=1000)
    changed_ids = [p.pk for p in new_people] + [p.pk for p in changed_people]
    professionals_changed([p.pk for p in new_people], {"created"})  # new: judged, nothing stored to move
    professionals_changed([p.pk for p in changed_people], {"imported"})
    if changed_ids:
        audit_record(
            actor=actor, action=AuditAction.IMPORT, obj=record,
            region_path=record.region.path if record.region else "",
            message=f"花名册导入第{chunk[0].row}—{chunk[-1].row}行：新增{len(new_people)}人，更新{len(changed_people)}人",
            after={"created": [p.pk for p in new_people], "updated": changes},
        )
    return len(new_people), len(changed_people), unchanged


def _plain(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value


def _fill(person: Professional, row: RowData, unit: EmployerUnit) -> None:
    person.name = row.name
    person.phone = row.phone
    person.unit = unit
    person.region = unit.region
    person.series = row.series
    person.title_id = row.title_id
    person.level = row.level
    person.title_obtained_on = row.title_obtained_on
    person.health_facility = row.health_facility


def errors_xlsx(record: RosterImport, *, actor: Any = None) -> bytes:
    """The rows that failed, with what was written and why. Only the uploader sees an import, and
    the file holds only what they wrote; downloading it is still recorded (it may hold identity
    numbers as typed)."""
    rows = [(e["row"], e["column"], e["value"], e["message"]) for e in record.errors]
    data = write_xlsx([("错误明细", ["行号", "列", "填写内容", "错误原因"], rows)])
    if actor is not None:
        audit_record(actor=actor, action=AuditAction.EXPORT, obj=record,
                     region_path=record.region.path if record.region else "",
                     message=f"下载花名册导入错误明细：{len(rows)}处错误")
    return data


def import_list_for(actor: Any) -> Any:
    return RosterImport.objects.filter(Q(uploaded_by=actor)).order_by("-created_at")[:20]
