"""The verification roster (验证花名册) in the layout of 泉洛政人社[2017]27号 附件4
(《专业技术人员继续教育培训证书发放、验证花名册》)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from jxjy.core.spreadsheets import write_xlsx

from .models import LearningRecord, VerificationBatch, VerificationEntry

HEADERS = [
    "序号", "姓名", "性别", "身份证号码", "工作单位", "职称（级别）", "证书编号", "验证年度",
    "培训项目（学习形式）", "学时/学分", "是否达标", "验证机关", "验证结果", "备注",
]


def roster_rows(batch: VerificationBatch, entries: Sequence[VerificationEntry]) -> list[list[Any]]:
    ids = [i for e in entries for i in e.summary.get("record_ids", [])]
    records = {r.pk: r for r in LearningRecord.objects.filter(pk__in=ids)}
    rows = []
    for n, e in enumerate(entries, start=1):
        p = e.professional
        mine = [records[i] for i in e.summary.get("record_ids", []) if i in records]
        items = "；".join(f"{r.course}（{r.get_form_display()}）" for r in mine) or "—"
        amounts = "；".join(
            " ".join(x for x in (f"{r.hours}学时" if r.hours is not None else "", f"{r.days}天" if r.days is not None else "",
                                 f"{r.credits}学分" if r.credits is not None else "") if x) for r in mine
        ) or "—"
        cert = getattr(p, "ce_certificate", None)
        met = e.summary.get("compliant")
        rows.append([
            n, p.name, p.get_sex_display(), p.masked_id_number, batch.unit.name,
            f"{p.title or '无'}（{p.get_level_display()}）", cert.certificate_no if cert else "", batch.year, items, amounts,
            "是" if met else ("否" if met is False else "—"), str(e.reviewer), e.get_outcome_display(),
            e.reason or (e.stamp_name if e.outcome == "verified" else ""),
        ])
    return rows


def roster_xlsx(batch: VerificationBatch, entries: Sequence[VerificationEntry]) -> bytes:
    return write_xlsx([(f"{batch.year}验证花名册", HEADERS, roster_rows(batch, entries))])
