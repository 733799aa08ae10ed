"""class_application_check: the contract the training-class application calls (榕人专〔2009〕145号 五;
河南 2012 五(三), 六(二))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from jxjy.core.errors import ApplicationError
from jxjy.core.testing import World
from jxjy.providers.models import CEBase
from jxjy.providers.services.checks import class_application_check, class_application_problems
from jxjy.providers.services.fees import fee_standard_create
from jxjy.providers.services.inspections import base_revoke

from .conftest import DAY


def check(world: World, **overrides: Any) -> None:
    args: dict[str, Any] = dict(
        provider=world.fz_provider, class_type="training", series=["health"], subject="professional",
        form="centralized", total_hours=Decimal(24), fee_per_person=None, fee_licence_no="", on=DAY,
    )
    args.update(overrides)
    class_application_check(**args)


@pytest.fixture
def rongjia(world: World) -> Any:
    """榕价费[2008]40号 as recorded by the city officer: 培训班 ≤ 10元/人·学时, 讲座 ≤ 50元/人·期."""
    return fee_standard_create(
        actor=world.users["hr_fuzhou"], region=world.fuzhou, document_no="榕价费[2008]40号",
        title="关于核定公务员培训和专业技术继续教育培训收费标准的通知", valid_from=dt.date(2008, 6, 1),
        caps=[("training", "per_hour", Decimal("10")), ("lecture", "per_class", Decimal("50"))],
    )


def test_a_class_inside_the_accredited_scope_passes(world: World, fz_base: CEBase) -> None:
    check(world)


def test_a_class_outside_the_scope_is_refused_naming_the_scope(world: World, fz_base: CEBase) -> None:
    with pytest.raises(ApplicationError) as exc:
        check(world, series=["engineering"])
    assert exc.value.message == "该机构认定的办学范围为：卫生系列 专业科目 集中培训，不包括工程技术系列"
    with pytest.raises(ApplicationError, match="不包括公需科目"):
        check(world, subject="public")
    with pytest.raises(ApplicationError, match="不包括远程/网络教育"):
        check(world, form="distance")
    with pytest.raises(ApplicationError, match="不包括面向全部系列的培训"):
        check(world, series=[])


def test_a_provider_without_accreditation_cannot_apply(world: World) -> None:
    with pytest.raises(ApplicationError, match="不是经认定的继续教育基地"):
        check(world)


def test_accreditation_must_be_valid_on_the_date(world: World, fz_base: CEBase) -> None:
    check(world, on=fz_base.valid_to)
    with pytest.raises(ApplicationError, match="已于2028年12月31日到期，请先办理换证"):
        check(world, on=fz_base.valid_to + dt.timedelta(days=1))
    with pytest.raises(ApplicationError, match="不是经认定的继续教育基地"):
        check(world, on=fz_base.valid_from - dt.timedelta(days=1))


def test_a_revoked_base_cannot_apply(world: World, fz_base: CEBase) -> None:
    base_revoke(actor=world.users["hr_fuzhou"], base=fz_base, reason="乱收费", on=dt.date(2026, 5, 1))
    with pytest.raises(ApplicationError, match="2026年05月01日取消（摘牌）"):
        check(world, on=dt.date(2026, 6, 1))


def test_fee_cap_per_hour_is_hours_times_the_rate(world: World, fz_base: CEBase, rongjia: Any) -> None:
    """24 学时 × 10 元 = 240 元: 240 passes, 240.01 is refused naming 榕价费[2008]40号."""
    check(world, fee_per_person=Decimal("240"), fee_licence_no="榕价收许〔2026〕12号")
    with pytest.raises(ApplicationError) as exc:
        check(world, fee_per_person=Decimal("240.01"), fee_licence_no="榕价收许〔2026〕12号")
    assert exc.value.message == (
        "收费240.01元/人超过收费标准榕价费[2008]40号规定的培训班上限：每人每学时10.00元 × 24学时 = 240.00元")
    assert exc.value.field == "fee_per_person"


def test_fee_cap_per_class(world: World, fz_base: CEBase, rongjia: Any) -> None:
    check(world, class_type="lecture", fee_per_person=50, fee_licence_no="许12")
    with pytest.raises(ApplicationError, match="讲座上限：每人每期50.00元"):
        check(world, class_type="lecture", fee_per_person=51, fee_licence_no="许12")


def test_a_charging_class_needs_its_fee_licence_number(world: World, fz_base: CEBase, rongjia: Any) -> None:
    with pytest.raises(ApplicationError, match="须填写收费许可证号") as exc:
        check(world, fee_per_person=100, fee_licence_no="  ")
    assert exc.value.field == "fee_licence_no"
    check(world, fee_per_person=0, fee_licence_no="")  # a free class needs none


def test_charging_without_a_standard_in_force_is_refused(world: World, fz_base: CEBase) -> None:
    with pytest.raises(ApplicationError, match="没有登记有效的继续教育培训收费标准"):
        check(world, fee_per_person=100, fee_licence_no="许12")


def test_a_class_type_without_a_cap_cannot_charge(world: World, fz_base: CEBase, rongjia: Any) -> None:
    with pytest.raises(ApplicationError, match="没有规定学术会议的收费上限"):
        check(world, class_type="conference", fee_per_person=100, fee_licence_no="许12")


def test_the_nearest_standard_in_force_applies(world: World, fz_base: CEBase, rongjia: Any) -> None:
    """A newer standard replaces the old from its date; a standard of the province is overridden by the city's."""
    fee_standard_create(actor=world.users["hr_province"], region=world.province, document_no="闽价费〔2020〕1号",
                        title="省标准", valid_from=dt.date(2020, 1, 1), caps=[("training", "per_hour", Decimal(1))])
    check(world, fee_per_person=240, fee_licence_no="许12")  # the city's 10 元/学时 applies, not the province's 1
    fee_standard_create(actor=world.users["hr_fuzhou"], region=world.fuzhou, document_no="榕发改价〔2026〕5号",
                        title="新标准", valid_from=dt.date(2026, 4, 1), caps=[("training", "per_hour", Decimal(5))])
    check(world, fee_per_person=240, fee_licence_no="许12")  # before 1 April: old standard
    with pytest.raises(ApplicationError, match="榕发改价〔2026〕5号"):
        check(world, fee_per_person=240, fee_licence_no="许12", on=dt.date(2026, 4, 1))


def test_all_problems_are_listed_for_the_self_check_page(world: World, fz_base: CEBase, rongjia: Any) -> None:
    problems = class_application_problems(
        provider=world.fz_provider, class_type="training", series=["engineering"], subject="professional",
        form="centralized", total_hours=10, fee_per_person=500, fee_licence_no="", on=DAY)
    assert [p.field for p in problems] == ["scope", "fee_licence_no", "fee_per_person"]
