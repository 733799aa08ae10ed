"""摘牌 with a decision on the base's classes (常人社发〔2011〕11号 第二十五条; 榕人专〔2009〕145号 五):
keep them, or revoke the hours of chosen classes — previewed first without writing anything — with
standings recomputed and the units where somebody became non-compliant told (榕人专〔2009〕145号 一:
72 学时 a year in 福州)."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.urls import reverse

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError
from jxjy.core.testing import World, make_user
from jxjy.notifications.models import Notification
from jxjy.providers.choices import BaseStatus
from jxjy.providers.models import Announcement, BaseEvent, CEBase
from jxjy.providers.services.inspections import base_revocation_preview, base_revoke
from jxjy.records.choices import RecordSource, RecordStatus
from jxjy.records.models import LearningRecord, Standing, StandingVerdict
from jxjy.records.services import learning_record_recognise_from_source
from jxjy.records.standing_selectors import standing_of
from jxjy.training.choices import ClassStatus
from jxjy.training.models import TrainingClass
from jxjy.training.tests.conftest import Clock, Scene, accredit_broadly
from jxjy.training.tests.test_revocation import _recognised_class

pytestmark = pytest.mark.django_db


def recognised_class_scene(world: World, monkeypatch: pytest.MonkeyPatch) -> tuple[CEBase, TrainingClass]:
    """福州's provider is a city-tier base (accredited by 福州市人社局); one of its classes went through the
    whole workflow and 林医生's 6 学时 are recognised; with 70 other 学时 he is 达标 for 2026 (76 ≥ 72).
    陈工 (台江区华信科技) also has the class's 6 学时 and 72 others: 达标 with or without them."""
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    base = accredit_broadly(world)
    training_class = _recognised_class(Scene(world, Clock(monkeypatch)))
    for person, hours in ((world.people["gl_doctor"], 70), (world.people["tj_engineer"], 72)):
        learning_record_recognise_from_source(
            actor=None, professional=person, date=dt.date(2026, 5, 10), subject="professional", form="centralized",
            course="其他专业课程", source=RecordSource.TRAINING_CLASS, source_ref=f"其他-{person.pk}", hours=hours)
    learning_record_recognise_from_source(
        actor=None, professional=world.people["tj_engineer"], date=training_class.end_date, subject="professional",
        form="centralized", course=training_class.name, source=RecordSource.TRAINING_CLASS,
        source_ref=training_class.source_ref, hours=6, provider=world.fz_provider)
    make_user("unit_gl_school", "unit_admin", employer_unit=world.gl_school, region=world.gulou)
    return base, training_class


def _state() -> dict[str, Any]:
    return {
        "records": sorted(LearningRecord.objects.values_list("pk", "status", "revocation_reason")),
        "standings": sorted(Standing.objects.values_list("professional_id", "end_year", "verdict", "shortfall",
                                                         "computed_at")),
        "notifications": Notification.objects.count(),
        "audit": AuditEvent.objects.count(),
        "base_events": BaseEvent.objects.count(),
        "announcements": Announcement.objects.count(),
        "bases": sorted(CEBase.objects.values_list("pk", "status")),
        "classes": sorted(TrainingClass.objects.values_list("pk", "status")),
    }


def test_the_preview_shows_who_is_affected_and_writes_nothing(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    base, training_class = recognised_class_scene(world, monkeypatch)
    before = _state()

    preview = base_revocation_preview(actor=world.users["hr_fuzhou"], base=base, reason="乱收费",
                                      revoke_classes=[training_class.pk])

    assert _state() == before
    assert sorted(p.name for p in preview.people) == ["林医生", "陈工"]
    assert [p.name for p in preview.became_short] == ["林医生"]
    assert [u.unit_name for u in preview.units_with_changes] == ["鼓楼区人民医院"]
    assert len(preview.records) == 2


def test_revoking_a_base_with_chosen_classes_revokes_their_hours_and_tells_the_units_concerned(
    world: World, monkeypatch: pytest.MonkeyPatch,
) -> None:
    base, training_class = recognised_class_scene(world, monkeypatch)
    doctor = world.people["gl_doctor"]
    Notification.objects.all().delete()

    base_revoke(actor=world.users["hr_fuzhou"], base=base, reason="乱收费", revoke_classes=[training_class.pk])

    base.refresh_from_db()
    training_class.refresh_from_db()
    assert base.status == BaseStatus.REVOKED and training_class.status == ClassStatus.UNQUALIFIED
    revoked = LearningRecord.objects.filter(source_ref=training_class.source_ref)
    assert {r.status for r in revoked} == {RecordStatus.REVOKED}
    assert {r.revocation_reason for r in revoked} == {
        "福州市继续教育基地市级继续教育基地被摘牌（乱收费），其培训班学时不予认可"}
    standing = standing_of(professional=doctor, year=2026)
    assert standing is not None and standing.verdict == StandingVerdict.SHORT
    told = {n.user.username: n.message for n in Notification.objects.select_related("user")}
    assert set(told) == {"unit_gl_hospital", "pro_gl_doctor"}  # 台江区华信科技: 陈工 is still 达标
    assert "林医生（2026年度未达标，差2学时）" in told["unit_gl_hospital"]
    assert BaseEvent.objects.filter(base=base, description__contains="1人因此未达标").exists()


def test_keeping_the_classes_revokes_the_base_only(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    base, training_class = recognised_class_scene(world, monkeypatch)
    base_revoke(actor=world.users["hr_fuzhou"], base=base, reason="逾期未整改")
    assert CEBase.objects.get(pk=base.pk).status == BaseStatus.REVOKED
    assert set(LearningRecord.objects.values_list("status", flat=True)) == {RecordStatus.RECOGNISED}
    assert TrainingClass.objects.get(pk=training_class.pk).status == ClassStatus.RECOGNISED


def test_only_the_providers_recognised_classes_may_be_chosen(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    base, training_class = recognised_class_scene(world, monkeypatch)
    with pytest.raises(ApplicationError, match="所选培训班不属于该机构，或其学时尚未认定"):
        base_revoke(actor=world.users["hr_fuzhou"], base=base, reason="乱收费", revoke_classes=[training_class.pk + 999])
    assert CEBase.objects.get(pk=base.pk).status != BaseStatus.REVOKED


def test_the_revocation_page_previews_then_confirms(world: World, monkeypatch: pytest.MonkeyPatch, client_for) -> None:  # type: ignore[no-untyped-def]
    base, training_class = recognised_class_scene(world, monkeypatch)
    url = reverse("providers:base_revocation", args=[base.pk])
    assert client_for("unit_gl_hospital").get(url).status_code == 404
    assert client_for("hr_quanzhou").get(url).status_code == 404
    officer = client_for("hr_fuzhou")
    page = officer.get(url, {"decision": "revoke", "period_from": "2026-03-01", "period_to": "2026-03-31"})
    assert page.status_code == 200
    assert f'value="{training_class.pk}" id="class-{training_class.pk}" checked' in page.content.decode()

    before = _state()
    preview = officer.post(url, {"step": "preview", "reason": "乱收费", "decision": "revoke",
                                 "classes": [str(training_class.pk)]})
    text = preview.content.decode()
    assert preview.status_code == 200 and "确认前预览（尚未保存任何内容）" in text
    assert '<strong id="becoming-short">1</strong>' in text and "林医生" in text and "将未达标" in text
    assert _state() == before

    done = officer.post(url, {"step": "confirm", "reason": "乱收费", "decision": "revoke",
                              "classes": [str(training_class.pk)]})
    assert done.status_code == 302
    assert LearningRecord.objects.filter(source_ref=training_class.source_ref, status=RecordStatus.REVOKED).count() == 2
