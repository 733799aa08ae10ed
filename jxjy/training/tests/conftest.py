"""Fixtures of the training tests: a movable clock and a class walked to any stage through the services."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from jxjy.core.testing import World, make_professional, make_user
from jxjy.providers.services.accreditation import base_accredit, base_application_create
from jxjy.records.choices import LearningForm
from jxjy.training import clock
from jxjy.training.choices import NoticeMode
from jxjy.training.models import TrainingClass, TrainingSettings
from jxjy.training.services.classes import teacher_resume_attach, training_class_create, training_class_submit
from jxjy.training.services.enrolment import enrolment_self
from jxjy.training.services.notice import public_notice_conclude
from jxjy.training.services.review import class_review_approve

SHANGHAI = ZoneInfo("Asia/Shanghai")
PDF = b"%PDF-1.4\n%test\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\0" * 32
XLSX_MAGIC = b"PK\x03\x04"


class Clock:
    """Sets the workflow's 'now' (Asia/Shanghai wall time)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.current = dt.datetime(2026, 3, 2, 9, 0, tzinfo=SHANGHAI)
        monkeypatch.setattr(clock, "now", lambda: self.current)

    def set(self, day: dt.date, hour: int = 9, minute: int = 0) -> None:
        self.current = dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=SHANGHAI)

    def advance(self, **delta: Any) -> None:
        self.current += dt.timedelta(**delta)


@pytest.fixture
def frozen(monkeypatch: pytest.MonkeyPatch) -> Clock:
    return Clock(monkeypatch)


@dataclass
class Scene:
    world: World
    clock: Clock

    def __post_init__(self) -> None:
        # 福州's rule set publishes notices in the first week of each quarter (榕人专〔2009〕145号 附件2);
        # the scene's city bureau overrides that to publish as classes come, so that March's classes
        # are noticed at once. Tests of the rounds set notice_mode back (settings_override).
        settings_override(self.world, notice_mode=NoticeMode.CONTINUOUS)

    @property
    def provider(self) -> Any:
        return self.world.users["provider_fz"]

    @property
    def authority(self) -> Any:
        return self.world.users["auth_fz_health"]

    @property
    def hr(self) -> Any:
        return self.world.users["hr_fuzhou"]


def accredit_broadly(world: World, provider: Any = None, officer: str = "hr_fuzhou", tier: str = "city") -> Any:
    """Makes the provider a CE base whose scope covers every series, subject and form, valid 2026–2028:
    classes may only be applied for within an accredited scope (榕人专〔2009〕145号 四)."""
    provider = provider or world.fz_provider
    admin = next((u for u in world.users.values() if u.provider_id == provider.pk), None) or make_user(
        f"provider_admin_{provider.pk}", "provider_admin", provider=provider, region=provider.region)
    application = base_application_create(
        actor=admin, provider=provider, tier=tier, scope_series=[], scope_subjects=["public", "professional"],
        scope_forms=[c.value for c in LearningForm], facilities="多媒体教室", places=provider.address or "培训中心",
        full_time_teachers=3, part_time_teachers=10, management_rules="考勤、收费公示、证书管理制度", submit=True)
    return base_accredit(actor=world.users[officer], application=application, valid_from=dt.date(2026, 1, 1),
                         valid_to=dt.date(2028, 12, 31))


def settings_override(world: World, **values: Any) -> TrainingSettings:
    """The city bureau's override of its rule set's class-workflow numbers (training.TrainingSettings)."""
    row, _ = TrainingSettings.objects.update_or_create(hr_bureau=world.bureaus["350100"], defaults=values)
    return row


@pytest.fixture
def scene(world: World, frozen: Clock) -> Scene:
    """福州: the city-level provider is supervised by 福州市卫健委, so its chain is authority → city bureau;
    it is an accredited CE base of the city tier."""
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    accredit_broadly(world)
    return Scene(world, frozen)


def application(start: dt.date, **overrides: Any) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = {
        "class_type": "training", "name": "医疗质量与安全管理培训班", "start_date": start, "end_date": start,
        "place": "福州市鼓楼区五四路1号", "contact": "王老师", "phone": "0591-88888888",
        "total_hours": Decimal("6"), "runs": 1, "trainees_per_run": 3, "subject": "professional",
        "form": "centralized", "target_series": ["health"], "target_levels": ["intermediate", "senior"],
        "audience": "全市卫生系列中级及以上专业技术人员", "teaching_plan": "上午讲授，下午案例研讨。",
        "funding_source": "单位自筹", "charges_fee": False, "fee_per_person": None, "fee_standard": "",
        "pass_mark": Decimal("60"),
    }
    data.update(overrides)
    schedule = [
        {"date": data["start_date"], "half_day": "am", "content": "医疗质量管理新规解读", "hours": Decimal("3"),
         "teacher_name": "李教授", "teacher_title": "主任医师", "teacher_unit": "福建医科大学附属第一医院"},
        {"date": data["start_date"], "half_day": "pm", "content": "不良事件案例研讨", "hours": Decimal("3"),
         "teacher_name": "张主任", "teacher_title": "副主任医师", "teacher_unit": "福州市第一医院"},
    ]
    return data, schedule


def draft_class(scene: Scene, start: dt.date = dt.date(2026, 3, 18), **overrides: Any) -> TrainingClass:
    data, schedule = application(start, **overrides)
    training_class = training_class_create(actor=scene.provider, data=data, schedule=schedule)
    for teacher in ("李教授", "张主任"):
        teacher_resume_attach(actor=scene.provider, training_class=training_class, teacher_name=teacher,
                              filename=f"{teacher}.pdf", data=PDF)
    return training_class


def submitted_class(scene: Scene, **kw: Any) -> TrainingClass:
    scene.clock.set(dt.date(2026, 3, 2))
    training_class = draft_class(scene, **kw)
    return training_class_submit(actor=scene.provider, training_class=training_class)


def noticed_class(scene: Scene, **kw: Any) -> TrainingClass:
    training_class = submitted_class(scene, **kw)
    class_review_approve(actor=scene.authority, training_class=training_class, comment="同意")
    return class_review_approve(actor=scene.hr, training_class=training_class, comment="同意，予以公示")


def approved_class(scene: Scene, **kw: Any) -> TrainingClass:
    training_class = noticed_class(scene, **kw)
    scene.clock.advance(days=5)
    return public_notice_conclude(actor=scene.hr, training_class=training_class)


def trainee(scene: Scene, username: str, name: str) -> Any:
    person = make_professional(scene.world.gl_hospital, name, title=scene.world.titles["主治医师"])
    return make_user(username, "professional", professional=person, region=scene.world.gulou)


def enrolled_class(scene: Scene, **kw: Any) -> tuple[TrainingClass, list[Any]]:
    training_class = approved_class(scene, **kw)
    users = [scene.world.users["pro_gl_doctor"], trainee(scene, "pro_second", "吴护士")]
    for user in users:
        enrolment_self(actor=user, training_class=training_class)
    return training_class, users
