"""Exports of a stored annual report: .xlsx (one sheet per table, Chinese headers) and PDF."""

from __future__ import annotations

from typing import Any

from django.template.loader import render_to_string

from jxjy.core.spreadsheets import write_xlsx

from .models import AnnualReport


def report_rows(table: dict[str, Any]) -> list[list[Any]]:
    rows = list(table["rows"])
    if table.get("total"):
        rows.append(table["total"])
    return rows


def report_xlsx(report: AnnualReport) -> bytes:
    assert report.result is not None
    result = report.result
    cover = [
        ["统计区划", result["region"]["name"]],
        ["统计范围", result.get("scope_label", "")],
        ["统计年度", result["year"]],
        ["生成时间", result["generated_at"]],
        ["说明", "学时、学分按学习日期所在年度统计已认定的学习记录；达标按各区划适用的规则集逐人评估；"
                 "办班按开班日期所在年度统计已批准及以后状态的培训班；收费金额=收费标准×参训人次"],
    ]
    sheets: list[tuple[str, list[str], list[list[Any]]]] = [("封面", ["项目", "内容"], cover)]
    for table in result["tables"]:
        sheets.append((table["title"], table["headers"], report_rows(table)))
    return write_xlsx(sheets)


def report_pdf(report: AnnualReport) -> bytes:
    from weasyprint import HTML

    html = render_to_string("stats/report_pdf.html", {"report": report, "result": report.result})
    return bytes(HTML(string=html).write_pdf())


def report_filename(report: AnnualReport, ext: str) -> str:
    return f"{report.region.name}{report.year}年度继续教育统计报表-{report.pk}.{ext}"
