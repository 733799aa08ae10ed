"""A professional self-study record ends its review where the person's region's rule set says:
自学活动……必须符合学时计算要求，并经政府人社部门核准备案 (泉洛政人社[2017]27号 一（四）); elsewhere the
default (the industry authority)."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.accounts.models import Role
from jxjy.core.testing import make_professional, make_unit, make_user
from jxjy.orgs.models import IndustryAuthority, Ownership, Sector
from jxjy.records.services import learning_record_declare, learning_record_review
from jxjy.records.services.learning import self_study_final_reviewer

pytestmark = pytest.mark.django_db
DAY = dt.date(2026, 3, 2)


def _engineer(world, region, bureau_code: str, tag: str):
    authority = IndustryAuthority.objects.create(name=f"{region.name}工信局", sector=Sector.INDUSTRY, region=region)
    unit = make_unit(region, f"{region.name}国有机械厂", sector=Sector.INDUSTRY,
                     ownership=Ownership.STATE_ENTERPRISE, authority=authority)
    person = make_professional(unit, f"{tag}工程师", title=world.titles["工程师"])
    return person, {
        "self": make_user(f"pro_{tag}", Role.PROFESSIONAL, professional=person, region=region),
        "unit": make_user(f"unit_{tag}", Role.UNIT_ADMIN, employer_unit=unit, region=region),
        "authority": make_user(f"auth_{tag}", Role.AUTHORITY_OFFICER, industry_authority=authority, region=region),
        "hr": make_user(f"hr_{tag}", Role.HR_OFFICER, hr_bureau=world.bureaus[bureau_code], region=region),
    }


def _self_study(users, person):
    return learning_record_declare(actor=users["self"], professional=person, date=DAY, subject="professional",
                                   form="self_study", course="有指导的专业自学", hours=10)


def test_luojiang_1_4_a_self_study_record_ends_at_the_hr_bureau_after_the_industry_authority(world):
    """经政府人社部门核准备案 (泉洛政人社[2017]27号 一（四）)."""
    person, users = _engineer(world, world.luojiang, "350504", "lj")
    rule = self_study_final_reviewer(person)
    assert (rule.value, rule.is_default) == ("hr_bureau", False)
    assert rule.reference.startswith("泉洛政人社[2017]27号 一（四）")
    record = _self_study(users, person)
    for stage, actor in (("unit", "unit"), ("industry_authority", "authority")):
        assert record.review_stage == stage
        record = learning_record_review(actor=users[actor], record=record, approve=True)
    assert (record.review_stage, record.status) == ("hr_bureau", "pending")
    record = learning_record_review(actor=users["hr"], record=record, approve=True)
    assert (record.review_stage, record.status) == ("done", "recognised")
    assert [r.stage for r in record.reviews.order_by("id")] == ["unit", "industry_authority", "hr_bureau"]


def test_luojiang_other_professional_forms_still_end_at_the_industry_authority(world):
    person, users = _engineer(world, world.luojiang, "350504", "lj2")
    record = learning_record_declare(actor=users["unit"], professional=person, date=DAY, subject="professional",
                                     form="conference", course="学术会议", hours=6)
    record = learning_record_review(actor=users["authority"], record=record, approve=True)
    assert record.status == "recognised"


def test_fuzhou_self_study_ends_at_the_industry_authority_by_the_default_which_says_so(world):
    """榕人专〔2009〕145号 names no approval of self-study: the default, stated as one."""
    person, users = _engineer(world, world.taijiang, "350103", "tj")
    rule = self_study_final_reviewer(person)
    assert rule.is_default and rule.reference.startswith("默认（default）")
    record = learning_record_review(actor=users["unit"], record=_self_study(users, person), approve=True)
    record = learning_record_review(actor=users["authority"], record=record, approve=True)
    assert record.status == "recognised"
