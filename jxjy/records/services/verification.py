"""Annual verification: the unit's batch, appointment slots, outcomes and stamps, exemptions,
direct verification, and the school teachers' yearly stamp and cycle check."""

from __future__ import annotations

import calendar
import datetime as dt
from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.bounds import MIN_YEAR
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority
from jxjy.people.models import Professional
from jxjy.regions.models import Region
from jxjy.regions.procedures import CitedValue, region_procedure

from ..choices import BatchStatus, RecordSource, RecordStatus, VerificationKind, VerificationOutcome
from ..compliance import compliance_for_person
from ..models import (
    LearningRecord,
    Standing,
    StandingKind,
    StandingVerdict,
    VerificationBatch,
    VerificationEntry,
    VerificationExemption,
    VerificationSlot,
)


def verification_deadline(year: int, region: Region | None) -> tuple[dt.date, CitedValue]:
    """The last day for the unit's roster of `year`: the end of the month that the rule set of the
    unit's region names in the next year (洛江: 验证年度第二年2月底前, 泉洛政人社[2017]27号 二（一）),
    or the default, which says it is one. With its citation."""
    due = region_procedure(region, "verification_due_month", dt.date(year, 12, 31))
    month = int(due.value or 0)
    return dt.date(year + 1, month, calendar.monthrange(year + 1, month)[1]), due


def default_deadline(year: int, region: Region | None) -> dt.date:
    """The roster deadline of `year` for a unit in `region` (see ``verification_deadline``)."""
    return verification_deadline(year, region)[0]


def _bureau_of(region: Region) -> HRBureau:
    bureau = HRBureau.objects.filter(region=region).first()
    if bureau is None:
        raise ApplicationError(f"{region.name}未设人社局，无法确定验证机关")
    return bureau


def _city_of(region: Region) -> Region:
    if region.level == "county" and region.parent is not None:
        return region.parent
    return region


_VERIFIER_OF_LEVEL = {"senior": "verifier_senior", "intermediate": "verifier_intermediate"}


def verifier_rule(professional: Professional) -> CitedValue:
    """Who verifies a person of this title level, as the rule set of the person's own region says
    (榕人专〔2009〕145号 三: county for junior, city for intermediate and senior; 泉洛政人社[2017]27号
    二（一）: the district bureau for all its units), or the default (the unit's own bureau)."""
    name = _VERIFIER_OF_LEVEL.get(professional.level, "verifier_junior")  # no title: as a junior
    return region_procedure(professional.region, name, timezone.localdate())


def verification_reviewer(professional: Professional) -> tuple[HRBureau | None, IndustryAuthority | None]:
    """The authority a person's verification goes to, by ``verifier_rule``: ``city_bureau`` the city
    HR bureau; ``county_or_authority`` the county bureau for a county unit, the supervising authority
    for a city-level unit (its region's bureau when it has none); ``own_bureau`` the unit's bureau."""
    region = professional.unit.region
    rule = str(verifier_rule(professional).value)
    if rule == "city_bureau":
        return _bureau_of(_city_of(region)), None
    if rule == "county_or_authority" and region.level != "county":
        authority = professional.unit.supervising_authority
        if authority is not None:
            return None, authority
    return _bureau_of(region), None


def precheck_rule(professional: Professional) -> CitedValue | None:
    """The industry first review the person's region requires before verification (泉洛政人社[2017]27号
    二（一）: 卫生系列先送卫计局初审), or None when it requires none for the person's series."""
    rule = region_procedure(professional.region, "verification_precheck_series", timezone.localdate())
    return rule if rule.value == professional.series else None


def exemption_covers(professional: Professional, year: int) -> bool:
    return VerificationExemption.objects.filter(professional=professional, first_year__lte=year, last_year__gte=year).exists()


class OverrideRequired(ApplicationError):
    """Verifying a person short of the year's requirement needs an exemption or a reason (HTTP 422)."""

    status = 422


def standing_summary(standing: Standing | None, record_ids: list[int] | None = None) -> dict[str, object]:
    """What an entry keeps of the person's stored standing (达标情况) for the year."""
    if standing is None:
        return {"verdict": "", "compliant": None, "requirements": [], "record_ids": record_ids or []}
    out: dict[str, object] = {
        "ruleset": standing.ruleset_id,
        "verdict": standing.verdict,
        "compliant": standing.compliant if standing.verdict != StandingVerdict.UNKNOWN else None,
        "shortfall": float(standing.shortfall),
        "unit": standing.amount_unit,
        "requirements": standing.requirements,
        "record_ids": record_ids or [],
        "standing_computed_at": standing.computed_at.isoformat(),
    }
    if standing.verdict == StandingVerdict.UNKNOWN:
        out["error"] = "；".join(standing.notes) or "无法评估"
    return out


def standings_of_year(people: list[Professional], year: int) -> tuple[dict[int, Standing], dict[int, list[int]]]:
    """The stored standings of `year` for these people (computed first where missing) and the ids of
    the records behind each — a fixed number of queries for any number of people."""
    from .gates import _record_ids_by_year, stored_standings

    years_of = {p.pk: [year] for p in people}
    standings = stored_standings(people, years_of, reason="年度验证时计算")
    ids = _record_ids_by_year([p.pk for p in people], {year})
    return ({pk: by_year[year] for pk, by_year in standings.items() if year in by_year},
            {pk: by_year.get(year, []) for pk, by_year in ids.items()})


def standing_label(standing: Standing | None) -> str:
    """达标 / 未达标（差 N 学时）/ 无法评估 / 未计算."""
    if standing is None:
        return "未计算"
    if standing.verdict == StandingVerdict.MET:
        return "达标"
    if standing.verdict == StandingVerdict.SHORT:
        return f"未达标（差 {standing.shortfall.normalize():f} {standing.amount_unit or '学时'}）"
    return "无法评估"


def proposed_decision(entry: VerificationEntry, standing: Standing | None) -> tuple[bool, str]:
    """The outcome the person's standing proposes: verified when met; otherwise not verified with
    the shortfall as the reason (泉洛政人社[2017]27号 二)."""
    if standing is not None and standing.verdict == StandingVerdict.MET:
        return True, ""
    return False, f"{entry.year}年度继续教育{standing_label(standing)}"


@dataclass
class EntryDecision:
    """One roster line as the reviewing officer sees it: the entry, the person's stored standing of
    the year, what it proposes and the person's exemptions covering the year."""

    entry: VerificationEntry
    standing: Standing | None
    label: str
    short: bool
    proposed_verified: bool
    proposed_reason: str
    exemptions: list[VerificationExemption]


def entry_decisions(entries: list[VerificationEntry], year: int) -> list[EntryDecision]:
    """Reads only (two queries whatever the number of entries): the stored standings of `year` and
    the exemptions covering it. A standing not computed yet shows as such (and counts as short)."""
    ids = [e.professional_id for e in entries]
    standings = {
        s.professional_id: s
        for s in Standing.objects.filter(professional_id__in=ids, kind=StandingKind.ANNUAL, start_year=year, end_year=year)
    }
    exemptions: dict[int, list[VerificationExemption]] = {}
    for ex in VerificationExemption.objects.filter(professional_id__in=ids, first_year__lte=year, last_year__gte=year):
        exemptions.setdefault(ex.professional_id, []).append(ex)
    out = []
    for e in entries:
        standing = standings.get(e.professional_id)
        verified, reason = proposed_decision(e, standing)
        out.append(EntryDecision(e, standing, standing_label(standing), not verified, verified, reason,
                                 exemptions.get(e.professional_id, [])))
    return out


def _summary(professional: Professional, year: int) -> dict[str, object]:
    standings, ids = standings_of_year([professional], year)
    return standing_summary(standings.get(professional.pk), ids.get(professional.pk, []))


def _unit_admin_of(actor: User, unit: EmployerUnit) -> None:
    if actor.role != Role.UNIT_ADMIN or actor.employer_unit_id != unit.pk:
        raise PermissionDenied("年度验证不接受个人申请，由单位继续教育管理员统一办理（泉洛政人社[2017]27号 二（三）1）")


@transaction.atomic
def verification_batch_create(
    *, actor: User, year: int, people: list[Professional] | None = None, deadline: dt.date | None = None
) -> VerificationBatch:
    """The unit's verification roster for `year` with each person's records (default: all its staff)."""
    unit = actor.employer_unit
    if unit is None:
        raise PermissionDenied("年度验证不接受个人申请，由单位继续教育管理员统一办理（泉洛政人社[2017]27号 二（三）1）")
    _unit_admin_of(actor, unit)
    this_year = timezone.localdate().year
    if not MIN_YEAR <= year <= this_year:
        raise ApplicationError(
            f"验证年度：应在{MIN_YEAR}至{this_year}年之间，{year}年度尚未到来，不能建立验证花名册", field="year")
    if VerificationBatch.objects.filter(unit=unit, year=year).exists():
        raise ConflictError(f"本单位{year}年度的验证花名册已存在")
    batch = VerificationBatch(unit=unit, year=year, deadline=deadline or default_deadline(year, unit.region),
                              created_by=actor)
    batch.full_clean()
    batch.save()
    staff = people if people is not None else list(unit.professionals.select_related("unit__region__parent", "region", "title"))
    for person in staff:
        if person.unit_id != unit.pk:
            raise ApplicationError(f"{person.name}不是本单位人员", field="people")
    standings, record_ids = standings_of_year(staff, year)
    for person in staff:
        verification_entry_add(actor=actor, batch=batch, professional=person,
                               summary=standing_summary(standings.get(person.pk), record_ids.get(person.pk, [])))
    audit_record(actor=actor, action=AuditAction.CREATE, obj=batch, after=snapshot(batch),
                 region_path=unit.region.path, message=f"建立{year}年度验证花名册（{len(staff)}人）")
    return batch


@transaction.atomic
def verification_entry_add(
    *, actor: User, batch: VerificationBatch, professional: Professional, summary: dict[str, object] | None = None
) -> VerificationEntry:
    """Adds a person to the draft roster with their stored standing of the year as the summary."""
    _unit_admin_of(actor, batch.unit)
    if batch.status != BatchStatus.DRAFT:
        raise ConflictError("花名册已报送，不能再修改")
    bureau, authority = verification_reviewer(professional)
    entry = VerificationEntry(
        kind=VerificationKind.BATCH, batch=batch, professional=professional, year=batch.year,
        reviewer_bureau=bureau, reviewer_authority=authority,
        summary=summary if summary is not None else _summary(professional, batch.year),
    )
    entry.full_clean()
    entry.save()
    return entry


@transaction.atomic
def verification_batch_submit(*, actor: User, batch: VerificationBatch) -> VerificationBatch:
    """Submits the roster as one batch. After the deadline, each person without a recorded exemption
    forfeits that year's verification (视同放弃验证权利, 泉洛政人社[2017]27号 二（三）2)."""
    batch = VerificationBatch.objects.select_for_update().get(pk=batch.pk)
    _unit_admin_of(actor, batch.unit)
    if batch.status != BatchStatus.DRAFT:
        raise ConflictError("花名册已报送")
    if not batch.entries.exists():
        raise ApplicationError("花名册中没有人员")
    before = snapshot(batch)
    now = timezone.now()
    late = timezone.localdate() > batch.deadline
    forfeits = region_procedure(batch.unit.region, "verification_late_forfeits", dt.date(batch.year, 12, 31))
    if late and forfeits.value:
        exempt = set(VerificationExemption.objects.filter(
            professional__verifications__batch=batch, first_year__lte=batch.year, last_year__gte=batch.year,
        ).values_list("professional_id", flat=True))
        for entry in batch.entries.all():
            if entry.professional_id not in exempt:
                entry.outcome = VerificationOutcome.FORFEITED
                entry.reason = f"未在{batch.deadline:%Y年%m月%d日}前报送，视同放弃当年度验证（{forfeits.reference}）"
                entry.save(update_fields=["outcome", "reason"])
    batch.status = BatchStatus.SUBMITTED
    batch.submitted_at = now
    if not batch.entries.filter(outcome=VerificationOutcome.PENDING).exists():
        batch.status = BatchStatus.CLOSED
    batch.full_clean()
    batch.save(update_fields=["status", "submitted_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=batch, before=before, after=snapshot(batch),
                 region_path=batch.unit.region.path, message="报送验证花名册" + ("（逾期）" if late else ""))
    return batch


@transaction.atomic
def verification_slot_publish(
    *, actor: User, year: int, starts_at: dt.datetime, ends_at: dt.datetime, capacity: int, place: str = ""
) -> VerificationSlot:
    if actor.role != Role.HR_OFFICER or actor.hr_bureau is None:
        raise PermissionDenied("只有人社局可以发布验证预约时段")
    slot = VerificationSlot(hr_bureau=actor.hr_bureau, year=year, starts_at=starts_at, ends_at=ends_at,
                            capacity=capacity, place=place)
    slot.full_clean()
    slot.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=slot, after=snapshot(slot),
                 region_path=actor.hr_bureau.region.path, message="发布验证预约时段")
    return slot


@transaction.atomic
def verification_slot_book(*, actor: User, batch: VerificationBatch, slot: VerificationSlot) -> VerificationBatch:
    """Books a published slot for the batch; the slot's capacity is checked under a row lock."""
    _unit_admin_of(actor, batch.unit)
    slot = VerificationSlot.objects.select_for_update().get(pk=slot.pk)
    if not can(actor, "view", slot):
        raise PermissionDenied("该时段不属于本单位的验证机关")
    if slot.year != batch.year:
        raise ApplicationError("预约时段与验证年度不符", field="slot")
    if slot.batches.exclude(pk=batch.pk).count() >= slot.capacity:
        raise ConflictError("该时段已约满，请选择其他时段")
    before = snapshot(batch)
    batch.slot = slot
    batch.save(update_fields=["slot"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=batch, before=before, after=snapshot(batch),
                 region_path=batch.unit.region.path, message=f"预约验证时段 {slot}")
    return batch


def _stamp_of(actor: User) -> str:
    if actor.hr_bureau is not None:
        return actor.hr_bureau.stamp_name or f"{actor.hr_bureau.name}继续教育验证专用章"
    assert actor.industry_authority is not None
    return f"{actor.industry_authority.name}继续教育验证章"


@transaction.atomic
def verification_entry_health_precheck(*, actor: User, entry: VerificationEntry) -> VerificationEntry:
    """卫生系列先送卫计局初审 (泉洛政人社[2017]27号 二（一）), where the person's region's rule set says so."""
    authority = actor.industry_authority
    if actor.role != Role.AUTHORITY_OFFICER or authority is None or authority.sector != "health":
        raise PermissionDenied("卫生系列的初审由卫生主管部门办理")
    if precheck_rule(entry.professional) is None or not can(actor, "view", entry):
        raise PermissionDenied("该人员不由您初审（其所在地区的规则集未规定卫生主管部门初审）")
    if entry.health_prechecked_at is not None:
        raise ConflictError("已初审")
    entry.health_prechecked_by = actor
    entry.health_prechecked_at = timezone.now()
    entry.save(update_fields=["health_prechecked_by", "health_prechecked_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=entry, region_path=entry.professional.region.path,
                 message="卫生主管部门初审通过")
    return entry


@transaction.atomic
def verification_entry_decide(
    *, actor: User, entry: VerificationEntry, verified: bool | None = None, reason: str = "",
    override_reason: str = "", exemption: VerificationExemption | None = None,
) -> VerificationEntry:
    """The reviewing authority's outcome for one person: verified (stamped) or not verified with a reason.

    The decision reads the person's stored standing (达标情况) of the year: `verified=None` takes
    what it proposes (verified when met, otherwise not verified with the shortfall as the reason).
    A person short of the requirement, or whom the rules could not judge, is verified only with a
    recorded exemption of theirs covering the year or the officer's reason, stored and audited
    (泉洛政人社[2017]27号 二)."""
    entry = VerificationEntry.objects.select_for_update(of=("self",)).select_related("batch", "professional").get(pk=entry.pk)
    if not can(actor, "change", entry):
        raise PermissionDenied("该人员的验证不由您办理")
    if entry.batch is not None and entry.batch.status != BatchStatus.SUBMITTED:
        raise ConflictError("花名册尚未报送或已办结")
    if entry.outcome != VerificationOutcome.PENDING:
        raise ConflictError("该人员已有验证结果")
    precheck = precheck_rule(entry.professional) if entry.health_prechecked_at is None else None
    if precheck is not None:
        raise ConflictError(f"卫生系列须先经卫生主管部门初审（{precheck.reference}）")
    standings, record_ids = standings_of_year([entry.professional], entry.year)
    standing = standings.get(entry.professional_id)
    if verified is None:
        verified, proposed_reason = proposed_decision(entry, standing)
        reason = reason or proposed_reason
    if not verified and not reason.strip():
        raise ApplicationError("不予验证时请填写原因", field="reason")
    short = standing is None or standing.verdict != StandingVerdict.MET
    override_reason = override_reason.strip()
    if verified and short:
        if exemption is not None:
            if exemption.professional_id != entry.professional_id or not (
                exemption.first_year <= entry.year <= exemption.last_year
            ):
                raise ApplicationError(f"所选延期情形不涵盖{entry.professional.name}{entry.year}年度", field="exemption")
        elif not override_reason:
            raise OverrideRequired(
                f"{entry.professional.name}{entry.year}年度继续教育{standing_label(standing)}，"
                "验证通过须选择其延期情形或填写理由（泉洛政人社[2017]27号 二）",
                field="override_reason",
                extra={"verdict": standing.verdict if standing else "",
                       "shortfall": float(standing.shortfall) if standing else None},
            )
    before = snapshot(entry)
    entry.summary = standing_summary(standing, record_ids.get(entry.professional_id, []))
    entry.standing_verdict = standing.verdict if standing is not None else StandingVerdict.UNKNOWN
    entry.standing_shortfall = standing.shortfall if standing is not None else None
    if verified:
        entry.outcome = VerificationOutcome.VERIFIED
        entry.stamp_name = _stamp_of(actor)
        entry.stamped_by = actor
        entry.stamped_on = timezone.localdate()
        if short:
            entry.exemption = exemption
            entry.override_reason = "" if exemption is not None else override_reason
    else:
        entry.outcome = VerificationOutcome.NOT_VERIFIED
        entry.reason = reason.strip()
    entry.full_clean()
    entry.save(update_fields=["outcome", "reason", "stamp_name", "stamped_by", "stamped_on", "summary",
                              "standing_verdict", "standing_shortfall", "override_reason", "exemption"])
    if entry.batch is not None and not entry.batch.entries.filter(outcome=VerificationOutcome.PENDING).exists():
        entry.batch.status = BatchStatus.CLOSED
        entry.batch.save(update_fields=["status"])
    if standing is not None and standing.verdict == StandingVerdict.SHORT:  # the shortfall carries over as make-up (补课)
        from .gates import make_up_obligations_refresh

        make_up_obligations_refresh(actor=actor, professional=entry.professional, year=entry.year)
    if not verified:
        message = f"不予验证：{reason.strip()}"
    elif short and exemption is not None:
        message = f"验证通过（{standing_label(standing)}，依延期情形：{exemption}）"
    elif short:
        message = f"验证通过（{standing_label(standing)}，理由：{override_reason}）"
    else:
        message = "验证通过"
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=entry, before=before, after=snapshot(entry),
                 region_path=entry.professional.region.path, message=message)
    return entry


@transaction.atomic
def verification_exemption_record(
    *, actor: User, professional: Professional, reason: str, first_year: int, last_year: int, note: str = ""
) -> VerificationExemption:
    """长期外出培训、病假等特殊情况（且不超2年） (泉洛政人社[2017]27号 二（三）2): at most that many
    years IN TOTAL per person, across all their exemptions, the limit read from the rule set of the
    person's region (or the default, which says it is one)."""
    if not _may_change_person(actor, professional):
        raise PermissionDenied("您无权为该人员登记特殊情况")
    if last_year < first_year:
        raise ApplicationError("截止年度不能早于起始年度", field="last_year")
    limit = region_procedure(professional.region, "verification_max_deferral_years", dt.date(last_year, 12, 31))
    most = int(limit.value or 0)
    if last_year - first_year + 1 > most:
        raise ApplicationError(f"特殊情况延期验证不超过{most}年（{limit.reference}）", field="last_year")
    list(Professional.objects.select_for_update().filter(pk=professional.pk).values_list("pk"))  # one at a time
    existing = list(VerificationExemption.objects.filter(professional=professional))
    covered = {y for ex in existing for y in range(ex.first_year, ex.last_year + 1)}
    total = covered | set(range(first_year, last_year + 1))
    if len(total) > most:
        named = "、".join(f"{ex.first_year}–{ex.last_year}年度（{ex.get_reason_display()}）" for ex in existing)
        raise ApplicationError(
            f"特殊情况延期验证每人累计不超过{most}年（{limit.reference}）：{professional.name}已登记{named}，"
            f"再登记{first_year}–{last_year}年度将累计{len(total)}年",
            field="first_year",
        )
    exemption = VerificationExemption(professional=professional, reason=reason, first_year=first_year,
                                      last_year=last_year, note=note, recorded_by=actor)
    exemption.full_clean()
    exemption.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=exemption, after=snapshot(exemption),
                 region_path=professional.region.path, message=f"登记验证延期情形：{exemption}")
    return exemption


def _may_change_person(actor: User, professional: Professional) -> bool:
    from jxjy.accounts.policy import restrict

    return actor.role in (Role.HR_OFFICER, Role.UNIT_ADMIN) and restrict(
        Professional.objects.filter(pk=professional.pk), actor, "change"
    ).exists()


@transaction.atomic
def verification_direct(*, actor: User, source_ref: str, people: list[Professional]) -> list[VerificationEntry]:
    """调训验证: those who completed a class the HR bureau ran itself are verified directly with its
    training stamp (泉洛政人社[2017]27号 二（二)). The class is the basis, whatever the person's
    standing of the year; the standing is recorded with the entry (and the basis as the reason when short)."""
    bureau = actor.hr_bureau
    if actor.role != Role.HR_OFFICER or bureau is None:
        raise PermissionDenied("调训验证由举办调训的人社局办理")
    records: dict[int, LearningRecord] = {}
    for r in LearningRecord.objects.filter(
        professional__in=people, source=RecordSource.TRAINING_CLASS, source_ref=source_ref, status=RecordStatus.RECOGNISED
    ).order_by("id"):
        records.setdefault(r.professional_id, r)
    for person in people:
        if person.pk not in records or not can(actor, "view", person):
            raise ApplicationError(f"{person.name}没有该调训班次的合格记录", field="people")
    standings: dict[int, Standing] = {}
    for year in sorted({r.year for r in records.values()}):
        found, _ids = standings_of_year([p for p in people if records[p.pk].year == year], year)
        standings.update(found)
    entries = []
    for person in people:
        record = records[person.pk]
        standing = standings.get(person.pk)
        short = standing is None or standing.verdict != StandingVerdict.MET
        entry = VerificationEntry(
            kind=VerificationKind.DIRECT, professional=person, year=record.year, reviewer_bureau=bureau,
            source_ref=source_ref, outcome=VerificationOutcome.VERIFIED, stamp_name=_stamp_of(actor),
            stamped_by=actor, stamped_on=timezone.localdate(),
            summary={**standing_summary(standing), "record_ids": [record.pk], "course": record.course},
            standing_verdict=standing.verdict if standing is not None else StandingVerdict.UNKNOWN,
            standing_shortfall=standing.shortfall if standing is not None else None,
            override_reason=f"调训验证：{record.course}培训合格（泉洛政人社[2017]27号 二（二））"[:300] if short else "",
        )
        entry.full_clean()
        entry.save()
        audit_record(actor=actor, action=AuditAction.CREATE, obj=entry, after=snapshot(entry),
                     region_path=person.region.path,
                     message=f"调训验证：{record.course}（{record.year}年度继续教育{standing_label(standing)}）")
        entries.append(entry)
    return entries


@transaction.atomic
def verification_education_stamp(*, actor: User, professional: Professional, year: int) -> VerificationEntry:
    """中小学教师：每年由同级教育行政部门审核验印一次."""
    authority = actor.industry_authority
    if actor.role != Role.AUTHORITY_OFFICER or authority is None or authority.sector != "education":
        raise PermissionDenied("中小学教师的年度验印由教育行政部门办理")
    if professional.series != "school_teacher" or not can(actor, "view", professional):
        raise PermissionDenied("该人员不是您管辖的中小学教师")
    entry = VerificationEntry(
        kind=VerificationKind.EDUCATION_YEARLY, professional=professional, year=year, reviewer_authority=authority,
        outcome=VerificationOutcome.VERIFIED, stamp_name=_stamp_of(actor), stamped_by=actor,
        stamped_on=timezone.localdate(), summary=_summary(professional, year),
    )
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=entry, after=snapshot(entry),
                 region_path=professional.region.path, message=f"{year}年度教育行政部门验印")
    return entry


@transaction.atomic
def verification_teacher_cycle(*, actor: User, professional: Professional, cycle_start: int) -> VerificationEntry:
    """每5年周期满，由教育行政部门会同同级人社行政部门进行统一验证: needs the yearly stamps and the
    rule set's cycle requirements; otherwise not verified with the reasons."""
    bureau = actor.hr_bureau
    if actor.role != Role.HR_OFFICER or bureau is None or not can(actor, "view", professional):
        raise PermissionDenied("周期统一验证由人社局会同教育行政部门办理")
    if professional.series != "school_teacher":
        raise ApplicationError("周期统一验证只适用于中小学教师")
    # 每5年周期满统一验证 (泉洛政人社[2017]27号 二（一）): the cycle of the teacher's region's rule set.
    years = region_procedure(professional.region, "teacher_verification_cycle_years", dt.date(cycle_start, 12, 31))
    end = cycle_start + int(years.value or 0) - 1
    stamped = set(
        VerificationEntry.objects.filter(
            professional=professional, kind=VerificationKind.EDUCATION_YEARLY, outcome=VerificationOutcome.VERIFIED,
            year__range=(cycle_start, end),
        ).values_list("year", flat=True)
    )
    reasons = [f"{y}年度未经教育行政部门验印" for y in range(cycle_start, end + 1) if y not in stamped]
    pv = compliance_for_person(professional=professional, purpose={"kind": "cycle", "start": cycle_start, "end": end})
    reasons += [f"{r['description']}（差{r['shortfall']}{r['unit']}）" for r in pv.unmet]
    entry = VerificationEntry(
        kind=VerificationKind.TEACHER_CYCLE, professional=professional, year=end, cycle_start=cycle_start,
        reviewer_bureau=bureau, summary={"ruleset": pv.ruleset_id, "compliant": pv.compliant,
                                         "requirements": pv.verdict["requirements"]},
    )
    if reasons:
        entry.outcome = VerificationOutcome.NOT_VERIFIED
        entry.reason = "；".join(reasons)[:300]
    else:
        entry.outcome = VerificationOutcome.VERIFIED
        entry.stamp_name = _stamp_of(actor)
        entry.stamped_by = actor
        entry.stamped_on = timezone.localdate()
    entry.full_clean()
    entry.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=entry, after=snapshot(entry),
                 region_path=professional.region.path, message=f"{cycle_start}–{end}周期统一验证：{entry.get_outcome_display()}")
    return entry
