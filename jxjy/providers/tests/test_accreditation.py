"""Accreditation per tier (榕人专〔2009〕145号 五: 市人事局和各县（市）区人事部门分别负责本级继续教育基地的认定和管理)."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ConflictError, PermissionDenied
from jxjy.core.testing import World
from jxjy.orgs.models import Provider
from jxjy.providers.choices import ApplicationStatus, BaseEventKind
from jxjy.providers.models import Announcement, CEBase
from jxjy.providers.services.accreditation import base_accredit, base_application_create

from .conftest import DAY, accredit, apply


@pytest.fixture
def gl_provider(world: World) -> Provider:
    return Provider.objects.create(name="鼓楼区职业培训学校", credit_code="52350102MJ0000001X", region=world.gulou)


def test_the_city_bureau_accredits_a_city_tier_base_with_number_validity_and_announcement(world: World) -> None:
    base = accredit(world)
    assert base.number == "福州市继教基地〔2026〕001号"
    assert (base.valid_from, base.valid_to) == (DAY, dt.date(2028, 12, 31))
    assert base.bureau == world.bureaus["350100"]
    assert base.application.status == ApplicationStatus.ACCREDITED
    assert list(base.events.values_list("kind", flat=True)) == [BaseEventKind.ACCREDITED]
    assert Announcement.objects.get(base=base).kind == "accredited"
    assert AuditEvent.objects.filter(object_type="providers.cebase", object_id=str(base.pk), action="create").exists()


def test_a_county_bureau_cannot_accredit_a_city_tier_base_145_5(world: World, gl_provider: Provider) -> None:
    """A provider in 鼓楼区 applying for the city tier goes to 福州市人社局; 鼓楼区人社局 is refused."""
    from jxjy.core.testing import make_user

    admin = make_user("provider_gl", "provider_admin", provider=gl_provider, region=world.gulou)
    world.users["provider_gl"] = admin
    application = apply(world, user="provider_gl", provider=gl_provider, tier="city")
    assert application.bureau == world.bureaus["350100"]
    with pytest.raises(PermissionDenied) as exc:
        base_accredit(actor=world.users["hr_gulou"], application=application)
    assert exc.value.message == "市级继续教育基地由福州市人社局认定，鼓楼区人社局只能认定本级基地"
    assert not CEBase.objects.exists()
    # the county tier is the county bureau's own
    county = apply(world, user="provider_gl", provider=gl_provider, tier="county")
    assert county.bureau == world.bureaus["350102"]
    assert base_accredit(actor=world.users["hr_gulou"], application=county).tier == "county"
    with pytest.raises(PermissionDenied):
        base_accredit(actor=world.users["hr_province"], application=application)
    assert base_accredit(actor=world.users["hr_fuzhou"], application=application).tier == "city"


def test_a_city_provider_cannot_apply_for_the_county_tier(world: World) -> None:
    from jxjy.core.errors import ApplicationError

    with pytest.raises(ApplicationError, match="不能申报县区级继续教育基地"):
        apply(world, tier="county")


def test_one_live_base_per_tier_and_renewal_extends_it(world: World) -> None:
    base = accredit(world)
    with pytest.raises(ConflictError, match="到期前请申请换证"):
        apply(world)
    renewal = base_application_create(
        actor=world.users["provider_fz"], provider=world.fz_provider, tier="city", scope_series=["health", "engineering"],
        scope_subjects=["professional"], scope_forms=["centralized"], facilities="新增实训室", places="同上",
        full_time_teachers=6, part_time_teachers=12, management_rules="同上", renewal_of=base, submit=True)
    renewed = base_accredit(actor=world.users["hr_fuzhou"], application=renewal, valid_from=dt.date(2028, 12, 1),
                            valid_to=dt.date(2031, 12, 31))
    assert renewed.pk == base.pk and renewed.number == base.number
    assert renewed.valid_to == dt.date(2031, 12, 31) and renewed.valid_from == DAY
    assert renewed.scope_series == ["engineering", "health"]
    assert set(renewed.events.values_list("kind", flat=True)) == {"accredited", "renewed"}


def test_only_a_submitted_application_can_be_accredited_once(world: World) -> None:
    draft = apply(world, submit=False)
    with pytest.raises(ConflictError):
        base_accredit(actor=world.users["hr_fuzhou"], application=draft)


def test_another_providers_admin_cannot_apply_for_it(world: World) -> None:
    with pytest.raises(PermissionDenied):
        apply(world, provider=world.qz_provider)


def test_after_revocation_the_history_stays_and_the_provider_may_apply_anew(world: World) -> None:
    from jxjy.providers.services.inspections import base_revoke

    base = accredit(world)
    base_revoke(actor=world.users["hr_fuzhou"], base=base, reason="乱发证", on=dt.date(2026, 6, 1))
    again = apply(world)
    new_base = base_accredit(actor=world.users["hr_fuzhou"], application=again, valid_from=dt.date(2026, 9, 1))
    assert new_base.number == "福州市继教基地〔2026〕002号"
    assert list(CEBase.objects.filter(provider=world.fz_provider).order_by("pk").values_list("status", flat=True)) == [
        "revoked", "accredited"]
    assert AuditEvent.objects.filter(object_type="providers.cebase", action="transition").exists()


def test_the_api_applies_and_only_the_tier_bureau_accredits(world: World, client_for: object) -> None:
    body = {"tier": "city", "scope_series": ["health"], "scope_subjects": ["professional"],
            "scope_forms": ["centralized"], "facilities": "教室", "places": "福州", "management_rules": "制度"}
    created = client_for("provider_fz").post("/api/v1/ce-bases/applications", body,  # type: ignore[operator]
                                             content_type="application/json")
    assert created.status_code == 201 and created.json()["status"] == "submitted"
    url = f"/api/v1/ce-bases/applications/{created.json()['id']}/accredit"
    refused = client_for("hr_province").post(url, {}, content_type="application/json")  # type: ignore[operator]
    assert refused.status_code == 403 and "市级继续教育基地由福州市人社局认定" in refused.json()["detail"]
    assert client_for("hr_quanzhou").post(url, {}, content_type="application/json").status_code == 404  # type: ignore[operator]
    ok = client_for("hr_fuzhou").post(url, {"valid_to": "2029-12-31"}, content_type="application/json")  # type: ignore[operator]
    assert ok.status_code == 200 and ok.json()["number"] == "福州市继教基地〔" + str(ok.json()["valid_from"][:4]) + "〕001号"


def test_a_renewal_by_default_continues_for_three_years_after_the_current_validity(world: World) -> None:
    base = accredit(world)  # valid to 2028-12-31
    renewal = base_application_create(
        actor=world.users["provider_fz"], provider=world.fz_provider, tier="city", scope_series=["health"],
        scope_subjects=["professional"], scope_forms=["centralized"], facilities="f", places="p",
        full_time_teachers=1, part_time_teachers=1, management_rules="m", renewal_of=base, submit=True)
    renewed = base_accredit(actor=world.users["hr_fuzhou"], application=renewal)
    assert renewed.valid_to == dt.date(2031, 12, 31)  # 2029-01-01 + 3 years - 1 day
