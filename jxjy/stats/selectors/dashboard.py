"""Figures behind the dashboard charts; each returns the rows of the table shown under its chart."""

from __future__ import annotations

from typing import Any

from django.db.models import Count, Sum
from django.db.models.functions import ExtractMonth

from jxjy.orgs.models import Provider
from jxjy.records.choices import LearningForm, Subject
from jxjy.regions.models import Region, RegionLevel

from ..scope import Scope
from . import base
from .base import number, rate


def compliance_by_area(scope: Scope, year: int) -> list[dict[str, Any]]:
    """People, trained, evaluated, compliant and the rate for each sub-region (or unit in a county),
    with the code or unit to drill into. Children without people are listed too, with zeros.

    Compliance is live: one GROUP BY over the stored standings (达标情况) of the year, keyed by the
    prefix of their region path (or their unit) — no annual report needs to exist."""
    labels = base.area_labels(scope)
    by_unit = base.by_unit(scope)
    people = dict(base.people(scope).annotate(k=base.area_expr(scope)).values("k").annotate(n=Count("id"))
                  .order_by().values_list("k", "n"))
    comp = {
        r["k"]: r for r in base.standings(scope, year).annotate(k=base.area_expr(scope, path="region_path"))
        .values("k").annotate(**base.STANDING_COUNTS).order_by()
    }
    trained = dict(base.records(scope, year).annotate(k=base.area_expr(scope, "professional__")).values("k")
                   .annotate(n=Count("professional_id", distinct=True)).order_by().values_list("k", "n"))
    keys = list(labels) if not by_unit else sorted(set(people) | set(comp), key=lambda k: labels.get(k, ""))
    rows = []
    for k in keys:
        if labels.get(k) == base.OWN_LEVEL and not people.get(k) and k not in comp:
            continue
        c: dict[str, Any] = dict(comp.get(k, {}))
        evaluated, compliant = c.get("evaluated", 0), c.get("compliant", 0)
        drill: dict[str, Any] = {}
        if by_unit:
            drill = {"unit": int(k)} if scope.unit_id is None and k is not None else {}
        elif labels.get(k) != base.OWN_LEVEL:
            drill = {"region": k.strip("/").split("/")[-1]}
        rows.append({
            "name": labels.get(k, str(k) if k is not None else "未填写单位"), "people": people.get(k, 0),
            "trained": trained.get(k, 0), "evaluated": evaluated, "compliant": compliant,
            "short": c.get("short", 0), "unknown": c.get("unknown", 0), "rate": rate(compliant, evaluated), **drill,
        })
    return rows


def compliance_total(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """The scope's own figures: the sum of its sub-regions' (or units') rows."""
    total = {key: sum(r[key] for r in rows) for key in ("people", "trained", "evaluated", "compliant", "short", "unknown")}
    total["rate"] = rate(total["compliant"], total["evaluated"])
    return total


def hours_over_time(scope: Scope, year: int, years: int = 5) -> dict[str, Any]:
    """Hours by subject and by form, for the last `years` years up to `year`."""
    span = list(range(year - years + 1, year + 1))
    subjects, forms = dict(Subject.choices), dict(LearningForm.choices)
    by_subject: dict[str, dict[int, float | int]] = {}
    by_form: dict[str, dict[int, float | int]] = {}
    # one GROUP BY (year, subject, form); the two breakdowns are summed from its few rows
    for r in base.records(scope).filter(year__in=span).values("year", "subject", "form").annotate(
            h=Sum("hours")).order_by():
        hours = number(r["h"])
        subject = by_subject.setdefault(subjects.get(r["subject"], r["subject"]), {})
        subject[r["year"]] = round(subject.get(r["year"], 0) + hours, 1)
        form = by_form.setdefault(forms.get(r["form"], r["form"]), {})
        form[r["year"]] = round(form.get(r["year"], 0) + hours, 1)
    return {
        "years": span,
        "subjects": {name: [vals.get(y, 0) for y in span] for name, vals in sorted(by_subject.items())},
        "forms": {name: [vals.get(y, 0) for y in span] for name, vals in sorted(by_form.items())},
    }


def classes_by_month(scope: Scope, year: int) -> list[dict[str, Any]]:
    cls = dict(base.classes(scope, year).annotate(m=ExtractMonth("start_date")).values("m")
               .annotate(n=Count("id")).order_by().values_list("m", "n"))
    enr = dict(base.enrolments(scope, year).annotate(m=ExtractMonth("training_class__start_date")).values("m")
               .annotate(n=Count("id")).order_by().values_list("m", "n"))
    return [{"month": m, "classes": cls.get(m, 0), "trainees": enr.get(m, 0)} for m in range(1, 13)]


def provider_ranking(scope: Scope, year: int, limit: int = 10) -> list[dict[str, Any]]:
    names = dict(Provider.objects.values_list("id", "name"))
    rows = (base.records(scope, year).filter(provider__isnull=False).values("provider_id")
            .annotate(hours=Sum("hours"), people=Count("professional_id", distinct=True), n=Count("id"))
            .order_by("-hours", "provider_id")[:limit])
    held = dict(base.classes(scope, year).values("provider_id").annotate(n=Count("id")).order_by()
                .values_list("provider_id", "n"))
    return [{"name": names.get(r["provider_id"], ""), "hours": number(r["hours"]), "people": r["people"],
             "records": r["n"], "classes": held.get(r["provider_id"], 0)} for r in rows]


def breadcrumbs(scope: Scope, home: Region) -> list[Region]:
    """The regions from the user's own down to the one shown (never above their jurisdiction)."""
    return [r for r in scope.region.ancestors(include_self=True) if r.path.startswith(home.path)]


def can_drill(scope: Scope) -> bool:
    return scope.unit_id is None and scope.region.level in (RegionLevel.PROVINCE, RegionLevel.CITY, RegionLevel.COUNTY)
