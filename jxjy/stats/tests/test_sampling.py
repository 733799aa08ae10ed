"""Random sampling (抽样统计, 河南 2012 五(二)): stratified by region and size, reproducible from its seed."""

from __future__ import annotations

import pytest

from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.testing import World, make_unit
from jxjy.orgs.models import EmployerUnit
from jxjy.stats.choices import CheckResult, SampleKind
from jxjy.stats.services.sampling import allocate, sample_draw, sample_item_record, sample_reproduces

pytestmark = pytest.mark.django_db


def _many_units(world: World) -> None:
    for i in range(12):
        make_unit(world.gulou, f"鼓楼单位{i}").__class__.objects.filter(name=f"鼓楼单位{i}").update(staff_size=10 + i * 30)
    for i in range(6):
        make_unit(world.quanzhou, f"泉州单位{i}")


def test_the_same_seed_draws_the_same_units_河南2012五二(world: World) -> None:
    _many_units(world)
    actor = world.users["hr_province"]
    first = sample_draw(actor=actor, region=world.province, year=2025, kind=SampleKind.UNIT, size=6, seed=4242)
    second = sample_draw(actor=actor, region=world.province, year=2025, kind=SampleKind.UNIT, size=6, seed=4242)
    ids = lambda s: list(s.items.order_by("position").values_list("unit_id", flat=True))  # noqa: E731
    assert ids(first) == ids(second)
    assert len(ids(first)) == 6
    assert sample_reproduces(first)
    others = [ids(sample_draw(actor=actor, region=world.province, year=2025, kind=SampleKind.UNIT, size=6, seed=s))
              for s in range(1, 6)]
    assert any(o != ids(first) for o in others)  # the seed matters


def test_strata_are_sub_regions_by_size_band_and_allocation_is_proportional(world: World) -> None:
    _many_units(world)
    sample = sample_draw(actor=world.users["hr_province"], region=world.province, year=2025, kind=SampleKind.UNIT,
                         size=10, seed=7)
    strata = {s["stratum"]: (s["population"], s["allocated"]) for s in sample.strata}
    # 福州: 3 world units (staff 0) + 鼓楼单位0,1 (10, 40) → 50人以下 5; 70…190 → 50–199 5; 220…340 → 200+ 5
    assert strata["福州市·50人以下"][0] == 5
    assert strata["福州市·50–199人"][0] == 5
    assert strata["福州市·200人及以上"][0] == 5
    assert strata["泉州市·50人以下"][0] == 7  # 洛江区医院 + 6
    assert sum(a for _p, a in strata.values()) == 10
    assert sample.population == 22
    assert EmployerUnit.objects.count() == 22


def test_allocation_by_largest_remainder() -> None:
    assert allocate({("a", 0): 50, ("b", 0): 30, ("c", 0): 20}, 5) == {("a", 0): 3, ("b", 0): 1, ("c", 0): 1}
    assert allocate({("a", 0): 2}, 5) == {("a", 0): 2}  # never more than the population


def test_results_are_recorded_back_and_a_failure_needs_its_finding(world: World) -> None:
    actor = world.users["hr_province"]
    sample = sample_draw(actor=actor, region=world.province, year=2025, kind=SampleKind.PERSON, size=2, seed=1)
    item = sample.items.first()
    assert item is not None
    with pytest.raises(ApplicationError):
        sample_item_record(actor=actor, item=item, result=CheckResult.FAILED, finding="")
    sample_item_record(actor=actor, item=item, result=CheckResult.FAILED, finding="学时登记与证明材料不符")
    item.refresh_from_db()
    assert (item.result, item.checked_by) == (CheckResult.FAILED, actor)


def test_only_an_hr_officer_of_the_region_may_sample(world: World) -> None:
    with pytest.raises(PermissionDenied):
        sample_draw(actor=world.users["hr_quanzhou"], region=world.fuzhou, year=2025, kind=SampleKind.UNIT, size=1, seed=1)
    with pytest.raises(PermissionDenied):
        sample_draw(actor=world.users["unit_gl_hospital"], region=world.gulou, year=2025, kind=SampleKind.UNIT, size=1,
                    seed=1)
