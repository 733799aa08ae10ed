"""Gates: may a person apply for a title, register, be graded excellent, be appointed, apply for an
award? Answers come from the rules engine over the years concerned, make-up obligations, fraud
findings and violations, with the reasons and the records behind them; every answer is recorded.
Also the findings that feed them: fraud, make-up obligations, violations."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import can, restrict
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.people.models import Professional
from jxjy.rules import Procedure, UnknownRuleset, procedure
from jxjy.rules.loader import load_ruleset

from ..choices import GatePurpose, ViolationConsequence
from ..compliance import COUNTED, PersonVerdict, evaluate_records, ruleset_by_region
from ..models import (
    FraudFinding,
    GateCheck,
    LearningRecord,
    MakeUpObligation,
    Standing,
    StandingKind,
    StandingVerdict,
    Violation,
)
from .revocation import learning_records_revoke
from .standings import standings_refresh

MAX_BATCH = 10_000
LOOKBACK_YEARS = 5
FRAUD_CANCELS = {GatePurpose.TITLE_APPLICATION, GatePurpose.REGISTRATION, GatePurpose.RE_REGISTRATION}
PASS_CERTIFICATE_RULE = {  # which gates ask for the 公共科目合格证, where the rule set says so
    GatePurpose.TITLE_APPLICATION: "pass_certificate_required_title_application",
    GatePurpose.REGISTRATION: "pass_certificate_required_registration",
    GatePurpose.RE_REGISTRATION: "pass_certificate_required_registration",
}


def gate_basis(ruleset_id: str, purpose: str, year: int) -> Procedure:
    """The document of the person's region that makes CE a condition of this gate, in force in
    `year` (e.g. 常人社发〔2011〕11号 第十一条 for a 常州 title application, 榕人专〔2009〕145号 三 for a
    福州 one), or the default, which says it is one."""
    return _procedure(ruleset_id, f"gate_{purpose}", year)


def _procedure(ruleset_id: str, name: str, year: int) -> Procedure:
    """The parameter in force at the end of `year`; a region naming an unknown rule set gets the default."""
    try:
        return procedure(ruleset_id or None, name, dt.date(year, 12, 31))
    except UnknownRuleset:
        return procedure(None, name, dt.date(year, 12, 31))


def pass_certificate_rule(ruleset_id: str, purpose: str, year: int) -> Procedure | None:
    """The rule requiring the 公共科目合格证 for this gate (常人社发〔2011〕11号 第十一条、第十二条), or None."""
    name = PASS_CERTIFICATE_RULE.get(GatePurpose(purpose))
    if name is None:
        return None
    found = _procedure(ruleset_id, name, year)
    return found if found.value else None


def years_considered(professional: Professional, purpose: str, year: int) -> list[int]:
    """Which annual requirements the answer rests on: the assessed year itself for the excellent
    grade; otherwise every completed year since the title was obtained (at most five, at least the
    previous year) — "必须完成各年度继续教育规定学时" (常人社发〔2011〕11号 第十一条、第十二条)."""
    if purpose == GatePurpose.EXCELLENT_GRADE:
        return [year]
    if purpose in (GatePurpose.POST_APPOINTMENT, GatePurpose.AWARD):
        return [year - 1]
    first = year - LOOKBACK_YEARS
    if professional.title_obtained_on is not None:
        first = max(first, professional.title_obtained_on.year + 1)
    first = min(first, year - 1)
    return list(range(first, year))


@dataclass
class GateAnswer:
    professional: Professional
    purpose: str
    year: int
    to_title: str
    allowed: bool = True
    reasons: list[str] = field(default_factory=list)
    record_ids: list[int] = field(default_factory=list)
    years: dict[int, dict[str, Any]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)

    def refuse(self, reason: str) -> None:
        self.allowed = False
        self.reasons.append(reason)

    def as_dict(self) -> dict[str, Any]:
        return {
            "professional_id": self.professional.pk,
            "name": self.professional.name,
            "masked_id_number": self.professional.masked_id_number,
            "purpose": self.purpose,
            "year": self.year,
            "to_title": self.to_title,
            "allowed": self.allowed,
            "reasons": self.reasons,
            "record_ids": self.record_ids,
            "years": self.years,
            "notes": self.notes,
        }


def _verdicts(
    person: Professional, purpose: str, year: int, to_title: str, records: list[LearningRecord], rs: str
) -> list[tuple[int, list[LearningRecord], PersonVerdict]] | None:
    """Through the engine over the raw records: a title application to a named title where the rule
    set knows the purpose (温经贸培训〔2009〕74号 windows and transition schedule), or an explicit rule
    set override. None when the rule set has no title-application purpose (and no override): the
    annual standings answer instead."""
    if purpose == GatePurpose.TITLE_APPLICATION and to_title:
        mine = [r for r in records if r.counted_year <= year]
        try:
            pv = evaluate_records(person, mine, {"kind": "title_application", "year": year, "to_title": to_title}, rs)
            return [(year, mine, pv)]
        except ApplicationError:
            pass  # this rule set has no title-application purpose: every year counts
    return None


def _engine_years(
    person: Professional, purpose: str, year: int, records: list[LearningRecord], rs: str
) -> list[tuple[int, list[LearningRecord], PersonVerdict]] | None:
    """Year by year through the engine (only with an explicit rule-set override)."""
    out = []
    for y in years_considered(person, purpose, year):
        mine = [r for r in records if r.counted_year == y]
        try:
            out.append((y, mine, evaluate_records(person, mine, {"kind": "annual", "year": y}, rs)))
        except ApplicationError:
            return None
    return out


def requirement_source(ruleset_id: str, requirement_id: str) -> str:
    """The citation of a stored standing's requirement line (its id may carry a "-YYYY" suffix)."""
    try:
        ruleset = load_ruleset(ruleset_id)
    except UnknownRuleset:
        return ruleset_id
    for req in ruleset.requirements:
        if requirement_id == req.id or requirement_id.startswith(req.id + "-"):
            return req.source
    return ruleset.document


def _cycle_of(cycles: list[Standing], y: int) -> Standing | None:
    return next((c for c in cycles if c.start_year <= y <= c.end_year), None)


def _standing_lines(answer: GateAnswer, y: int, standing: Standing | None, person: Professional,
                    cycles: list[Standing] | None = None) -> bool:
    """One considered year from its stored standing; False when the year cannot be judged. A person
    judged by cycles (洛江 school teachers 泉洛政人社[2017]27号 二（一）, 温州 engineers, 洛江 medical
    cycles) is answered by the stored standing of the cycle the year falls in: a completed cycle by
    its verdict, a cycle still running is shown and not held against them (对在5年周期内未完成……在
    下一年度不予评聘、晋升)."""
    cycle = _cycle_of(cycles or [], y)
    if cycle is not None and cycle.verdict != StandingVerdict.UNKNOWN and (
        standing is None or standing.verdict == StandingVerdict.UNKNOWN
    ):
        return _cycle_lines(answer, y, cycle)
    if standing is None or not standing.ruleset_id:
        answer.refuse(f"{person.region.name}未配置适用的继续教育规则集")
        return False
    if standing.verdict == StandingVerdict.UNKNOWN:
        notes = "；".join(standing.notes)
        answer.refuse(f"规则集{standing.ruleset_id}无法评估该人员（系列或级别不在其适用范围内）" + (f"：{notes}" if notes else ""))
        return False
    answer.years[y] = {
        "ruleset": standing.ruleset_id, "compliant": standing.compliant, "verdict": standing.verdict,
        "shortfall": float(standing.shortfall), "unit": standing.amount_unit,
        "requirements": standing.requirements, "computed_at": standing.computed_at.isoformat(),
    }
    for req in standing.requirements:
        if req.get("met") is False:
            answer.refuse(
                f"{y}年度未完成继续教育：{req['description']}，已计{req['counted']}{req['unit']}，差{req['shortfall']}{req['unit']}"
                f"（{requirement_source(standing.ruleset_id, req['id'])}）"
            )
    return True


def _cycle_lines(answer: GateAnswer, y: int, cycle: Standing) -> bool:
    period = f"{cycle.start_year}–{cycle.end_year}周期"
    running = cycle.end_year >= answer.year
    answer.years[y] = {
        "ruleset": cycle.ruleset_id, "kind": "cycle", "cycle": [cycle.start_year, cycle.end_year],
        "compliant": cycle.compliant, "verdict": cycle.verdict, "running": running,
        "shortfall": float(cycle.shortfall), "unit": cycle.amount_unit,
        "requirements": cycle.requirements, "computed_at": cycle.computed_at.isoformat(),
    }
    if running:
        state = "已达标" if cycle.verdict == StandingVerdict.MET else f"尚差{cycle.shortfall.normalize():f}{cycle.amount_unit}"
        answer.notes.append(f"{y}年度按周期考核：{period}未满（{state}），周期满后统一验证")
        return True
    for req in cycle.requirements:
        if req.get("met") is False:
            answer.refuse(
                f"{period}未完成继续教育：{req['description']}，已计{req['counted']}{req['unit']}，差{req['shortfall']}{req['unit']}"
                f"（{requirement_source(cycle.ruleset_id, req['id'])}）"
            )
    return True


def _answer(
    person: Professional, purpose: str, year: int, to_title: str, records: list[LearningRecord],
    frauds: list[FraudFinding], obligations: list[MakeUpObligation], violations: list[Violation], ruleset_id: str,
    standings: dict[int, Standing] | None = None, record_ids: dict[int, list[int]] | None = None,
    cycles: list[Standing] | None = None, pass_certificate_years: set[int] | None = None,
) -> GateAnswer:
    """`standings` (considered year → the person's stored standing) and `record_ids` (counted year →
    the ids of the records behind it) answer the annual years; `records` and `ruleset_id` are only
    read on the engine path (a named title's title application, or an explicit rule-set override)."""
    answer = GateAnswer(person, purpose, year, to_title)
    cite = gate_basis(ruleset_id, purpose, year).reference
    if purpose in FRAUD_CANCELS:
        for finding in frauds:
            if finding.year == year:
                answer.refuse(
                    f"{year}年在继续教育登记中弄虚作假（{finding.description}），取消当年专业技术职称申报和职（执）业资格注册资格"
                    "（常人社发〔2011〕11号 第十五条）"
                )
    years = years_considered(person, purpose, year)
    rs = ruleset_id
    verdicts = _verdicts(person, purpose, year, to_title, records, rs) if rs and to_title else None
    if verdicts is None and standings is None:
        verdicts = _engine_years(person, purpose, year, records, rs) if rs else None
        if not rs:
            answer.refuse(f"{person.region.name}未配置适用的继续教育规则集")
            return answer
        if verdicts is None:
            answer.refuse(f"规则集{rs}无法评估该人员（系列或级别不在其适用范围内）")
            return answer
    if verdicts is not None:
        for key, mine, pv in verdicts:
            answer.years[key] = {"ruleset": rs, "compliant": pv.compliant, "requirements": pv.verdict["requirements"]}
            answer.record_ids += [r.pk for r in mine]
            for req in pv.unmet:
                answer.refuse(
                    f"{key}年度未完成继续教育：{req['description']}，已计{req['counted']}{req['unit']}，差{req['shortfall']}{req['unit']}"
                    f"（{req['source']}）"
                )
    else:
        assert standings is not None
        for y in years:
            if not _standing_lines(answer, y, standings.get(y), person, cycles):
                return answer
            answer.record_ids += (record_ids or {}).get(y, [])
    needs_certificate = pass_certificate_rule(ruleset_id, purpose, year)
    if needs_certificate is not None:
        held = sorted(y for y in (pass_certificate_years or set()) if y <= year)
        if not held:
            answer.refuse(f"未取得《公共科目合格证》（{needs_certificate.reference}）")
        else:
            answer.notes.append(f"已取得{held[-1]}年度《公共科目合格证》（{needs_certificate.reference}）")
    if purpose != GatePurpose.EXCELLENT_GRADE:
        for ob in obligations:
            if ob.met_at is None and ob.year < year and ob.year not in years:
                answer.refuse(f"{ob.year}年度尚有补课任务未完成：{ob.description}，差{ob.shortfall}{ob.unit}（常人社发〔2011〕11号 第十三条）")
    if purpose == GatePurpose.POST_APPOINTMENT:
        for v in violations:
            if v.consequence == ViolationConsequence.DISMISSAL and v.occurred_on.year >= year - 1:
                answer.refuse(f"{v.occurred_on:%Y-%m-%d} {v.get_kind_display()}，处理：{v.get_consequence_display()}（泉洛政人社[2017]27号 三3）")
    answer.reasons.extend(answer.notes)
    if answer.allowed:
        answer.reasons.append(f"已完成所需年度（{'、'.join(str(y) for y in answer.years)}）的继续教育（{cite}）")
    else:
        answer.reasons.append(f"依据：{cite}")
    return answer


def stored_standings(people: list[Professional], years_of: dict[int, list[int]], *,
                     reason: str = "核验时计算") -> dict[int, dict[int, Standing]]:
    """person id → year → the stored annual standing, for the years each person needs; standings
    that do not exist yet (a person no change has touched) are computed and stored first, in bulk.
    A fixed number of queries whatever the number of people."""
    wanted = {y for ys in years_of.values() for y in ys}
    ids = [p.pk for p in people]
    out: dict[int, dict[int, Standing]] = defaultdict(dict)
    if not ids or not wanted:
        return out

    def load(pks: list[int]) -> None:
        for s in Standing.objects.filter(professional_id__in=pks, kind=StandingKind.ANNUAL, end_year__in=sorted(wanted),
                                         start_year=F("end_year")):
            out[s.professional_id][s.end_year] = s

    load(ids)
    missing = [pk for pk in ids if any(y not in out[pk] for y in years_of.get(pk, []))]
    if missing:
        missing_years = {y for pk in missing for y in years_of.get(pk, []) if y not in out[pk]}
        standings_refresh(professional_ids=missing, years=missing_years, reason=reason)
        load(missing)
    return out


def _record_ids_by_year(ids: list[int], years: set[int]) -> dict[int, dict[int, list[int]]]:
    """person id → counted year → the ids of the counted records behind the standing (one query)."""
    out: dict[int, dict[int, list[int]]] = defaultdict(lambda: defaultdict(list))
    if not ids or not years:
        return out
    ys = sorted(years)
    for pk, person_id, y, make_up in (
        LearningRecord.objects.filter(COUNTED, professional_id__in=ids)
        .filter(Q(make_up_for_year__in=ys) | Q(make_up_for_year__isnull=True, year__in=ys))
        .order_by("date", "id").values_list("pk", "professional_id", "year", "make_up_for_year")
    ):
        out[person_id][make_up or y].append(pk)
    return out


def _may_check(actor: User) -> None:
    if not actor.is_authenticated or (actor.role == Role.PROVIDER_ADMIN and not actor.is_superuser):
        raise PermissionDenied("您无权查询继续教育核验结果")


@transaction.atomic
def gate_check_batch(
    *, actor: User, id_numbers: list[str], purpose: str, year: int, to_title: str = "", ruleset_id: str = ""
) -> dict[str, Any]:
    """Answers for up to 10,000 identity numbers in one call. The years considered are read from the
    stored standings (达标情况; those not computed yet are computed in bulk first); people, standings,
    record ids, findings, obligations and violations are loaded with one query each, whatever the
    number of people; each answer is recorded.
    Numbers outside the caller's jurisdiction are reported as not found (never revealed)."""
    _may_check(actor)
    if purpose not in GatePurpose.values:
        raise ApplicationError("未知的核验事项", field="purpose")
    numbers = list(dict.fromkeys(n.strip().upper() for n in id_numbers if n.strip()))
    if not numbers:
        raise ApplicationError("请提供身份证号码", field="id_numbers")
    if len(numbers) > MAX_BATCH:
        raise ApplicationError(f"一次最多核验{MAX_BATCH}人", field="id_numbers")
    people = list(
        restrict(Professional.objects.select_related("region", "unit", "title"), actor).filter(id_number__in=numbers)
    )
    found = {p.id_number: p for p in people}
    ids = [p.pk for p in people]
    # The engine over raw records only where the annual standings cannot answer: a title application
    # to a named title (the rule set's own window, 温经贸培训〔2009〕74号) or an explicit rule set.
    engine = bool(ruleset_id) or (purpose == GatePurpose.TITLE_APPLICATION and bool(to_title))
    by_person: dict[int, list[LearningRecord]] = defaultdict(list)
    if engine:
        lowest = year - LOOKBACK_YEARS - 1
        for r in LearningRecord.objects.filter(COUNTED, professional_id__in=ids).filter(
            Q(year__gte=lowest) | Q(make_up_for_year__gte=lowest)
        ).order_by("date", "id"):
            by_person[r.professional_id].append(r)
    rulesets = ruleset_by_region({p.region_id for p in people})
    years_of = {p.pk: years_considered(p, purpose, year) for p in people}
    standings = stored_standings(people, years_of) if not ruleset_id else {}
    record_ids = _record_ids_by_year(ids, {y for ys in years_of.values() for y in ys}) if not ruleset_id else {}
    cycles: dict[int, list[Standing]] = defaultdict(list)
    wanted_years = {y for ys in years_of.values() for y in ys}
    unjudged = [pk for pk, by_year in standings.items()
                if any(s.verdict == StandingVerdict.UNKNOWN for s in by_year.values())]
    if wanted_years and unjudged:  # people judged by cycles: one query for their cycles
        for c in Standing.objects.filter(professional_id__in=unjudged, kind=StandingKind.CYCLE,
                                         start_year__lte=max(wanted_years), end_year__gte=min(wanted_years)):
            cycles[c.professional_id].append(c)
    certificate_years: dict[int, set[int]] = defaultdict(set)
    if any(pass_certificate_rule(ruleset_id or rulesets.get(p.region_id, ""), purpose, year) for p in people):
        from jxjy.online.models import PassCertificate

        for pk, y in PassCertificate.objects.filter(professional_id__in=ids).values_list("professional_id", "year"):
            certificate_years[pk].add(y)
    frauds: dict[int, list[FraudFinding]] = defaultdict(list)
    for f in FraudFinding.objects.filter(professional_id__in=ids, year=year):
        frauds[f.professional_id].append(f)
    obligations: dict[int, list[MakeUpObligation]] = defaultdict(list)
    for o in MakeUpObligation.objects.filter(professional_id__in=ids, met_at__isnull=True):
        obligations[o.professional_id].append(o)
    violations: dict[int, list[Violation]] = defaultdict(list)
    for v in Violation.objects.filter(professional_id__in=ids):
        violations[v.professional_id].append(v)
    now = timezone.now()
    answers = []
    for number in numbers:
        person = found.get(number)
        if person is None:
            continue
        rs = ruleset_id or rulesets.get(person.region_id, "")
        answers.append(_answer(
            person, purpose, year, to_title, by_person[person.pk], frauds[person.pk], obligations[person.pk],
            violations[person.pk], rs,
            standings=None if ruleset_id else standings.get(person.pk, {}),
            record_ids=None if ruleset_id else record_ids.get(person.pk, {}),
            cycles=cycles.get(person.pk, []), pass_certificate_years=certificate_years.get(person.pk, set()),
        ))
    GateCheck.objects.bulk_create(
        [
            GateCheck(professional=a.professional, purpose=purpose, year=year, to_title=to_title, allowed=a.allowed,
                      reasons=a.reasons, record_ids=a.record_ids, checked_by=actor, checked_at=now)
            for a in answers
        ],
        batch_size=1000,
    )
    audit_record(actor=actor, action=AuditAction.READ_SENSITIVE,
                 message=f"继续教育核验（{GatePurpose(purpose).label} {year}）：{len(numbers)}个号码，{len(answers)}人")
    return {
        "purpose": purpose,
        "year": year,
        "results": [a.as_dict() for a in answers],
        "not_found": [n for n in numbers if n not in found],
    }


def gate_check(*, actor: User, professional: Professional, purpose: str, year: int, to_title: str = "") -> dict[str, Any]:
    """The answer for one person (the batch path with one number)."""
    result = gate_check_batch(actor=actor, id_numbers=[professional.id_number], purpose=purpose, year=year, to_title=to_title)
    if not result["results"]:
        raise PermissionDenied("该人员不在您的管辖范围内")
    answer: dict[str, Any] = result["results"][0]
    return answer


# --- Findings -------------------------------------------------------------------------------------
@transaction.atomic
def fraud_finding_record(
    *, actor: User, professional: Professional, year: int, description: str,
    record: LearningRecord | None = None, found_on: dt.date | None = None,
) -> FraudFinding:
    """弄虚作假: recorded by the HR bureau; the record involved is revoked; the year's title
    application and registration are cancelled by the gates (常人社发〔2011〕11号 第十五条)."""
    if actor.role != Role.HR_OFFICER or not can(actor, "view", professional):
        raise PermissionDenied("弄虚作假由管辖的人社局认定")
    if not description.strip():
        raise ApplicationError("请填写情况", field="description")
    finding = FraudFinding(professional=professional, record=record, year=year, description=description.strip(),
                           found_on=found_on or timezone.localdate(), found_by=actor)
    finding.full_clean()
    finding.save()
    if record is not None:
        if record.professional_id != professional.pk:
            raise ApplicationError("该记录不属于此人", field="record")
        learning_records_revoke(actor=actor, records=[record], reason=f"因弄虚作假撤销：{description.strip()}"[:300])
        record.refresh_from_db()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=finding, after=snapshot(finding),
                 region_path=professional.region.path, message=f"认定弄虚作假，取消{year}年职称申报和执业注册资格")
    return finding


@transaction.atomic
def make_up_obligations_refresh(*, actor: Any, professional: Professional, year: int, ruleset_id: str = "") -> list[MakeUpObligation]:
    """Carries a year's shortfalls over as make-up obligations (补课, 常人社发〔2011〕11号 第十三条) and
    marks earlier ones met once make-up records (counted for that year) close them."""
    from ..compliance import annual, compliance_for_person

    pv = compliance_for_person(professional=professional, purpose=annual(year), ruleset_id=ruleset_id)
    now = timezone.now()
    unmet = {r["id"]: r for r in pv.unmet}
    existing = {o.requirement_id: o for o in MakeUpObligation.objects.select_for_update().filter(professional=professional, year=year)}
    for req_id, req in unmet.items():
        ob = existing.get(req_id)
        if ob is None:
            ob = MakeUpObligation(
                professional=professional, year=year, ruleset_id=pv.ruleset_id, requirement_id=req_id,
                description=req["description"][:300], unit=req["unit"], shortfall=Decimal(str(req["shortfall"])), created_at=now,
            )
            ob.full_clean()
            ob.save()
            audit_record(actor=actor, action=AuditAction.CREATE, obj=ob, after=snapshot(ob),
                         region_path=professional.region.path, message=f"{year}年度补课任务：{req['description']}")
        elif ob.met_at is None:
            ob.shortfall = Decimal(str(req["shortfall"]))
            ob.save(update_fields=["shortfall"])
    for req_id, ob in existing.items():
        if req_id not in unmet and ob.met_at is None:
            ob.met_at = now
            ob.shortfall = Decimal(0)
            ob.save(update_fields=["met_at", "shortfall"])
            audit_record(actor=actor, action=AuditAction.TRANSITION, obj=ob, region_path=professional.region.path,
                         message=f"{year}年度补课任务已完成：{ob.description}")
    return list(MakeUpObligation.objects.filter(professional=professional, year=year))


@transaction.atomic
def violation_record(
    *, actor: User, professional: Professional, kind: str, consequence: str, occurred_on: dt.date, description: str = ""
) -> Violation:
    """擅自占用工作时间、无正当理由擅自终止学习、违反规定造成不良影响、修业不合格 — with the consequence
    (通报批评、不予报销学习费用、解聘专业技术职务; 泉洛政人社[2017]27号 三3)."""
    if actor.role not in (Role.HR_OFFICER, Role.UNIT_ADMIN) or not restrict(
        Professional.objects.filter(pk=professional.pk), actor, "change"
    ).exists():
        raise PermissionDenied("您无权为该人员登记违规情况")
    violation = Violation(professional=professional, kind=kind, consequence=consequence, occurred_on=occurred_on,
                          description=description, recorded_by=actor)
    violation.full_clean()
    violation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=violation, after=snapshot(violation),
                 region_path=professional.region.path, message=f"登记违规：{violation}")
    return violation
