"""Keeping standings current. Every service that can change a verdict calls `standings_refresh`
for the people and years it touched, inside its own transaction (a whole class in one call); a rule-set change queues a
`StandingRebuild`. `standings_verify` recomputes from the raw records and lists every drift.

A standing is computed by the rules engine from the person's counted records summarised by
(counted year, subject, form, credit class, general practice, required course, which amounts are
given): the engine takes such summaries as records with a `count`, and sums, caps and counts come
out the same as over the raw records (a property test checks this). The summaries are stored with
the standing, so a rule-set change re-evaluates them without reading a single raw record."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from django.conf import settings
from django.db import connection, transaction
from django.db.models import Count, Q, QuerySet
from django.tasks import task
from django.utils import timezone

from jxjy import rules
from jxjy.people.history import histories
from jxjy.people.models import Placement, Professional
from jxjy.regions.models import Region

from ..choices import RecordStatus
from ..models import LearningRecord, RebuildStatus, Standing, StandingKind, StandingRebuild, StandingVerdict

BATCH = 2000
_RECORD_FIELDS = (
    "professional_id", "year", "make_up_for_year", "subject", "form", "credit_class", "general_practice",
    "required_course", "course", "hours", "days", "credits",
)
_MAIN_UNITS = ("学时", "学分")


# --- Which periods ---------------------------------------------------------------------------------
def standing_years(today: dt.date | None = None) -> range:
    """The years every person has a standing for: from `JXJY_STANDINGS_FIRST_YEAR` (a policy default,
    the current year − 4 when unset: the five years a title application looks back on) to this year.
    Years of counted records outside this range get standings too."""
    today = today or timezone.localdate()
    first = getattr(settings, "JXJY_STANDINGS_FIRST_YEAR", None) or today.year - 4
    return range(int(first), today.year + 1)


def _counted_year(row: dict[str, Any]) -> int:
    return int(row["make_up_for_year"] or row["year"])


# --- Summaries --------------------------------------------------------------------------------------
def summarise(rows: Iterable[dict[str, Any]]) -> dict[int, list[dict[str, Any]]]:
    """Counted records (value rows) → per counted year, the summaries the standing stores. Done in
    Python: `standings_verify` uses it to check the database's own summaries (`summaries_in_db`)."""
    groups: dict[tuple[Any, ...], list[Any]] = {}
    for row in rows:
        key = (
            _counted_year(row), row["subject"], row["form"], row["credit_class"] or "",
            bool(row["general_practice"]), bool(row["required_course"]),
            (row["course"] or "").strip() if row["required_course"] else "",
            row["hours"] is not None, row["days"] is not None, row["credits"] is not None,
        )
        acc = groups.get(key)
        if acc is None:
            acc = groups[key] = [Decimal(0), Decimal(0), Decimal(0), 0]
        acc[0] += row["hours"] or 0
        acc[1] += row["days"] or 0
        acc[2] += row["credits"] or 0
        acc[3] += 1
    return _finish(groups)


def _finish(groups: dict[tuple[Any, ...], list[Any]]) -> dict[int, list[dict[str, Any]]]:
    out: dict[int, list[dict[str, Any]]] = defaultdict(list)
    for key in sorted(groups, key=lambda k: tuple(str(x) for x in k)):
        year, subject, form, credit_class, gp, rc, course, has_h, has_d, has_c = key
        h, d, c, n = groups[key]
        out[year].append({
            "y": year, "s": subject, "f": form, "cc": credit_class, "gp": gp, "rc": rc, "co": course,
            "h": round(float(h), 1) if has_h else None, "d": round(float(d), 1) if has_d else None,
            "c": round(float(c), 1) if has_c else None, "n": n,
        })
    return out


def _summaries_query(person_ids: list[int], years: set[int] | None) -> tuple[str, list[Any]]:
    """The GROUP BY of `summaries_in_db`, written out: the ORM's version (CAST(SUM … AS NUMERIC),
    CASE … THEN True ELSE False per flag) took the database over twice as long. A batch of
    consecutive people is read as an id range."""
    ops = connection.ops
    table = ops.quote_name(LearningRecord._meta.db_table)
    ids = sorted(person_ids)
    params: list[Any]
    if len(ids) > 1 and ids[-1] - ids[0] + 1 <= 2 * len(ids):
        who, params = "professional_id BETWEEN %s AND %s", [ids[0], ids[-1]]
    else:
        who, params = f"professional_id IN ({', '.join(['%s'] * len(ids))})", list(ids)
    counted_year = "COALESCE(make_up_for_year, year)"
    where = f"{who} AND status = %s"
    params.append(RecordStatus.RECOGNISED.value)
    if years is not None:
        ys = sorted(years)
        where += f" AND {counted_year} IN ({', '.join(['%s'] * len(ys))})"
        params.extend(ys)
    sql = (
        f"SELECT professional_id, {counted_year}, subject, form, credit_class, general_practice, "  # noqa: S608
        "required_course, CASE WHEN required_course THEN TRIM(course) ELSE '' END, "
        "hours IS NOT NULL, days IS NOT NULL, credits IS NOT NULL, SUM(hours), SUM(days), SUM(credits), COUNT(*) "
        f"FROM {table} WHERE {where} GROUP BY 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11"
    )
    return sql, params


# (year, subject, form, …, n) → the stored summary and its place in the order `_finish` gives
_summary_memo: dict[tuple[Any, ...], tuple[tuple[str, ...], tuple[Any, ...], dict[str, Any]]] = {}


def _interned_summary(value: tuple[Any, ...]) -> tuple[tuple[str, ...], tuple[Any, ...], dict[str, Any]]:
    hit = _summary_memo.get(value)
    if hit is None:
        y, subject, form, cc, gp, rc, course, h, d, c, n = value
        order = tuple(str(x) for x in (y, subject, form, cc, gp, rc, course, h is not None, d is not None, c is not None))
        summary = {"y": y, "s": subject, "f": form, "cc": cc, "gp": gp, "rc": rc, "co": course, "h": h, "d": d, "c": c,
                   "n": n}
        if len(_summary_memo) > 200_000:
            _summary_memo.clear()
        hit = _summary_memo[value] = (order, tuple(summary.values()), summary)
    return hit


def _one_place(value: Any) -> float | None:
    return None if value is None else round(float(value), 1)


def summaries_in_db(person_ids: list[int], years: set[int] | None = None) -> dict[int, dict[int, Totals]]:
    """The same summaries as `summarise`, aggregated by the database in one GROUP BY query (what a
    rebuild from the raw records reads: a few rows per person, not every record). Read through a
    plain cursor: a rebuild reads millions of these values, the ORM's converters doubled its cost."""
    if not person_ids:
        return {}
    wanted = set(person_ids)
    sql, params = _summaries_query(person_ids, years)
    groups: dict[int, dict[int, list[tuple[tuple[str, ...], tuple[Any, ...], dict[str, Any]]]]] = defaultdict(
        lambda: defaultdict(list))
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        while chunk := cursor.fetchmany(10000):
            for pid, cyear, subject, form, cc, gp, rc, course, has_h, has_d, has_c, h, d, c, n in chunk:
                if pid not in wanted:  # in the id range, not in the batch
                    continue
                year = int(cyear)
                groups[pid][year].append(_interned_summary((
                    year, subject, form, cc or "", bool(gp), bool(rc), course or "",
                    _one_place(h or 0) if has_h else None, _one_place(d or 0) if has_d else None,
                    _one_place(c or 0) if has_c else None, int(n))))
    out: dict[int, dict[int, Totals]] = {}
    for pid, by_year in groups.items():
        out[pid] = {year: _totals_of(sorted(items)) for year, items in by_year.items()}
    return out


@dataclass(frozen=True, slots=True)
class Totals:
    """One period's summaries as stored (`rows`), as the judging memo's key, and as JSON text —
    each made once per distinct content, however many people share it."""
    key: tuple[tuple[Any, ...], ...]
    rows: list[dict[str, Any]]
    text: str


_totals_memo: dict[tuple[Any, ...], Totals] = {}


def _totals_of(items: list[tuple[tuple[str, ...], tuple[Any, ...], dict[str, Any]]]) -> Totals:
    key = tuple(values for _order, values, _summary in items)
    hit = _totals_memo.get(key)
    if hit is None:
        rows = [summary for _o, _v, summary in items]
        if len(_totals_memo) > 200_000:
            _totals_memo.clear()
        hit = _totals_memo[key] = Totals(key, rows, _json(rows))
    return hit


def totals_from(rows: list[dict[str, Any]]) -> Totals:
    """Stored (or Python-made) summaries → `Totals`, in the order they are given."""
    return _totals_of([((), tuple(r.values()), r) for r in rows])


def _period_totals(by_year: dict[int, Totals], start: int, end: int) -> Totals:
    if start == end:
        return by_year.get(start) or _NO_TOTALS
    parts = [by_year[y] for y in range(start, end + 1) if y in by_year]
    if not parts:
        return _NO_TOTALS
    if len(parts) == 1:
        return parts[0]
    return _totals_of([((), v, r) for t in parts for v, r in zip(t.key, t.rows, strict=True)])


def _json(value: Any) -> str:
    # Chinese text unescaped: half the bytes of the default, the same value read back
    return json.dumps(value, ensure_ascii=False)


_NO_TOTALS = Totals((), [], "[]")


def case_record(summary: dict[str, Any]) -> dict[str, Any]:
    """One summary in the engine's case-record format."""
    rec: dict[str, Any] = {
        "date": f"{summary['y']:04d}-12-31", "subject": summary["s"], "form": summary["f"],
        "count": summary["n"],
    }
    if summary["co"] or not summary["rc"]:  # a required course without a name counts as none, as raw
        rec["course"] = summary["co"] or "（汇总）"
    for short, name in (("h", "hours"), ("d", "days"), ("c", "credits")):
        if summary[short] is not None:
            rec[name] = summary[short]
    if summary["cc"]:
        rec["credit_class"] = summary["cc"]
    if summary["gp"]:
        rec["general_practice"] = True
    if summary["rc"]:
        rec["required_course"] = True
    return rec


# --- Judging ---------------------------------------------------------------------------------------
def person_facts_of(series: str, level: str, title: str | None, facility: str | None) -> dict[str, Any]:
    facts: dict[str, Any] = {"series": series, "level": level}
    if title:
        facts["title"] = title
    if facility:
        facts["health_facility"] = facility
    return facts


class RulesetIndex:
    """Region id → the rule set in force there (its own or its nearest ancestor's), loaded once."""

    def __init__(self) -> None:
        regions = list(Region.objects.only("id", "code", "path", "ruleset_id"))
        by_code = {r.code: r for r in regions}
        self.by_id = {r.id: r for r in regions}
        self._ruleset: dict[int, str] = {}
        for r in regions:
            chosen = ""
            for code in reversed(r.ancestor_codes()):
                anc = by_code.get(code)
                if anc is not None and anc.ruleset_id:
                    chosen = anc.ruleset_id
                    break
            self._ruleset[r.id] = chosen

    def ruleset(self, region_id: int | None) -> str:
        return self._ruleset.get(region_id or 0, "")

    def path(self, region_id: int) -> str:
        region = self.by_id.get(region_id)
        return region.path if region else ""


def judged_region_id(person: dict[str, Any], start_year: int, end_year: int) -> int:
    """The region whose rule set judges the period: the region the person was in on 31 December of
    its last year, read from their dated history (a policy choice, records/README.md "Which region
    judges a year"). Without a history, the current one."""
    history = person.get("history")
    if history:
        return history(start_year, end_year)  # type: ignore[no-any-return]
    return int(person["region_id"])


@dataclass(frozen=True, slots=True)
class Judgement:
    ruleset_id: str
    verdict: str
    shortfall: float
    counted: float
    required: float | None
    unit: str
    requirements: list[dict[str, Any]]
    notes: list[str]
    version: str = ""
    requirements_text: str = "[]"
    notes_text: str = "[]"


_memo: dict[tuple[Any, ...], Judgement] = {}


def _summary(s: dict[str, Any]) -> rules.Summary:
    year = s["y"]
    day = _YEAR_END.get(year)
    if day is None:
        day = _YEAR_END[year] = dt.date(year, 12, 31)
    # a required course without a name counts as none, as it would over the raw records
    course = s["co"] or (None if s["rc"] else "（汇总）")
    return rules.Summary(day, s["s"], s["f"], s["h"], s["d"], s["c"], course, s["rc"], s["cc"] or None, s["gp"], s["n"])


_YEAR_END: dict[int, dt.date] = {}


def judge(facts: dict[str, Any], ruleset_id: str, kind: str, start: int, end: int,
          summaries: list[dict[str, Any]] | Totals) -> Judgement:
    """The engine's verdict over the summaries, reduced to what a standing stores. Identical cases
    (same rule set and version, facts, period and summaries) are judged once per process: a rebuild
    calls the engine once per distinct case, not once per person."""
    totals = summaries if isinstance(summaries, Totals) else totals_from(summaries)
    version = rules.ruleset_version(ruleset_id) if ruleset_id else ""
    key = (ruleset_id, version, facts.get("series"), facts.get("level"), facts.get("title"),
           facts.get("health_facility"), kind, start, end, totals.key)
    hit = _memo.get(key)
    if hit is not None:
        return hit
    if not ruleset_id:
        result = Judgement("", StandingVerdict.UNKNOWN, 0.0, 0.0, None, "", [], ["所在区划未配置继续教育规则集"])
    else:
        purpose: dict[str, Any] = {"kind": "annual", "year": start} if kind == StandingKind.ANNUAL else {
            "kind": "cycle", "start": start, "end": end}
        try:
            verdict = rules.evaluate_summaries(facts, purpose, [_summary(s) for s in totals.rows], ruleset_id)
        except rules.CaseError as exc:
            result = Judgement(ruleset_id, StandingVerdict.UNKNOWN, 0.0, 0.0, None, "", [], [_why_not(ruleset_id, exc)])
        else:
            result = _reduce(ruleset_id, verdict)
    result = dataclasses.replace(result, version=version, requirements_text=_json(result.requirements),
                                 notes_text=_json(result.notes))
    if len(_memo) > 200_000:
        _memo.clear()
    _memo[key] = result
    return result


_FIELD_NAMES = {"person.series": "系列", "person.title": "职称", "person.level": "级别",
                "person.health_facility": "医疗机构级别", "purpose.kind": "考核方式", "purpose.year": "年度"}


def _why_not(ruleset_id: str, exc: rules.CaseError) -> str:
    """The engine's refusal in words a clerk reads, with the technical detail after it."""
    document = rules.load_ruleset_info(ruleset_id).get("document") or ruleset_id
    name = _FIELD_NAMES.get(exc.field)
    if exc.field == "person.series":
        return f"无法评估：{document}不适用于本人所在系列（{exc}）"
    if exc.field == "purpose.kind":
        return f"无法评估：{document}不按年度考核本人（{exc}）"
    if name is not None:
        return f"无法评估：缺少或不适用的{name}（{exc}）"
    return f"无法评估：{exc}"


def _reduce(ruleset_id: str, verdict: dict[str, Any]) -> Judgement:
    lines = [
        {"id": r["id"], "description": r["description"], "unit": r["unit"], "required": r["required"],
         "counted": r["counted"], "shortfall": r["shortfall"], "met": r["met"]}
        for r in verdict["requirements"]
    ]
    main = [r for r in lines if r["unit"] in _MAIN_UNITS]
    shortfall = max((r["shortfall"] or 0.0 for r in main), default=0.0)
    headline = max(main, key=lambda r: (r["required"] or 0.0), default=lines[0] if lines else None)
    return Judgement(
        ruleset_id=ruleset_id,
        verdict=StandingVerdict.MET if verdict["compliant"] else StandingVerdict.SHORT,
        shortfall=float(shortfall) if not verdict["compliant"] else 0.0,
        counted=float(headline["counted"]) if headline else 0.0,
        required=None if headline is None or headline["required"] is None else float(headline["required"]),
        unit=headline["unit"] if headline else "",
        requirements=lines,
        notes=list(verdict["notes"]),
    )


def _one(value: float) -> Decimal:
    return Decimal(str(round(value, 1)))


def _judged(person: dict[str, Any], kind: str, start: int, end: int, totals: Totals,
            index: RulesetIndex) -> tuple[int, Judgement, list[str] | None]:
    """(judged region, judgement, notes when they differ from the judgement's) of one period."""
    region_id = judged_region_id(person, start, end)
    j = judge(person["facts"], index.ruleset(region_id), kind, start, end, totals)
    if kind == StandingKind.ANNUAL and j.verdict == StandingVerdict.UNKNOWN:
        cycle = _cycle(person, start, index)
        if cycle is not None:  # judged by cycles only: the year points at its cycle
            return region_id, j, [f"按周期考核：见{cycle[0]}—{cycle[1]}周期", *j.notes]
    return region_id, j, None


def _standing(person: dict[str, Any], kind: str, start: int, end: int, summaries: list[dict[str, Any]],
              index: RulesetIndex, now: dt.datetime, reason: str) -> Standing:
    """The standing of one period as a model instance (what `standings_verify` compares); the
    writes build the same values as rows (`_row`)."""
    region_id, j, notes = _judged(person, kind, start, end, totals_from(summaries), index)
    return Standing(
        professional_id=person["pk"], kind=kind, start_year=start, end_year=end,
        region_path=person["region_path"], unit_id=person["unit_id"], judged_region_id=region_id,
        ruleset_id=j.ruleset_id, ruleset_version=j.version,
        verdict=j.verdict, shortfall=_one(j.shortfall), counted=_one(j.counted),
        required=None if j.required is None else _one(j.required), amount_unit=j.unit,
        totals=summaries, requirements=j.requirements, notes=j.notes if notes is None else notes, computed_at=now,
        reason=reason[:200],
    )


class _Rows:
    """Builds a batch's standings as (person, kind, start, end, region path, unit, judged region,
    content number) rows, and each distinct content (rule set … notes) once: most people of a
    region share their content with many others."""

    def __init__(self, index: RulesetIndex) -> None:
        self.index = index
        self.rows: list[tuple[Any, ...]] = []
        self.contents: list[tuple[Any, ...]] = []
        self._content_ids: dict[tuple[int, int, str], int] = {}
        self._keep: list[Any] = []  # what the ids in `_content_ids` point at stays alive for the batch
        self._amounts: dict[float | None, Any] = {}
        self._notes: dict[tuple[str, ...], str] = {}
        self._adapt = connection.ops.adapt_decimalfield_value

    def amount(self, value: float | None) -> Any:
        hit = self._amounts.get(value, self)
        if hit is self:
            hit = self._amounts[value] = None if value is None else self._adapt(_one(value), 8, 1)
        return hit

    def add(self, person: dict[str, Any], kind: str, start: int, end: int, totals: Totals) -> None:
        region_id, j, notes = _judged(person, kind, start, end, totals, self.index)
        if notes is None:
            notes_text = j.notes_text
        else:
            key = tuple(notes)
            notes_text = self._notes.get(key) or self._notes.setdefault(key, _json(notes))
        ckey = (id(j), id(totals), notes_text)
        content = self._content_ids.get(ckey)
        if content is None:
            content = self._content_ids[ckey] = len(self.contents)
            self._keep.append((j, totals))
            self.contents.append((
                content, j.ruleset_id, j.version, j.verdict, self.amount(j.shortfall), self.amount(j.counted),
                self.amount(j.required), j.unit, totals.text, j.requirements_text, notes_text))
        self.rows.append((person["pk"], kind, start, end, person["region_path"], person["unit_id"], region_id,
                          content))

    def full_rows(self, now: dt.datetime, reason: str) -> list[tuple[Any, ...]]:
        stamp = (connection.ops.adapt_datetimefield_value(now), reason[:200])
        contents = self.contents
        return [(*r[:7], *contents[r[7]][1:], *stamp) for r in self.rows]


# --- Loading ---------------------------------------------------------------------------------------
def _people(ids: Iterable[int] | None = None, *, region_path: str = "", after: int = 0,
            limit: int | None = None) -> list[dict[str, Any]]:
    """The batch's people as the judging needs them, each with a `history` lookup built from their
    dated placements — loaded for the whole batch with one query (two queries in all)."""
    qs = Professional.objects.order_by("pk")
    if ids is not None:
        qs = qs.filter(pk__in=list(ids))
    if region_path:
        qs = qs.filter(region__path__startswith=region_path)
    if after:
        qs = qs.filter(pk__gt=after)
    rows = qs.values_list("pk", "series", "level", "title__name", "health_facility", "region_id", "region__path",
                          "unit_id", "title_obtained_on")
    if limit is not None:
        rows = rows[:limit]
    people: list[dict[str, Any]] = [
        {"pk": pk, "facts": person_facts_of(series, level, title, facility), "region_id": region_id,
         "region_path": path, "unit_id": unit_id, "title_year": obtained.year if obtained else None}
        for pk, series, level, title, facility, region_id, path, unit_id, obtained in rows
    ]
    if people:
        current: dict[int, int] = {int(p["pk"]): int(p["region_id"]) for p in people}
        spans = Placement.objects.filter(professional_id__in=list(current)).order_by(
            "professional_id", "valid_from", "id").values_list("professional_id", "region_id", "valid_from", "valid_to")
        by_person = histories(spans, current)
        for p in people:
            history = by_person[int(p["pk"])]
            if history.spans:
                p["history"] = history.region_for_year
    return people


def counted_rows(person_ids: list[int], years: set[int] | None = None,
                 as_of: dt.datetime | None = None) -> Iterator[dict[str, Any]]:
    """The counted (recognised) records of these people, optionally only of some counted years and
    only those recognised by `as_of`."""
    qs = LearningRecord.objects.filter(professional_id__in=person_ids, status=RecordStatus.RECOGNISED)
    if years is not None:
        ys = sorted(years)
        qs = qs.filter(Q(make_up_for_year__in=ys) | Q(make_up_for_year__isnull=True, year__in=ys))
    if as_of is not None:
        qs = qs.filter(recognised_at__lte=as_of)
    return qs.values(*_RECORD_FIELDS).iterator(chunk_size=5000)


def _cycle(person: dict[str, Any], year: int, index: RulesetIndex) -> tuple[int, int] | None:
    """The cycle containing `year` if the rule set judging that year judges this person by cycles."""
    ruleset_id = index.ruleset(judged_region_id(person, year, year))
    if not ruleset_id:
        return None
    facts = person["facts"]
    key = (ruleset_id, facts.get("series"), facts.get("level"), facts.get("title"), facts.get("health_facility"),
           year, person.get("title_year"))
    if key not in _cycles:
        found = rules.cycle_of(ruleset_id, facts, year, person.get("title_year"))
        _cycles[key] = None if found is None else (found[0], found[1])
    return _cycles[key]


_cycles: dict[tuple[Any, ...], tuple[int, int] | None] = {}


def _periods(person: dict[str, Any], years: Iterable[int], index: RulesetIndex) -> list[tuple[str, int, int]]:
    """Each year's annual standing, and the cycles those years fall in for people judged by cycles."""
    annual = sorted(set(years))
    cycles = {c for c in (_cycle(person, y, index) for y in annual) if c is not None}
    out: list[tuple[str, int, int]] = [(StandingKind.ANNUAL.value, y, y) for y in annual]
    return out + [(StandingKind.CYCLE.value, a, b) for a, b in sorted(cycles)]


def _periods_of(person: dict[str, Any], years: frozenset[int], index: RulesetIndex,
                cache: dict[tuple[Any, ...], list[tuple[str, int, int]]]) -> list[tuple[str, int, int]]:
    """`_periods`, shared by the people of a batch who are judged alike (no dated history, same
    facts, region and title year)."""
    if person.get("history") is not None:
        return _periods(person, years, index)
    facts = person["facts"]
    key = (person["region_id"], facts.get("series"), facts.get("level"), facts.get("title"),
           facts.get("health_facility"), person.get("title_year"), years)
    hit = cache.get(key)
    if hit is None:
        hit = cache[key] = _periods(person, years, index)
    return hit


def _years_of(summaries_by_year: dict[int, Any], default_years: Iterable[int]) -> set[int]:
    return set(default_years) | {y for y in summaries_by_year if 1990 <= y <= 2100}


def _period_summaries(summaries_by_year: dict[int, list[dict[str, Any]]], start: int, end: int) -> list[dict[str, Any]]:
    if start == end:
        return summaries_by_year.get(start, [])
    return [s for y in range(start, end + 1) for s in summaries_by_year.get(y, [])]


_COLUMNS = ("professional_id", "kind", "start_year", "end_year", "region_path", "unit_id", "judged_region_id",
            "ruleset_id", "ruleset_version", "verdict", "shortfall", "counted", "required", "amount_unit", "totals",
            "requirements", "notes", "computed_at", "reason")
_JSON_COLUMNS = {"totals", "requirements", "notes"}
_KEY = ("professional_id", "kind", "start_year", "end_year")


def _upsert(rows: list[tuple[Any, ...]]) -> None:
    """Insert or update by (person, kind, period) in one statement per 1,000 rows: one
    INSERT … ON CONFLICT DO UPDATE through executemany (SQLite ≥ 3.24 and PostgreSQL alike)."""
    if not rows:
        return
    table = connection.ops.quote_name(Standing._meta.db_table)
    json_cast = "::jsonb" if connection.vendor == "postgresql" else ""
    values = ", ".join(f"%s{json_cast}" if c in _JSON_COLUMNS else "%s" for c in _COLUMNS)
    updates = ", ".join(f"{c} = excluded.{c}" for c in _COLUMNS if c not in _KEY)
    sql = (f"INSERT INTO {table} ({', '.join(_COLUMNS)}) VALUES ({values}) "  # noqa: S608 (constant names only)
           f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET {updates}")
    with connection.cursor() as cursor:
        for i in range(0, len(rows), 1000):
            cursor.executemany(sql, rows[i:i + 1000])


_CONTENT = ("ruleset_id", "ruleset_version", "verdict", "shortfall", "counted", "required", "amount_unit", "totals",
            "requirements", "notes")
_ROW = ("professional_id", "kind", "start_year", "end_year", "region_path", "unit_id", "judged_region_id")
_STAGE_ROWS, _STAGE_CONTENTS = "records_standing_stage_rows", "records_standing_stage_contents"


def _stage_tables(cursor: Any) -> None:
    """The session's temporary tables a rebuild stages a batch in (made once per connection)."""
    pg = connection.vendor == "postgresql"
    json_type = "jsonb" if pg else "text"
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE_ROWS} (professional_id bigint, kind varchar(10), "
                   "start_year smallint, end_year smallint, region_path varchar(100), unit_id bigint, "
                   "judged_region_id bigint, content integer)")
    cursor.execute(f"CREATE TEMPORARY TABLE IF NOT EXISTS {_STAGE_CONTENTS} (content integer PRIMARY KEY, "
                   "ruleset_id varchar(64), ruleset_version varchar(16), verdict varchar(10), shortfall decimal, "
                   f"counted decimal, required decimal, amount_unit varchar(4), totals {json_type}, "
                   f"requirements {json_type}, notes {json_type})")
    cursor.execute(f"DELETE FROM {_STAGE_ROWS}")  # noqa: S608 (constant names only)
    cursor.execute(f"DELETE FROM {_STAGE_CONTENTS}")  # noqa: S608


def _write_changed(built: _Rows, now: dt.datetime, reason: str) -> int:
    """Writes a rebuild batch set-based: the rows (small) and the distinct contents are staged in
    temporary tables, then one INSERT … SELECT … ON CONFLICT DO UPDATE writes only the standings
    that are new or whose content (everything but when and why it was computed) changed.
    Returns how many standings were inserted or updated."""
    if not built.rows:
        return 0
    ops = connection.ops
    pg = connection.vendor == "postgresql"
    table = ops.quote_name(Standing._meta.db_table)
    cast = "::jsonb" if pg else ""
    differs = " IS DISTINCT FROM " if pg else " IS NOT "
    stage_content = (f"INSERT INTO {_STAGE_CONTENTS} VALUES (%s, %s, %s, %s, %s, %s, %s, %s, "  # noqa: S608
                     f"%s{cast}, %s{cast}, %s{cast})")
    stage_rows = f"INSERT INTO {_STAGE_ROWS} VALUES (%s, %s, %s, %s, %s, %s, %s, %s)"  # noqa: S608
    columns = (*_ROW, *_CONTENT, "computed_at", "reason")
    write = (
        f"INSERT INTO {table} AS t ({', '.join(columns)}) "  # noqa: S608 (constant names only)
        f"SELECT {', '.join('r.' + c for c in _ROW)}, {', '.join('c.' + c for c in _CONTENT)}, %s, %s "
        f"FROM {_STAGE_ROWS} r JOIN {_STAGE_CONTENTS} c ON c.content = r.content WHERE true "
        f"ON CONFLICT ({', '.join(_KEY)}) DO UPDATE SET "
        + ", ".join(f"{c} = excluded.{c}" for c in columns if c not in _KEY)
        + " WHERE " + " OR ".join(f"t.{c}{differs}excluded.{c}" for c in (*_ROW[4:], *_CONTENT))
    )
    # Most changes (a new rule-set version, new amounts) leave the indexed columns as they are:
    # those rows are updated first without naming an indexed column, so neither database rewrites
    # an index entry for them (SQLite updates the indexes of the columns an UPDATE sets; PostgreSQL
    # can then update in place). The upsert after it finds them equal and skips them.
    same = " IS NOT DISTINCT FROM " if pg else " IS "
    plain = [c for c in _CONTENT if c not in _INDEXED]
    in_place = (
        f"UPDATE {table} AS t SET {', '.join(f'{c} = c.{c}' for c in plain)}, "  # noqa: S608 (constant names)
        "computed_at = %s, reason = %s "
        f"FROM {_STAGE_ROWS} r JOIN {_STAGE_CONTENTS} c ON c.content = r.content "
        "WHERE " + " AND ".join(f"t.{k} = r.{k}" for k in _KEY)
        + "".join(f" AND t.{c}{same}r.{c}" for c in _ROW[4:])
        + "".join(f" AND t.{c}{same}c.{c}" for c in _CONTENT if c in _INDEXED)
        + " AND (" + " OR ".join(f"t.{c}{differs}c.{c}" for c in plain) + ")"
    )
    stamp = [ops.adapt_datetimefield_value(now), reason[:200]]
    with connection.cursor() as cursor:
        _stage_tables(cursor)
        cursor.executemany(stage_content, built.contents)
        if pg:  # COPY: psycopg's executemany sends one INSERT a row
            with cursor.cursor.copy(f"COPY {_STAGE_ROWS} FROM STDIN") as copy:
                for row in built.rows:
                    copy.write_row(row)
            # a temporary table has no statistics: without them the planner reads every standing
            cursor.execute(f"ANALYZE {_STAGE_ROWS}, {_STAGE_CONTENTS}")
        else:
            for i in range(0, len(built.rows), 5000):
                cursor.executemany(stage_rows, built.rows[i:i + 5000])
        cursor.execute(in_place, stamp)
        updated = max(cursor.rowcount, 0)
        cursor.execute(write, stamp)
        return updated + max(cursor.rowcount, 0)


# columns of an index on the standings (kept in step with `Standing.Meta.indexes` and the foreign keys)
_INDEXED = frozenset({"region_path", "unit_id", "judged_region_id", "verdict"})


# --- Writes ----------------------------------------------------------------------------------------
@transaction.atomic
def standings_refresh(*, professional_ids: Iterable[int], years: Iterable[int] | None = None, reason: str) -> int:
    """Recomputes the standings of these people — for `years` only when given (the years a change
    touched), otherwise for every standing year and every year they have counted records in.
    Call it inside the transaction that made the change: every standing it computes is written
    with the change's reason, changed or not. Returns how many standings were written."""
    ids = sorted(set(professional_ids))
    if not ids:
        return 0
    only = None if years is None else {int(y) for y in years}
    people = _people(ids)
    index = RulesetIndex()
    default_years = standing_years()
    wanted: dict[int, list[tuple[str, int, int]]] = {}
    needed: set[int] | None = None
    if only is not None:  # the touched years, and the whole of any cycle they fall in
        needed = set(only)
        for person in people:
            wanted[person["pk"]] = _periods(person, only, index)
            needed |= {y for _k, a, b in wanted[person["pk"]] for y in range(a, b + 1)}
    in_db = summaries_in_db(ids, needed)
    built = _Rows(index)
    for person in people:
        summaries = in_db.get(person["pk"], {})
        periods = wanted[person["pk"]] if only is not None else _periods(
            person, _years_of(summaries, default_years), index)
        for kind, start, end in periods:
            built.add(person, kind, start, end, _period_totals(summaries, start, end))
    _upsert(built.full_rows(timezone.now(), reason))
    return len(built.rows)


def standings_move(*, professional_ids: Iterable[int]) -> int:
    """After a person's region or unit changed: the stored location of their standings follows."""
    n = 0
    for pk, region_path, unit_id in Professional.objects.filter(pk__in=list(professional_ids)).values_list(
        "pk", "region__path", "unit_id"
    ):
        n += Standing.objects.filter(professional_id=pk).update(region_path=region_path, unit_id=unit_id)
    return n


def _stored_totals(ids: list[int]) -> dict[int, dict[int, Totals]]:
    """The yearly summaries stored with the annual standings of these people, read as JSON text
    (one parse per distinct text, however many people share it)."""
    table = connection.ops.quote_name(Standing._meta.db_table)
    as_text = "totals::text" if connection.vendor == "postgresql" else "totals"
    texts: dict[str, Totals] = {}
    out: dict[int, dict[int, Totals]] = defaultdict(dict)
    placeholders = ", ".join(["%s"] * len(ids))
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT professional_id, start_year, {as_text} FROM {table} "  # noqa: S608 (constant names)
                       f"WHERE kind = %s AND professional_id IN ({placeholders})", [StandingKind.ANNUAL.value, *ids])
        for pk, start, text in cursor.fetchall():
            totals = texts.get(text)
            if totals is None:
                rows = json.loads(text) if text else []
                totals = texts[text] = totals_from(rows) if rows else _NO_TOTALS
            if totals.rows:
                out[pk][start] = totals
    return out


def rebuild_batch(people: list[dict[str, Any]], *, from_totals: bool, index: RulesetIndex, reason: str) -> int:
    """One batch of a rebuild: reads the stored summaries (a rule change) or the raw records, and
    writes only the standings whose content changed. Returns how many it wrote."""
    ids = [p["pk"] for p in people]
    # a rule change: the stored yearly summaries are judged again, no raw record read
    in_db = _stored_totals(ids) if from_totals else summaries_in_db(ids)
    default_years = frozenset(standing_years())
    built = _Rows(index)
    periods: dict[tuple[Any, ...], list[tuple[str, int, int]]] = {}
    for person in people:
        summaries = in_db.get(person["pk"], {})
        years = default_years if summaries.keys() <= default_years else frozenset(_years_of(summaries, default_years))
        for kind, start, end in _periods_of(person, years, index, periods):
            built.add(person, kind, start, end, _period_totals(summaries, start, end))
    with transaction.atomic():
        return _write_changed(built, timezone.now(), reason)


@dataclass(frozen=True, slots=True)
class RebuildOutcome:
    people: int
    written: int  # standings inserted or changed; the others were already as computed


def standings_rebuild_counted(*, region: Region | None = None, from_totals: bool = False, reason: str = "重新计算",
                              batch: int = BATCH, after: int = 0,
                              on_progress: Callable[[int, int], None] | None = None) -> RebuildOutcome:
    """Recomputes every standing of the region subtree (all people when None) in batches, each in its
    own transaction; `on_progress(done, last_professional_id)` after each. A standing that comes
    out as stored is not written again (its 计算时间 and 原因 still say when and why its content
    was set)."""
    path = region.path if region is not None else ""
    index = RulesetIndex()
    done = written = 0
    while True:
        people = _people(region_path=path, after=after, limit=batch)
        if not people:
            return RebuildOutcome(done, written)
        written += rebuild_batch(people, from_totals=from_totals, index=index, reason=reason)
        done += len(people)
        after = people[-1]["pk"]
        if on_progress:
            on_progress(done, after)


def standings_rebuild(*, region: Region | None = None, from_totals: bool = False, reason: str = "重新计算",
                      batch: int = BATCH, after: int = 0,
                      on_progress: Callable[[int, int], None] | None = None) -> int:
    """`standings_rebuild_counted`; returns the number of people done."""
    return standings_rebuild_counted(region=region, from_totals=from_totals, reason=reason, batch=batch,
                                     after=after, on_progress=on_progress).people


def standing_rebuild_request(*, actor: Any, region: Region | None, reason: str, from_totals: bool = True) -> StandingRebuild:
    """Queues a rebuild (after a rule-set change, say); the task worker runs it."""
    people = Professional.objects.all()
    if region is not None:
        people = people.filter(region__path__startswith=region.path)
    job = StandingRebuild.objects.create(
        region=region, reason=reason[:200], from_totals=from_totals, total=people.count(),
        requested_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    transaction.on_commit(lambda: standing_rebuild_task.enqueue(job.pk))
    return job


@task()
def standing_rebuild_task(rebuild_id: int) -> None:
    """Runs (or resumes, after the last person finished) a queued rebuild."""
    job = StandingRebuild.objects.get(pk=rebuild_id)
    if job.status == RebuildStatus.DONE:
        return
    StandingRebuild.objects.filter(pk=job.pk).update(status=RebuildStatus.RUNNING)

    def progress(done: int, last: int) -> None:
        StandingRebuild.objects.filter(pk=job.pk).update(done=min(job.done + done, job.total or job.done + done),
                                                         last_professional_id=last)

    try:
        standings_rebuild(region=job.region, from_totals=job.from_totals, reason=job.reason,
                          after=job.last_professional_id, on_progress=progress)
    except Exception as exc:  # the job shows why it stopped and can be resumed
        StandingRebuild.objects.filter(pk=job.pk).update(status=RebuildStatus.FAILED, failure=str(exc)[:500])
        raise
    StandingRebuild.objects.filter(pk=job.pk).update(status=RebuildStatus.DONE, done=job.total,
                                                     finished_at=timezone.now())


# --- Checking --------------------------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Drift:
    professional_id: int
    period: str
    field: str
    stored: Any
    expected: Any

    def __str__(self) -> str:
        return f"专业技术人员 {self.professional_id} {self.period} {self.field}：已存 {self.stored!r}，应为 {self.expected!r}"


_COMPARED = ("region_path", "unit_id", "judged_region_id", "ruleset_id", "verdict", "shortfall", "counted",
             "required", "amount_unit", "totals", "requirements")


def standings_verify(*, region: Region | None = None, sample: int | None = None, seed: int = 0,
                     batch: int = BATCH) -> tuple[int, list[Drift]]:
    """Recomputes from the raw records and compares with what is stored: (people checked, drifts).
    A missing or surplus standing is a drift too."""
    import random

    path = region.path if region is not None else ""
    index = RulesetIndex()
    ids = list(Professional.objects.filter(region__path__startswith=path).order_by("pk").values_list("pk", flat=True))
    if sample is not None and sample < len(ids):
        ids = sorted(random.Random(seed).sample(ids, sample))  # noqa: S311 (a reproducible sample, not a secret)
    drifts: list[Drift] = []
    default_years = standing_years()
    for i in range(0, len(ids), batch):
        chunk = ids[i:i + batch]
        people = _people(chunk)
        by_person: dict[int, list[dict[str, Any]]] = defaultdict(list)
        for row in counted_rows(chunk):
            by_person[row["professional_id"]].append(row)
        stored: dict[int, dict[tuple[str, int, int], Standing]] = defaultdict(dict)
        for s in Standing.objects.filter(professional_id__in=chunk):
            stored[s.professional_id][(s.kind, s.start_year, s.end_year)] = s
        now = timezone.now()
        for person in people:
            summaries = summarise(by_person.get(person["pk"], []))
            mine = stored.get(person["pk"], {})
            expected_periods = set(_periods(person, _years_of(summaries, default_years), index))
            for kind, start, end in sorted(expected_periods | set(mine)):
                label = f"{start}" if start == end else f"{start}-{end}"
                have = mine.get((kind, start, end))
                if (kind, start, end) not in expected_periods:
                    if have is not None and have.verdict != StandingVerdict.UNKNOWN and have.totals:
                        drifts.append(Drift(person["pk"], label, "standing", "存在", "不应存在"))
                    continue
                want = _standing(person, kind, start, end, _period_summaries(summaries, start, end), index, now, "")
                if have is None:
                    drifts.append(Drift(person["pk"], label, "standing", "缺失", want.get_verdict_display()))
                    continue
                for name in _COMPARED:
                    a, b = getattr(have, name), getattr(want, name)
                    if isinstance(a, Decimal) or isinstance(b, Decimal):
                        a = None if a is None else Decimal(a).quantize(Decimal("0.1"))
                        b = None if b is None else Decimal(b).quantize(Decimal("0.1"))
                    if a != b:
                        drifts.append(Drift(person["pk"], label, name, a, b))
    return len(ids), drifts


# --- People's changes ------------------------------------------------------------------------------
_JUDGED_BY = {"series", "level", "title", "health_facility", "title_obtained_on", "region", "unit", "created",
              "imported"}


def on_professionals_changed(ids: list[int], fields: set[str]) -> None:
    """Subscribed to `people.hooks`: a new person gets standings; a changed title, series, level,
    facility, unit or region is judged again (every year: the facts are the person's, not a year's)."""
    if fields & {"region", "unit", "imported"}:
        standings_move(professional_ids=ids)
    if fields & _JUDGED_BY:
        standings_refresh(professional_ids=ids, reason="人员信息变更：" + "、".join(sorted(fields))[:180])


# --- Rule-set changes ------------------------------------------------------------------------------
def standings_stale(standings: QuerySet[Standing] | None = None) -> list[tuple[str, str, int]]:
    """(rule set, stored version, standings) for every version that is no longer the file's, among
    `standings` (all when None; a page passes the user's scoped ones): a changed rule-set file leaves
    these to be judged again (one GROUP BY)."""
    out = []
    qs = Standing.objects.all() if standings is None else standings
    for ruleset_id, version, n in (
        qs.exclude(ruleset_id="").values_list("ruleset_id", "ruleset_version")
        .annotate(n=Count("pk")).order_by("ruleset_id", "ruleset_version")
    ):
        try:
            current = rules.ruleset_version(ruleset_id)
        except rules.UnknownRuleset:
            current = ""
        if version != current:
            out.append((ruleset_id, version, n))
    return out


def standings_queue_stale(*, actor: Any = None) -> list[StandingRebuild]:
    """Queues one rebuild (from the stored summaries) per region that names a changed rule set."""
    jobs = []
    for ruleset_id in sorted({r for r, _v, _n in standings_stale()}):
        for region in Region.objects.filter(ruleset_id=ruleset_id).order_by("path"):
            busy = StandingRebuild.objects.filter(
                region=region, status__in=[RebuildStatus.QUEUED, RebuildStatus.RUNNING]).exists()
            if not busy:
                jobs.append(standing_rebuild_request(actor=actor, region=region, from_totals=True,
                                                     reason=f"规则集 {ruleset_id} 已更新"))
    return jobs
