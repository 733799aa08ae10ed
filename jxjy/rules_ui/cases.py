"""Builds a rules-engine case from the check page's form fields or an uploaded file."""

from __future__ import annotations

import json
from typing import Any

from django.http import QueryDict

from jxjy.core.errors import ApplicationError
from jxjy.core.spreadsheets import cell_text, parse_date, read_table

RECORD_FIELDS = ["date", "subject", "form", "hours", "days", "credits", "course", "required_course", "credit_class", "general_practice"]
SUBJECTS = [("professional", "专业科目"), ("public", "公需科目")]
FORMS = [
    ("centralized", "集中培训"), ("distance", "远程/网络"), ("self_study", "自学"), ("conference", "学术会议"),
    ("advanced_study", "进修"), ("degree", "学历学位教育"), ("paper", "论文"), ("research", "课题研究"), ("overseas", "出国(境)研修"),
]
UPLOAD_HEADERS = {
    "日期": "date", "科目": "subject", "形式": "form", "学时": "hours", "天数": "days", "学分": "credits",
    "课程": "course", "公需必修课": "required_course", "学分类别": "credit_class", "全科医学": "general_practice",
}
_SUBJECT_BY_LABEL = {label: value for value, label in SUBJECTS} | {v: v for v, _ in SUBJECTS}
_FORM_BY_LABEL = {label: value for value, label in FORMS} | {v: v for v, _ in FORMS}
_YES = {"1", "true", "yes", "是", "on", "y"}


def _number(text: str) -> Any:
    try:
        number = float(text)
    except ValueError:
        return text  # the engine names the field and the reason
    return int(number) if number.is_integer() else number


def case_from_form(data: QueryDict, row_count: int) -> dict[str, Any]:
    person: dict[str, Any] = {"series": data.get("series", ""), "level": data.get("level", "")}
    if data.get("title"):
        person["title"] = data["title"]
    if data.get("health_facility"):
        person["health_facility"] = data["health_facility"]
    kind = data.get("kind", "annual")
    purpose: dict[str, Any] = {"kind": kind}
    for key in ("year", "start", "end"):
        if data.get(key):
            purpose[key] = _number(str(data.get(key, "")))
    if kind == "title_application" and data.get("to_title"):
        purpose["to_title"] = data["to_title"]
    records = []
    for i in range(row_count):
        row = {f: data.get(f"r{i}-{f}", "").strip() for f in RECORD_FIELDS}
        if not row["date"] and not row["hours"] and not row["days"] and not row["credits"]:
            continue
        records.append(_record(row))
    return {"person": person, "purpose": purpose, "records": records}


def _record(row: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {"date": row["date"], "subject": row["subject"], "form": row["form"]}
    for amount in ("hours", "days", "credits"):
        if row.get(amount):
            record[amount] = _number(row[amount])
    if row.get("course"):
        record["course"] = row["course"]
    if row.get("required_course", "").lower() in _YES:
        record["required_course"] = True
    if row.get("credit_class"):
        record["credit_class"] = row["credit_class"]
    if row.get("general_practice", "").lower() in _YES:
        record["general_practice"] = True
    return record


def records_from_upload(filename: str, data: bytes) -> list[dict[str, Any]] | dict[str, Any]:
    """A .json file is a whole case; a .xlsx/.csv holds the records under the Chinese headers."""
    if filename.lower().endswith(".json"):
        try:
            parsed = json.loads(data.decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ApplicationError(f"JSON 文件格式错误：{exc}", field="file") from None
        if not isinstance(parsed, dict):
            raise ApplicationError("JSON 文件应为一个案例对象（含 person、purpose、records）", field="file")
        return parsed
    rows = read_table(data, filename)
    if not rows:
        raise ApplicationError("表格是空的", field="file")
    header = [UPLOAD_HEADERS.get(cell_text(c), "") for c in rows[0]]
    if "date" not in header:
        raise ApplicationError("表格缺少“日期”列", field="file")
    records = []
    for raw in rows[1:]:
        row = {f: "" for f in RECORD_FIELDS}
        for key, value in zip(header, raw, strict=False):
            if key:
                row[key] = cell_text(value)
        if not any(row.values()):
            continue
        try:
            parsed_date = parse_date(row["date"])
            row["date"] = parsed_date.isoformat() if parsed_date else ""
        except ValueError:
            pass  # left as written: the engine reports records[i].date
        row["subject"] = _SUBJECT_BY_LABEL.get(row["subject"], row["subject"])
        row["form"] = _FORM_BY_LABEL.get(row["form"], row["form"])
        records.append(_record(row))
    return records
