"""The annual statistical report (人数、时间、内容、办班种类、形式和经费, 河南 2012 五(二)), computed with
database aggregates only: a handful of GROUP BY queries per table, whatever the number of people."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from django.db.models import Count, F, Q, Sum
from django.utils import timezone

from jxjy.orgs.models import Ownership, Provider, Sector
from jxjy.people.choices import Level, Series
from jxjy.records.choices import LearningForm, Subject
from jxjy.training.choices import ClassType

from ..scope import Scope
from . import base
from .base import number, rate

PEOPLE_HEADERS = ["分组", "人数", "参训人数", "参训率(%)", "学习记录数", "学时", "学分", "已评估人数", "达标人数", "达标率(%)"]

Progress = Callable[[int, str], None]


AREA = "__area__"


def _keyed(scope: Scope, qs: Any, prefix: str, key: str) -> Any:
    """`qs` grouped by `key`: a field of Professional reached through `prefix`, or AREA."""
    expr = base.area_expr(scope, prefix) if key == AREA else F(f"{prefix}{key}")
    return qs.annotate(k=expr).values("k")


# How a standing reaches a grouping field of Professional: its own stored location and current unit,
# the person's title series and level through the join.
_ON_STANDING = {"series": "professional__series", "level": "professional__level"}


def _standings_keyed(scope: Scope, year: int, key: str) -> Any:
    expr = (base.area_expr(scope, path="region_path") if key == AREA else F(_ON_STANDING.get(key, key)))
    return base.standings(scope, year).annotate(k=expr).values("k")


def _people_dimension(scope: Scope, year: int, key: str, labels: dict[Any, str]) -> list[list[Any]]:
    """Rows of PEOPLE_HEADERS grouped by `key`: three GROUP BY queries (people, records, standings)."""
    head: dict[Any, dict[str, Any]] = {}
    for row in _keyed(scope, base.people(scope), "", key).annotate(n=Count("id")).order_by():
        head.setdefault(row["k"], {})["people"] = row["n"]
    for row in _keyed(scope, base.records(scope, year), "professional__", key).annotate(
        trained=Count("professional_id", distinct=True), n=Count("id"), hours=Sum("hours"), credits=Sum("credits")
    ).order_by():
        head.setdefault(row["k"], {}).update(trained=row["trained"], records=row["n"], hours=row["hours"],
                                             credits=row["credits"])
    for row in _standings_keyed(scope, year, key).annotate(**base.STANDING_COUNTS).order_by():
        head.setdefault(row["k"], {}).update(evaluated=row["evaluated"], compliant=row["compliant"])
    order = list(labels)
    rows = []
    for k in sorted(head, key=lambda k: (order.index(k) if k in order else len(order), str(k))):
        rows.append(_people_row(labels.get(k, str(k) if k is not None else "未填写"), head[k]))
    return rows


def _people_row(label: str, v: dict[str, Any]) -> list[Any]:
    people, trained = v.get("people", 0), v.get("trained", 0)
    evaluated, compliant = v.get("evaluated", 0), v.get("compliant", 0)
    return [label, people, trained, rate(trained, people), v.get("records", 0), number(v.get("hours")),
            number(v.get("credits")), evaluated, compliant, rate(compliant, evaluated)]


def _total_row(rows: list[list[Any]]) -> list[Any]:
    v = {
        "people": sum(r[1] for r in rows), "trained": sum(r[2] for r in rows), "records": sum(r[4] for r in rows),
        "hours": round(sum(r[5] for r in rows), 1), "credits": round(sum(r[6] for r in rows), 1),
        "evaluated": sum(r[7] for r in rows), "compliant": sum(r[8] for r in rows),
    }
    return _people_row("合计", v)


def _table(key: str, title: str, headers: list[str], rows: list[list[Any]], total: list[Any] | None = None) -> dict[str, Any]:
    return {"key": key, "title": title, "headers": headers, "rows": rows, "total": total}


def people_tables(scope: Scope, year: int) -> list[dict[str, Any]]:
    area_labels = base.area_labels(scope)
    area_title = "按地区" if base.OWN_LEVEL in area_labels.values() else "按单位"
    dims: list[tuple[str, str, str, dict[Any, str]]] = [
        ("by_area", area_title, AREA, area_labels),
        ("by_series", "按系列", "series", dict(Series.choices)),
        ("by_level", "按级别", "level", dict(Level.choices)),
        ("by_sector", "按行业", "unit__sector", dict(Sector.choices)),
        ("by_ownership", "按单位性质", "unit__ownership", dict(Ownership.choices)),
    ]
    tables = []
    for key, title, expr, labels in dims:
        rows = _people_dimension(scope, year, expr, labels)
        tables.append(_table(key, title, PEOPLE_HEADERS, rows, _total_row(rows)))
    return tables


def subject_form_table(scope: Scope, year: int) -> dict[str, Any]:
    subjects, forms = dict(Subject.choices), dict(LearningForm.choices)
    rows = []
    for r in base.records(scope, year).values("subject", "form").annotate(
        people=Count("professional_id", distinct=True), n=Count("id"), hours=Sum("hours"), credits=Sum("credits")
    ).order_by("subject", "form"):
        rows.append([subjects.get(r["subject"], r["subject"]), forms.get(r["form"], r["form"]), r["people"], r["n"],
                     number(r["hours"]), number(r["credits"])])
    totals = base.records(scope, year).aggregate(
        people=Count("professional_id", distinct=True), n=Count("id"), hours=Sum("hours"), credits=Sum("credits"))
    total = ["合计", "", totals["people"], totals["n"], number(totals["hours"]), number(totals["credits"])]
    return _table("by_subject_form", "学时学分按科目和形式", ["科目", "形式", "人数", "学习记录数", "学时", "学分"], rows, total)


def provider_table(scope: Scope, year: int) -> dict[str, Any]:
    names = dict(Provider.objects.values_list("id", "name"))
    held = dict(base.classes(scope, year).values("provider_id").annotate(n=Count("id")).values_list("provider_id", "n"))
    rows = []
    for r in base.records(scope, year).values("provider_id").annotate(
        people=Count("professional_id", distinct=True), n=Count("id"), hours=Sum("hours"), credits=Sum("credits")
    ).order_by("-hours", "provider_id"):
        pid = r["provider_id"]
        rows.append([names.get(pid, "其他（未注明施教机构）"), held.pop(pid, 0) if pid else 0, r["people"], r["n"],
                     number(r["hours"]), number(r["credits"])])
    for pid, n in held.items():
        rows.append([names.get(pid, str(pid)), n, 0, 0, 0, 0])
    return _table("by_provider", "按施教机构", ["施教机构", "办班数", "参训人数", "学习记录数", "学时", "学分"], rows)


def class_table(scope: Scope, year: int) -> dict[str, Any]:
    types, forms = dict(ClassType.choices), dict(LearningForm.choices)
    trainees = {
        (r["training_class__class_type"], r["training_class__form"]): r["n"]
        for r in base.enrolments(scope, year).values("training_class__class_type", "training_class__form")
        .annotate(n=Count("id")).order_by()
    }
    rows = []
    for r in base.classes(scope, year).values("class_type", "form").annotate(
        n=Count("id"), n_runs=Sum("runs"), n_hours=Sum("total_hours"), planned=Sum(F("runs") * F("trainees_per_run"))
    ).order_by("class_type", "form"):
        rows.append([types.get(r["class_type"], r["class_type"]), forms.get(r["form"], r["form"]), r["n"], r["n_runs"],
                     number(r["n_hours"]), r["planned"], trainees.get((r["class_type"], r["form"]), 0)])
    total = ["合计", "", sum(r[2] for r in rows), sum(r[3] for r in rows), round(sum(r[4] for r in rows), 1),
             sum(r[5] for r in rows), sum(r[6] for r in rows)]
    return _table("by_class_type", "办班按种类和形式",
                  ["办班种类", "形式", "班数", "期数", "学时", "计划人数", "参训人次"], rows, total)


def funding_table(scope: Scope, year: int) -> dict[str, Any]:
    """经费: classes by their stated funding source; fee income = Σ fee per person over trainees of fee-charging classes."""
    income = {
        r["training_class__funding_source"]: (r["paying"], r["income"])
        for r in base.enrolments(scope, year).filter(training_class__charges_fee=True)
        .values("training_class__funding_source").annotate(paying=Count("id"), income=Sum("training_class__fee_per_person"))
        .order_by()
    }
    trainees = dict(base.enrolments(scope, year).values("training_class__funding_source").annotate(n=Count("id"))
                    .order_by().values_list("training_class__funding_source", "n"))
    rows = []
    for r in base.classes(scope, year).values("funding_source").annotate(
        n=Count("id"), fee_classes=Count("id", filter=Q(charges_fee=True))
    ).order_by("funding_source"):
        paying, money = income.get(r["funding_source"], (0, None))
        rows.append([r["funding_source"] or "未填写", r["n"], r["fee_classes"], trainees.get(r["funding_source"], 0),
                     paying, round(float(money or 0), 2)])
    total = ["合计", sum(r[1] for r in rows), sum(r[2] for r in rows), sum(r[3] for r in rows),
             sum(r[4] for r in rows), round(sum(r[5] for r in rows), 2)]
    return _table("funding", "办班经费", ["经费来源", "班数", "收费班数", "参训人次", "缴费人次", "收费金额(元)"], rows, total)


def headline(scope: Scope, year: int) -> dict[str, Any]:
    """The report's key figures for one year."""
    people = base.people(scope).count()
    rec = base.records(scope, year).aggregate(
        trained=Count("professional_id", distinct=True), n=Count("id"), hours=Sum("hours"), credits=Sum("credits"))
    comp = base.standings(scope, year).aggregate(**base.STANDING_COUNTS)
    cls = base.classes(scope, year).aggregate(n=Count("id"))
    enr = base.enrolments(scope, year).aggregate(n=Count("id"))
    fee = base.enrolments(scope, year).filter(training_class__charges_fee=True).aggregate(
        income=Sum("training_class__fee_per_person"))
    return {
        "people": people,
        "trained": rec["trained"],
        "participation_rate": rate(rec["trained"], people),
        "records": rec["n"],
        "hours": number(rec["hours"]),
        "credits": number(rec["credits"]),
        "evaluated": comp["evaluated"],
        "compliant": comp["compliant"],
        "compliance_rate": rate(comp["compliant"], comp["evaluated"]),
        "classes": cls["n"],
        "trainees": enr["n"],
        "fee_income": round(float(fee["income"] or 0), 2),
    }


HEADLINE_LABELS = [
    ("people", "专业技术人员数"), ("trained", "参训人数"), ("participation_rate", "参训率(%)"),
    ("records", "学习记录数"), ("hours", "学时合计"), ("credits", "学分合计"), ("evaluated", "已评估人数"),
    ("compliant", "达标人数"), ("compliance_rate", "达标率(%)"), ("classes", "办班数"), ("trainees", "参训人次"),
    ("fee_income", "收费金额(元)"),
]


def comparison_table(current: dict[str, Any], previous: dict[str, Any], year: int) -> dict[str, Any]:
    rows = []
    for key, label in HEADLINE_LABELS:
        now, before = current[key], previous[key]
        change = round(now - before, 1) if isinstance(now, float) or isinstance(before, float) else now - before
        pct = rate(now - before, before) if before else None
        rows.append([label, now, before, change, pct if pct is not None else "—"])
    return _table("summary", "总体情况与上年比较", ["指标", f"{year}年", f"{year - 1}年", "增减", "增减(%)"], rows)


def annual_report_figures(scope: Scope, year: int, *, as_of: dt.datetime | None = None,
                          on_progress: Progress | None = None) -> dict[str, Any]:
    """Every table of the annual report of `scope` for `year`, JSON-able (stored with the report).
    Compliance comes from the standings as they stand now; `as_of` is recorded as the moment read."""
    step = on_progress or (lambda _p, _s: None)
    as_of = as_of or timezone.now()
    current = headline(scope, year)
    previous = headline(scope, year - 1)
    step(30, "汇总人员、学时与达标情况")
    tables = [comparison_table(current, previous, year), *people_tables(scope, year)]
    step(70, "汇总科目、形式与施教机构")
    tables += [subject_form_table(scope, year), provider_table(scope, year)]
    step(90, "汇总办班与经费")
    tables += [class_table(scope, year), funding_table(scope, year)]
    return {
        "region": {"code": scope.region.code, "name": scope.region.full_name, "level": scope.region.level},
        "scope": scope.key,
        "scope_label": scope.label,
        "year": year,
        "data_as_of": as_of.isoformat(),
        "generated_at": timezone.now().isoformat(),
        "headline": current,
        "previous": previous,
        "tables": tables,
    }
