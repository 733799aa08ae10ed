"""Random sampling (抽样统计): stratified by sub-region and size, reproducible from the recorded seed.

Strata and their sizes are counted in the database; within a stratum the chosen positions come from
`random.Random(seed)` and are fetched by offset in primary-key order, so the same seed over the same
population always yields the same items and no population is loaded into memory."""

from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import Case, CharField, Count, F, IntegerField, QuerySet, Value, When
from django.db.models.functions import Substr
from django.utils import timezone

from jxjy.accounts.models import User
from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.orgs.models import EmployerUnit
from jxjy.people.models import Professional
from jxjy.regions.models import Region
from jxjy.training.models import TrainingClass

from ..choices import CheckResult, SampleKind
from ..models import Sample, SampleItem
from ..selectors.base import HELD

MAX_SIZE = 500
# Size bands: units by staff, classes by planned trainees, people by the staff of their unit.
BANDS = [(0, 49, "50人以下"), (50, 199, "50–199人"), (200, None, "200人及以上")]


@dataclass(frozen=True)
class Population:
    queryset: QuerySet[Any]
    region_field: str
    size_expr: Any
    target_field: str


def population(region: Region, kind: str, year: int) -> Population:
    if kind == SampleKind.UNIT:
        return Population(EmployerUnit.objects.filter(region__path__startswith=region.path), "region__path",
                          F("staff_size"), "unit_id")
    if kind == SampleKind.CLASS:
        qs = TrainingClass.objects.filter(provider__region__path__startswith=region.path, status__in=HELD,
                                          start_date__year=year)
        return Population(qs, "provider__region__path", F("runs") * F("trainees_per_run"), "training_class_id")
    if kind == SampleKind.PERSON:
        return Population(Professional.objects.filter(region__path__startswith=region.path), "region__path",
                          F("unit__staff_size"), "professional_id")
    raise ApplicationError("抽样对象无效", field="kind")


def _band(size_expr: Any) -> Case:
    whens = []
    for i, (low, high, _label) in enumerate(BANDS):
        cond = {"size__gte": low} if high is None else {"size__gte": low, "size__lte": high}
        whens.append(When(**cond, then=Value(i)))
    return Case(*whens, default=Value(0), output_field=IntegerField())


def _stratified(pop: Population, region: Region) -> QuerySet[Any]:
    return pop.queryset.annotate(
        area=Substr(F(pop.region_field), 1, len(region.path) + 7, output_field=CharField()),
        size=pop.size_expr,
    ).annotate(band=_band(F("size")))


def allocate(counts: dict[tuple[str, int], int], size: int) -> dict[tuple[str, int], int]:
    """Proportional allocation by largest remainder; ties broken by stratum key, so it is deterministic."""
    total = sum(counts.values())
    size = min(size, total)
    if total == 0:
        return {}
    exact = {k: size * n / total for k, n in counts.items()}
    alloc = {k: int(v) for k, v in exact.items()}
    rest = size - sum(alloc.values())
    for k in sorted(counts, key=lambda k: (-(exact[k] - alloc[k]), k))[:rest]:
        alloc[k] += 1
    return alloc


def draw(region: Region, kind: str, year: int, size: int, seed: int) -> tuple[list[dict[str, Any]], list[tuple[str, int]]]:
    """(strata summary, [(stratum label, target id)]) — a pure function of its arguments and the data."""
    pop = population(region, kind, year)
    qs = _stratified(pop, region)
    counts = {(r["area"], r["band"]): r["n"] for r in qs.values("area", "band").annotate(n=Count("pk")).order_by()}
    alloc = allocate(counts, size)
    names = {r.path: r.name for r in Region.objects.filter(path__startswith=region.path)}
    names[region.path] = f"{region.name}（本级）"
    rng = random.Random(seed)  # noqa: S311 — a reproducible draw, not a secret
    strata, chosen = [], []
    for key in sorted(counts):
        area, band = key
        label = f"{names.get(area, area)}·{BANDS[band][2]}"
        k = alloc.get(key, 0)
        strata.append({"stratum": label, "population": counts[key], "allocated": k})
        if not k:
            continue
        members = qs.filter(area=area, band=band).order_by("pk").values_list("pk", flat=True)
        for offset in sorted(rng.sample(range(counts[key]), k)):
            chosen.append((label, members[offset]))
    return strata, chosen


def _may_sample(actor: User, region: Region) -> None:
    if not (actor.is_superuser or (actor.role == "hr_officer" and can(actor, "view", region))):
        raise PermissionDenied("只有人社部门可以在本辖区内抽样")


@transaction.atomic
def sample_draw(*, actor: User, region: Region, year: int, kind: str, size: int, seed: int | None = None) -> Sample:
    """Draws and records a stratified random sample with its checklist items."""
    _may_sample(actor, region)
    if kind not in SampleKind.values:
        raise ApplicationError("抽样对象无效", field="kind")
    if not 1 <= size <= MAX_SIZE:
        raise ApplicationError(f"样本量应在1至{MAX_SIZE}之间", field="size")
    seed = secrets.randbelow(2**31) if seed is None else seed
    if seed < 0:
        raise ApplicationError("随机种子不能为负数", field="seed")
    strata, chosen = draw(region, kind, year, size, seed)
    if not chosen:
        raise ApplicationError("抽样范围内没有可抽取的对象", field="kind")
    sample = Sample(region=region, year=year, kind=kind, size=size, seed=seed, strata=strata,
                    population=sum(s["population"] for s in strata), created_by=actor, created_at=timezone.now(),
                    title=f"{region.name}{year}年度{SampleKind(kind).label}抽样（种子{seed}）")
    sample.full_clean()
    sample.save()
    field = population(region, kind, year).target_field
    SampleItem.objects.bulk_create([
        SampleItem(sample=sample, position=i, stratum=label, **{field: pk}) for i, (label, pk) in enumerate(chosen, 1)
    ])
    audit_record(actor=actor, action=AuditAction.CREATE, obj=sample, region_path=region.path,
                 after=snapshot(sample), message=f"抽样：{sample.title}，抽取{len(chosen)}个")
    return sample


def sample_reproduces(sample: Sample) -> bool:
    """Whether drawing again from the recorded seed gives the recorded items (the data unchanged)."""
    field = population(sample.region, sample.kind, sample.year).target_field
    _strata, chosen = draw(sample.region, sample.kind, sample.year, sample.size, sample.seed)
    recorded = list(sample.items.order_by("position").values_list("stratum", field))
    return recorded == chosen


@transaction.atomic
def sample_item_record(*, actor: User, item: SampleItem, result: str, finding: str = "") -> SampleItem:
    """Records the inspector's result for one checklist item (a failed check needs its finding)."""
    _may_sample(actor, item.sample.region)
    if result not in (CheckResult.PASSED, CheckResult.FAILED):
        raise ApplicationError("检查结果应为合格或不合格", field="result")
    if result == CheckResult.FAILED and not finding.strip():
        raise ApplicationError("不合格的须填写检查情况", field="finding")
    before = snapshot(item)
    item.result, item.finding = result, finding.strip()[:500]
    item.checked_by, item.checked_at = actor, timezone.now()
    item.full_clean()
    item.save(update_fields=["result", "finding", "checked_by", "checked_at"])
    audit_record(actor=actor, action=AuditAction.UPDATE, obj=item, before=before, after=snapshot(item),
                 region_path=item.sample.region.path, message=f"登记抽样检查结果：{item.get_result_display()}")
    return item
