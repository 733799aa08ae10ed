"""Compliance from the rules engine: for one person (with the full line-by-line explanation), as it
stood on any past day (`compliance_as_of`), and, set-based, for whole units or regions (aggregates
per person, year, subject and form computed in the database, fed to the engine as a few summarised
records per person)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any
from zoneinfo import ZoneInfo

from django.db.models import Case, CharField, F, FloatField, IntegerField, Q, QuerySet, Sum, Value, When
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from jxjy import rules
from jxjy.core.errors import ApplicationError
from jxjy.people.history import History
from jxjy.people.models import Placement, Professional
from jxjy.regions.models import Region

from .choices import RecordStatus
from .models import LearningRecord

COUNTED = Q(status=RecordStatus.RECOGNISED)


def person_facts(professional: Professional) -> dict[str, Any]:
    facts: dict[str, Any] = {"series": professional.series, "level": professional.level}
    if professional.title_id:
        facts["title"] = professional.title.name if professional.title else ""
    if professional.health_facility:
        facts["health_facility"] = professional.health_facility
    return facts


def ruleset_for(professional: Professional, override: str = "") -> str:
    """The rule set of the person's region (nearest ancestor naming one), unless overridden."""
    ruleset_id = override or professional.region.effective_ruleset_id()
    if not ruleset_id:
        raise ApplicationError(f"{professional.region.full_name}未配置适用的继续教育规则集", field="ruleset")
    return ruleset_id


def annual(year: int) -> dict[str, Any]:
    return {"kind": "annual", "year": year}


def counted_records(professional: Professional, years: Iterable[int] | None = None) -> QuerySet[LearningRecord]:
    qs = LearningRecord.objects.filter(COUNTED, professional=professional).select_related("professional")
    if years is not None:
        ys = list(years)
        qs = qs.filter(Q(make_up_for_year__in=ys) | Q(make_up_for_year__isnull=True, year__in=ys))
    return qs.order_by("date", "id")


@dataclass
class PersonVerdict:
    """A verdict for one person together with the records it was computed from (in case order)."""

    ruleset_id: str
    purpose: dict[str, Any]
    verdict: dict[str, Any]
    records: list[LearningRecord] = field(default_factory=list)
    judged_region: Region | None = None  # set by `compliance_as_of`
    as_of: dt.date | None = None

    @property
    def compliant(self) -> bool:
        return bool(self.verdict["compliant"])

    @property
    def unmet(self) -> list[dict[str, Any]]:
        return [r for r in self.verdict["requirements"] if r.get("met") is False]


def purpose_years(purpose: dict[str, Any]) -> list[int] | None:
    if purpose["kind"] == "annual":
        return [int(purpose["year"])]
    if purpose["kind"] == "cycle":
        return list(range(int(purpose["start"]), int(purpose["end"]) + 1))
    return None  # title applications: the engine chooses the window


def evaluate_records(
    professional: Professional, records: list[LearningRecord], purpose: dict[str, Any], ruleset_id: str
) -> PersonVerdict:
    case = {"person": person_facts(professional), "purpose": purpose, "records": [r.as_case_record() for r in records]}
    try:
        verdict = rules.evaluate(case, ruleset_id)
    except rules.UnknownRuleset:
        raise ApplicationError(f"未知的规则集：{ruleset_id}", field="ruleset") from None
    except rules.CaseError as exc:
        raise ApplicationError(f"无法评估：{exc}", field="records") from None
    return PersonVerdict(ruleset_id, purpose, verdict, records)


def compliance_for_person(
    *, professional: Professional, purpose: dict[str, Any], ruleset_id: str = ""
) -> PersonVerdict:
    """The engine's verdict for one person, with the records it counted (for the explanation)."""
    rs = ruleset_for(professional, ruleset_id)
    records = list(counted_records(professional, purpose_years(purpose)))
    return evaluate_records(professional, records, purpose, rs)


# --- As of a past day ------------------------------------------------------------------------------
SHANGHAI = ZoneInfo("Asia/Shanghai")
EARLIEST_AS_OF = dt.date(1990, 1, 1)


def as_of_problem(day: dt.date) -> str:
    """Why `day` cannot be asked about ('' when it can): not in the future, not before 1990."""
    if day > timezone.localdate():
        return "查询日期不能晚于今天"
    if day < EARLIEST_AS_OF:
        return "查询日期不能早于1990年1月1日"
    return ""


def as_of_check(day: dt.date) -> None:
    problem = as_of_problem(day)
    if problem:
        raise ApplicationError(problem, field="as_of")


def end_of_day(day: dt.date) -> dt.datetime:
    """The first instant after `day` in Asia/Shanghai: records recognised before it count."""
    return dt.datetime.combine(day + dt.timedelta(days=1), dt.time.min, tzinfo=SHANGHAI)


def counted_on(day: dt.date) -> Q:
    """Records counted at the end of `day`: recognised by then, and not revoked by then (a record
    revoked later still counted on that day)."""
    cutoff = end_of_day(day)
    return Q(recognised_at__lt=cutoff) & (
        Q(status=RecordStatus.RECOGNISED) | Q(status=RecordStatus.REVOKED, revoked_at__gte=cutoff)
    )


def history_of(professional: Professional) -> History:
    spans = Placement.objects.filter(professional=professional).order_by("valid_from", "id").values_list(
        "region_id", "valid_from", "valid_to")
    return History(tuple(spans), professional.region_id)


def _period(purpose: dict[str, Any]) -> tuple[int, int]:
    if purpose["kind"] == "cycle":
        return int(purpose["start"]), int(purpose["end"])
    return int(purpose["year"]), int(purpose["year"])


def compliance_as_of(*, professional: Professional, purpose: dict[str, Any], day: dt.date) -> PersonVerdict:
    """The verdict as it stood at the end of `day`, computed on demand by the engine (never stored):
    the records counted then, the region the person was in then (their dated history, by the same
    year-end rule as the standings, cut off at `day`), and that region's rule set."""
    as_of_check(day)
    start, end = _period(purpose)
    region = Region.objects.get(pk=history_of(professional).region_for_year(start, end, as_of=day))
    ruleset_id = region.effective_ruleset_id()
    if not ruleset_id:
        raise ApplicationError(f"{region.full_name}未配置适用的继续教育规则集", field="ruleset")
    qs = LearningRecord.objects.filter(counted_on(day), professional=professional).select_related("professional")
    years = purpose_years(purpose)
    if years is not None:
        qs = qs.filter(Q(make_up_for_year__in=years) | Q(make_up_for_year__isnull=True, year__in=years))
    pv = evaluate_records(professional, list(qs.order_by("date", "id")), purpose, ruleset_id)
    pv.judged_region, pv.as_of = region, day
    return pv


# --- Set-based ------------------------------------------------------------------------------------
def _presence(name: str) -> Case:
    return Case(When(**{f"{name}__isnull": False}, then=Value(1)), default=Value(0), output_field=IntegerField())


def summarised_records(people: QuerySet[Professional], years: list[int]) -> QuerySet[Any]:
    """One database query: per person, counted year, subject, form, credit class, general practice,
    required course (named, since teachers need distinct ones) and which amounts are given — sums."""
    return (
        LearningRecord.objects.filter(COUNTED, professional__in=people)
        .annotate(
            cyear=Coalesce(F("make_up_for_year"), F("year")),
            course_key=Case(When(required_course=True, then=F("course")), default=Value(""), output_field=CharField()),
            has_h=_presence("hours"),
            has_d=_presence("days"),
            has_c=_presence("credits"),
        )
        .filter(cyear__in=years)
        .values(
            "professional_id", "cyear", "subject", "form", "credit_class", "general_practice",
            "required_course", "course_key", "has_h", "has_d", "has_c",
        )
        .annotate(  # floats, not Decimals: the engine takes numbers, and the conversion is the costly part
            h=Cast(Sum("hours"), FloatField()), d=Cast(Sum("days"), FloatField()), c=Cast(Sum("credits"), FloatField())
        )
        .order_by("professional_id")
    )


def _case_record(row: dict[str, Any]) -> dict[str, Any]:
    rec: dict[str, Any] = {
        "date": dt.date(row["cyear"], 12, 31).isoformat(),
        "subject": row["subject"],
        "form": row["form"],
        "course": row["course_key"] or "（汇总）",
    }
    if row["has_h"]:
        rec["hours"] = row["h"]
    if row["has_d"]:
        rec["days"] = row["d"]
    if row["has_c"]:
        rec["credits"] = row["c"]
    if row["credit_class"]:
        rec["credit_class"] = row["credit_class"]
    if row["general_practice"]:
        rec["general_practice"] = True
    if row["required_course"]:
        rec["required_course"] = True
    return rec


def ruleset_by_region(region_ids: set[int]) -> dict[int, str]:
    """Region id → the rule set in force there (its own or its nearest ancestor's)."""
    from .services.standings import RulesetIndex

    index = RulesetIndex()
    return {region_id: index.ruleset(region_id) for region_id in region_ids}


def verdicts_for_people(
    people: QuerySet[Professional], purpose: dict[str, Any], *, ruleset_id: str = "", chunk: int = 20000
) -> Iterator[tuple[int, str, dict[str, Any]]]:
    """(professional id, rule set, verdict) for every person in `people`, computed set-based: two
    streamed queries (people's facts; the aggregates), merged by professional id."""
    years = purpose_years(purpose)
    if years is None:
        raise ApplicationError("集合评估只支持年度或周期", field="purpose")
    facts = people.order_by("pk").values_list("pk", "series", "level", "title__name", "health_facility", "region_id")
    region_ids = set(people.order_by().values_list("region_id", flat=True).distinct())
    rulesets = ruleset_by_region(region_ids)
    agg = summarised_records(people, years).iterator(chunk_size=chunk)
    pending = next(agg, None)
    for pk, series, level, title, facility, region_id in facts.iterator(chunk_size=chunk):
        records: list[dict[str, Any]] = []
        while pending is not None and pending["professional_id"] < pk:
            pending = next(agg, None)
        while pending is not None and pending["professional_id"] == pk:
            records.append(_case_record(pending))
            pending = next(agg, None)
        person: dict[str, Any] = {"series": series, "level": level}
        if title:
            person["title"] = title
        if facility:
            person["health_facility"] = facility
        rs = ruleset_id or rulesets.get(region_id, "")
        if not rs:
            yield pk, "", {"compliant": False, "requirements": [], "notes": ["未配置规则集"], "not_counted": []}
            continue
        try:
            yield pk, rs, rules.evaluate({"person": person, "purpose": purpose, "records": records}, rs)
        except rules.CaseError as exc:  # e.g. a health professional without a facility level
            yield pk, rs, {"compliant": False, "requirements": [], "notes": [f"无法评估：{exc}"], "not_counted": [],
                           "error": str(exc)}


@dataclass
class AreaSummary:
    people: int = 0
    compliant: int = 0
    non_compliant_ids: list[int] = field(default_factory=list)


def area_compliance(people: QuerySet[Professional], purpose: dict[str, Any], *, ruleset_id: str = "") -> AreaSummary:
    """Counts for a unit or region (pass a scoped queryset of its people)."""
    summary = AreaSummary()
    for pk, _rs, verdict in verdicts_for_people(people, purpose, ruleset_id=ruleset_id):
        summary.people += 1
        if verdict["compliant"]:
            summary.compliant += 1
        else:
            summary.non_compliant_ids.append(pk)
    return summary
