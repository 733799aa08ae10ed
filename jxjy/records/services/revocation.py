"""Revoking recognised learning records (撤销学时), with the reason, and what it does to standings.

One path for every cause: a class found fraudulent or unqualified after its hours were recognised
(泉洛政人社[2017]27号 一(五)4), a base revoked with the records of chosen classes (榕人专〔2009〕145号 五;
常人社发〔2011〕11号 第二十五条), a record found fraudulent (常人社发〔2011〕11号 第十五条). The records
change status to revoked with the reason, time and officer; each gets an audit event; the affected
standings are recomputed at once (not deferred: the result must say who became non-compliant); the
result lists every person touched, by unit, and the years in which each went from 达标 to 未达标.

Who may revoke is decided by the caller (the class's inspecting officer, the base's accrediting
bureau, the bureau finding fraud); notifications are sent by the caller from the result."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.audit.models import AuditAction, AuditEvent
from jxjy.audit.services import snapshot
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.request_context import current_ip

from ..choices import RecordStatus
from ..models import LearningRecord, Standing, StandingKind, StandingVerdict
from .standings import standings_refresh

REVOCABLE = (RecordStatus.RECOGNISED, RecordStatus.PENDING)


@dataclass
class PersonRevocation:
    """One person whose records were revoked: what was taken away and what it did to each year."""

    professional_id: int
    name: str
    masked_id_number: str
    unit_id: int
    unit_name: str
    hours: Decimal = Decimal(0)
    credits: Decimal = Decimal(0)
    records: int = 0
    years: set[int] = field(default_factory=set)
    became_short: dict[int, Decimal] = field(default_factory=dict)  # year → shortfall after the revocation
    amount_unit: str = ""  # 学时 or 学分, as the standing counts

    @property
    def became_non_compliant(self) -> bool:
        return bool(self.became_short)

    def describe(self) -> str:
        """`林医生（2026年度未达标，差6学时）` — the line a unit's notification carries."""
        years = "、".join(f"{y}年度" for y in sorted(self.became_short))
        worst = max(self.became_short.values()) if self.became_short else Decimal(0)
        return f"{self.name}（{years}未达标，差{worst.normalize():f}{self.amount_unit}）"


@dataclass
class UnitRevocation:
    unit_id: int
    unit_name: str
    people: list[PersonRevocation]

    @property
    def became_short(self) -> list[PersonRevocation]:
        return [p for p in self.people if p.became_non_compliant]


@dataclass
class RevocationResult:
    """What `learning_records_revoke` did (or, in a preview, would do)."""

    reason: str
    records: list[LearningRecord] = field(default_factory=list)
    people: list[PersonRevocation] = field(default_factory=list)

    @property
    def became_short(self) -> list[PersonRevocation]:
        return [p for p in self.people if p.became_non_compliant]

    @property
    def units(self) -> list[UnitRevocation]:
        by_unit: dict[int, UnitRevocation] = {}
        for person in self.people:
            unit = by_unit.setdefault(person.unit_id, UnitRevocation(person.unit_id, person.unit_name, []))
            unit.people.append(person)
        return sorted(by_unit.values(), key=lambda u: u.unit_name)

    @property
    def units_with_changes(self) -> list[UnitRevocation]:
        """The units to tell: those with at least one person who became non-compliant."""
        return [u for u in self.units if u.became_short]


def _verdicts(pairs: set[tuple[int, int]]) -> dict[tuple[int, int], tuple[str, Decimal, str]]:
    if not pairs:
        return {}
    rows = Standing.objects.filter(
        kind=StandingKind.ANNUAL, professional_id__in={p for p, _ in pairs}, end_year__in={y for _, y in pairs},
    ).values_list("professional_id", "end_year", "verdict", "shortfall", "amount_unit")
    return {(pid, year): (verdict, shortfall, unit) for pid, year, verdict, shortfall, unit in rows if (pid, year) in pairs}


def _audit_events(*, actor: Any, records: list[LearningRecord], befores: dict[int, dict[str, Any]],
                  message: str) -> None:
    """One audit event per record, written in one statement (the same fields `audit_record` writes),
    so that revoking a class of 200 costs one insert, not 200."""
    name = str(actor)[:150]
    ip = current_ip()
    AuditEvent.objects.bulk_create([
        AuditEvent(
            actor=actor, actor_name=name, action=AuditAction.TRANSITION, object_type=r._meta.label_lower,
            object_id=str(r.pk), object_repr=str(r)[:200], region_path=r.professional.region.path,
            message=message[:500], before=befores[r.pk], after=snapshot(r), ip=ip,
        )
        for r in records
    ], batch_size=500)


@transaction.atomic
def learning_records_revoke(*, actor: Any, records: Iterable[LearningRecord], reason: str,
                            at: dt.datetime | None = None) -> RevocationResult:
    """Revokes these records (those still recognised or pending; others are left as they are) with
    the reason; audits each; recomputes the standings of the years they counted in and reports, per
    person and unit, who went from 达标 to 未达标. A fixed number of queries whatever the count."""
    if actor is None or not (actor.is_superuser or actor.role in (Role.HR_OFFICER, Role.AUTHORITY_OFFICER)):
        raise PermissionDenied("只有人社部门或主管部门可以撤销学时")
    reason = reason.strip()
    if not reason:
        raise ApplicationError("请填写撤销原因", field="reason")
    ids = [r.pk for r in records]
    result = RevocationResult(reason=reason[:300])
    locked = list(
        LearningRecord.objects.select_for_update(of=("self",))
        .select_related("professional__unit", "professional__region")
        .filter(pk__in=ids, status__in=REVOCABLE).order_by("professional_id", "date", "pk")
    )
    if not locked:
        return result
    pairs = {(r.professional_id, r.counted_year) for r in locked if r.status == RecordStatus.RECOGNISED}
    before_verdicts = _verdicts(pairs)

    now = at or timezone.now()
    befores = {r.pk: snapshot(r) for r in locked}
    LearningRecord.objects.filter(pk__in=[r.pk for r in locked]).update(
        status=RecordStatus.REVOKED, revoked_at=now, revoked_by=actor, revocation_reason=result.reason)
    for r in locked:
        r.status, r.revoked_at, r.revoked_by, r.revocation_reason = RecordStatus.REVOKED, now, actor, result.reason
    _audit_events(actor=actor, records=locked, befores=befores, message=f"撤销学习记录：{result.reason}")

    by_year: dict[int, set[int]] = defaultdict(set)
    for pid, year in pairs:
        by_year[year].add(pid)
    for year, pids in sorted(by_year.items()):
        standings_refresh(professional_ids=pids, years=[year], reason=f"撤销学时：{result.reason}"[:200])
    after_verdicts = _verdicts(pairs)

    people: dict[int, PersonRevocation] = {}
    for r in locked:
        person = r.professional
        entry = people.get(person.pk)
        if entry is None:
            entry = people[person.pk] = PersonRevocation(
                professional_id=person.pk, name=person.name, masked_id_number=person.masked_id_number,
                unit_id=person.unit_id, unit_name=person.unit.name)
        entry.records += 1
        entry.hours += r.hours or 0
        entry.credits += r.credits or 0
        entry.years.add(r.counted_year)
    for pid, year in pairs:
        was = before_verdicts.get((pid, year), ("", Decimal(0), ""))[0]
        now_verdict, shortfall, unit = after_verdicts.get((pid, year), ("", Decimal(0), ""))
        if was == StandingVerdict.MET and now_verdict == StandingVerdict.SHORT:
            people[pid].became_short[year] = shortfall
            people[pid].amount_unit = unit
    result.records = locked
    result.people = list(people.values())
    return result
