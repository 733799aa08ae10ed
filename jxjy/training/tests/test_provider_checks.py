"""A class application meets the provider's accreditation and the fee standard (榕人专〔2009〕145号 四、五;
河南 2012 六(二)); the class workflow's findings enter the provider's credit record (泉洛政人社[2017]27号 一(五)4)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from jxjy.core.errors import ApplicationError
from jxjy.providers.models import CreditEvent
from jxjy.providers.services.accreditation import base_accredit, base_application_create
from jxjy.providers.services.fees import fee_standard_create
from jxjy.training.choices import ClassStatus
from jxjy.training.services.classes import training_class_submit
from jxjy.training.services.notice import objection_file, objection_resolve

from .conftest import Scene, draft_class, noticed_class


def test_a_class_outside_the_accredited_scope_is_refused_naming_the_scope_145号_四(world, frozen) -> None:  # type: ignore[no-untyped-def]
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    application = base_application_create(
        actor=world.users["provider_fz"], provider=world.fz_provider, tier="city", scope_series=["health"],
        scope_subjects=["professional"], scope_forms=["centralized"], facilities="教室", places="五四路",
        full_time_teachers=2, part_time_teachers=3, management_rules="制度", submit=True)
    base_accredit(actor=world.users["hr_fuzhou"], application=application, valid_from=dt.date(2026, 1, 1),
                  valid_to=dt.date(2028, 12, 31))
    scene = Scene(world, frozen)
    frozen.set(dt.date(2026, 3, 2))
    training_class = draft_class(scene, subject="public")
    with pytest.raises(ApplicationError, match="办学范围") as exc:
        training_class_submit(actor=scene.provider, training_class=training_class)
    assert exc.value.field == "scope"
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.DRAFT


def test_a_fee_above_the_standard_in_force_is_refused(scene) -> None:  # type: ignore[no-untyped-def]
    fee_standard_create(actor=scene.hr, region=scene.world.fuzhou, document_no="榕价费[2008]40号", title="继续教育收费标准",
                        valid_from=dt.date(2026, 1, 1), caps=[("training", "per_hour", Decimal("40"))])
    scene.clock.set(dt.date(2026, 3, 2))
    training_class = draft_class(scene, charges_fee=True, fee_per_person=Decimal("300"), fee_standard="榕价费[2008]40号",
                                 fee_licence_no="闽收费许字第001号")
    with pytest.raises(ApplicationError, match="榕价费") as exc:
        training_class_submit(actor=scene.provider, training_class=training_class)
    assert exc.value.field == "fee_per_person"


def test_a_charging_class_needs_its_fee_licence_number(scene) -> None:  # type: ignore[no-untyped-def]
    fee_standard_create(actor=scene.hr, region=scene.world.fuzhou, document_no="榕价费[2008]40号", title="继续教育收费标准",
                        valid_from=dt.date(2026, 1, 1), caps=[("training", "per_hour", Decimal("40"))])
    scene.clock.set(dt.date(2026, 3, 2))
    training_class = draft_class(scene, charges_fee=True, fee_per_person=Decimal("200"), fee_standard="榕价费[2008]40号")
    with pytest.raises(ApplicationError) as exc:
        training_class_submit(actor=scene.provider, training_class=training_class)
    assert exc.value.field == "fee_licence_no"


def test_an_upheld_objection_enters_the_providers_credit_record(scene) -> None:  # type: ignore[no-untyped-def]
    training_class = noticed_class(scene)
    objection = objection_file(notice=training_class.notice, name="匿名群众", contact="13800000000", reason="师资与申报不符",
                               ip="127.0.0.1")
    objection_resolve(actor=scene.hr, objection=objection, upheld=True, resolution="异议属实")
    event = CreditEvent.objects.get()
    assert (event.provider, event.kind) == (scene.world.fz_provider, "upheld_objection")
