"""The .xlsx export of a people list with the year's standing (达标情况名单). Identity numbers are
masked; the export is recorded in the audit log as a sensitive read naming the people it held."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from jxjy.accounts.policy import scope_path
from jxjy.audit.services import audit_sensitive_read
from jxjy.core.errors import ApplicationError
from jxjy.core.spreadsheets import write_xlsx
from jxjy.people.models import Professional

from .. import standing_lists
from ..models import StandingVerdict
from ..standing_selectors import shortfall_bands

#: An export this long is a bulk extract, not a working list: narrow the filter instead.
EXPORT_MAX_PEOPLE = 50_000

HEADERS = ("姓名", "身份证号码", "性别", "工作单位", "系列", "职称", "级别", "年度", "达标情况", "差额", "已计入",
           "应完成", "计量单位")


def standing_filter_label(*, year: int, verdict: str = "", band: str = "") -> str:
    """e.g. "2026年度 未达标 差 12 以内"."""
    parts = [f"{year}年度"]
    verdicts = dict(standing_lists.verdict_choices())
    if verdict in verdicts:
        parts.append(str(verdicts[verdict]))
    bands = dict(shortfall_bands())
    if band in bands:
        parts.append(bands[band])
    return " ".join(parts)


def standing_export_filename(*, year: int) -> str:
    return f"专业技术人员达标情况-{year}年度.xlsx"


def _num(value: Any) -> float | None:
    return None if value is None else float(value)


def _row(person: Professional, year: int) -> list[Any]:
    verdict = getattr(person, "standing_verdict", None)
    short = verdict == StandingVerdict.SHORT
    return [
        person.name,
        person.masked_id_number,
        person.get_sex_display(),
        person.unit.name if person.unit_id else "",
        person.get_series_display(),
        person.title.name if person.title_id and person.title else "",
        person.get_level_display(),
        year,
        standing_lists.standing_text(person),
        _num(getattr(person, "standing_shortfall", None)) if short else (0.0 if verdict else None),
        _num(getattr(person, "standing_counted", None)) if verdict else None,
        _num(getattr(person, "standing_required", None)) if verdict else None,
        (getattr(person, "standing_amount_unit", "") or "") if verdict else "",
    ]


def standing_list_export(*, actor: Any, people: QuerySet[Professional], year: int, verdict: str = "",
                         band: str = "") -> tuple[bytes, int]:
    """`people` must come from `professionals_with_standing` (scoped, filtered, sorted). Returns the
    .xlsx and how many people it holds; refuses an export past EXPORT_MAX_PEOPLE."""
    total = people.count()
    if total > EXPORT_MAX_PEOPLE:
        raise ApplicationError(f"导出人数为{total}人，超过{EXPORT_MAX_PEOPLE}人上限，请缩小筛选范围后再导出")
    label = standing_filter_label(year=year, verdict=verdict, band=band)
    exported: list[int] = []

    def rows() -> Any:
        for p in people.iterator(chunk_size=2000):
            exported.append(p.pk)
            yield _row(p, year)

    data = write_xlsx([(f"{year}年度达标情况", HEADERS, rows())])
    audit_sensitive_read(actor=actor, region_path=scope_path(actor), professional_ids=exported,
                         what=f"导出专业技术人员达标情况名单（{label}）")
    return data, total
