"""Declared and unit-registered records and their review chains (issue 5 item 1;
泉洛政人社[2017]27号 二（一）; 常人社发〔2011〕11号 第九条)."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.accounts.models import Role
from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.testing import make_professional, make_unit, make_user
from jxjy.orgs.models import IndustryAuthority, Ownership, Sector
from jxjy.records.models import LearningRecord
from jxjy.records.services import learning_record_declare, learning_record_review

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def declare(actor, person, **kw):
    defaults = dict(date=DAY, subject="professional", form="conference", course="全国学术年会", hours=12)
    return learning_record_declare(actor=actor, professional=person, **{**defaults, **kw})


def stages(record: LearningRecord) -> list[str]:
    return [r.stage for r in record.reviews.order_by("decided_at", "id")]


@pytest.fixture
def engineering(world):
    authority = IndustryAuthority.objects.create(name="福州市工信局", sector=Sector.INDUSTRY, region=world.fuzhou)
    unit = make_unit(world.taijiang, "台江区国有机械厂", sector=Sector.INDUSTRY, ownership=Ownership.STATE_ENTERPRISE,
                     authority=authority)
    person = make_professional(unit, "周工", title=world.titles["工程师"])
    users = {
        "unit": make_user("unit_machine", Role.UNIT_ADMIN, employer_unit=unit, region=world.taijiang),
        "authority": make_user("auth_fz_industry", Role.AUTHORITY_OFFICER, industry_authority=authority, region=world.fuzhou),
        "self": make_user("pro_zhou", Role.PROFESSIONAL, professional=person, region=world.taijiang),
    }
    return person, users


def test_declared_professional_subject_goes_unit_then_industry_authority(world, engineering):
    person, users = engineering
    record = declare(users["self"], person)
    assert record.source == "declared" and record.review_stage == "unit" and record.status == "pending"
    learning_record_review(actor=users["unit"], record=record, approve=True)
    record.refresh_from_db()
    assert record.review_stage == "industry_authority" and record.status == "pending"
    learning_record_review(actor=users["authority"], record=record, approve=True)
    record.refresh_from_db()
    assert record.status == "recognised" and record.review_stage == "done"
    assert stages(record) == ["unit", "industry_authority"]
    assert AuditEvent.objects.filter(object_type="records.learningrecord", object_id=str(record.pk)).count() == 3


def test_declared_public_subject_is_reviewed_by_the_hr_bureau_not_the_industry_authority(world, engineering):
    person, users = engineering
    record = declare(users["self"], person, subject="public")
    learning_record_review(actor=users["unit"], record=record, approve=True)
    record.refresh_from_db()
    assert record.review_stage == "hr_bureau"
    with pytest.raises(PermissionDenied):
        learning_record_review(actor=users["authority"], record=record, approve=True)
    learning_record_review(actor=world.users["hr_fuzhou"], record=record, approve=True)
    record.refresh_from_db()
    assert record.status == "recognised"


def test_unit_registered_record_skips_the_unit_stage(world, engineering):
    person, users = engineering
    record = declare(users["unit"], person, form="advanced_study", course="进修")
    assert record.source == "unit_registered" and record.review_stage == "industry_authority"


def test_non_public_unit_without_authority_is_reviewed_by_hr_directly(world):
    person = world.people["tj_engineer"]
    record = declare(world.users["unit_tj_company"], person)
    assert record.review_stage == "hr_bureau"


def test_health_series_is_first_reviewed_by_the_health_authority_then_hr(world):
    """卫生系列的……先送卫计局初审 (泉洛政人社[2017]27号 二（一）)."""
    person = world.people["gl_doctor"]
    record = declare(world.users["pro_gl_doctor"], person, credits=5, hours=None, credit_class="II")
    learning_record_review(actor=world.users["unit_gl_hospital"], record=record, approve=True)
    record.refresh_from_db()
    assert record.review_stage == "health_authority"
    with pytest.raises(PermissionDenied):  # HR may not skip the health authority
        learning_record_review(actor=world.users["hr_gulou"], record=record, approve=True)
    learning_record_review(actor=world.users["auth_fz_health"], record=record, approve=True)
    record.refresh_from_db()
    assert record.review_stage == "hr_bureau"
    learning_record_review(actor=world.users["hr_gulou"], record=record, approve=True)
    record.refresh_from_db()
    assert record.status == "recognised"
    assert stages(record) == ["unit", "health_authority", "hr_bureau"]


def test_rejection_needs_a_reason_and_ends_the_chain(world, engineering):
    person, users = engineering
    record = declare(users["self"], person)
    with pytest.raises(ApplicationError, match="原因"):
        learning_record_review(actor=users["unit"], record=record, approve=False)
    learning_record_review(actor=users["unit"], record=record, approve=False, reason="未经单位同意")
    record.refresh_from_db()
    assert record.status == "rejected" and record.rejection_reason == "未经单位同意"
    with pytest.raises(ApplicationError):
        learning_record_review(actor=users["authority"], record=record, approve=True)


def test_paper_counts_only_if_confirmed_beforehand(world, engineering):
    """以论文计算学时或学分的，个人必须事先办好确认手续 (泉洛政人社[2017]27号 二（一）6)."""
    person, users = engineering
    with pytest.raises(ApplicationError, match="事先办好确认手续"):
        declare(users["self"], person, form="paper", course="论文")
    with pytest.raises(ApplicationError, match="不能晚于"):
        declare(users["self"], person, form="paper", course="论文", paper_confirmation_no="LW-1",
                paper_confirmed_on=dt.date(2999, 1, 1))
    record = declare(users["self"], person, form="paper", course="论文", paper_confirmation_no="LW-1",
                     paper_confirmed_on=dt.date(2026, 1, 5))
    learning_record_review(actor=users["unit"], record=record, approve=True)
    learning_record_review(actor=users["authority"], record=record, approve=True)
    record.refresh_from_db()
    assert record.status == "recognised"


def test_only_the_person_or_their_unit_may_declare(world, engineering):
    person, users = engineering
    with pytest.raises(PermissionDenied):
        declare(world.users["pro_gl_doctor"], person)
    with pytest.raises(PermissionDenied):
        declare(world.users["unit_gl_hospital"], person)


def test_classes_and_online_courses_cannot_be_declared(world, engineering):
    person, users = engineering
    with pytest.raises(ApplicationError, match="学时认定"):
        declare(users["self"], person, form="centralized")


def test_evidence_files_are_kept_with_the_record(world, engineering):
    from django.core.files.base import ContentFile

    person, users = engineering
    record = declare(users["self"], person, evidence=[("会议通知.pdf", ContentFile(b"%PDF-1.4 x"))])
    assert [e.name for e in record.evidence.all()] == ["会议通知.pdf"]
