"""The sixth region, verification and gates (issue 13 item 4): the made-up 海人社〔2020〕1号
(jxjy/rules/tests/fixtures/sixth-region/haibin-2020.yaml) differs from the five documents in its verifier
by level, deadline, forfeiture, deferral limit, teacher cycle, gate citations, pass certificate and quota
cut; the verification, exemption, gate and quota workflows follow it with no code that knows the region
(the class part is jxjy/training/tests/test_regional_procedures.py)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.core.errors import ApplicationError
from jxjy.core.testing import World, make_professional, make_region, make_title, make_unit, make_user
from jxjy.online.services.certificates import pass_certificate_region
from jxjy.orgs.models import HRBureau, Ownership, Sector
from jxjy.records.services import (
    gate_check,
    verification_batch_create,
    verification_batch_submit,
    verification_exemption_record,
)
from jxjy.records.services.verification import verification_deadline, verification_reviewer
from jxjy.rules.tests.sixth_region import sixth_region_rulesets
from jxjy.stats.choices import UNIT_ITEMS
from jxjy.stats.services.assessments import assessment_unit_record, excellent_quota, quota_cut_range

from .helpers import recognised

pytestmark = pytest.mark.django_db
DOC = "海人社〔2020〕1号"


@pytest.fixture
def haibin(world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Any]]:
    """示例省 → 海滨市 (rule set haibin-2020) → 东港区, their bureaus, a 东港区 unit and its admin."""
    with sixth_region_rulesets(monkeypatch, tmp_path):
        province = make_region("990000", "示例省")
        city = make_region("990100", "海滨市", province, "haibin-2020")
        county = make_region("990102", "东港区", city)
        bureaus = {r.code: HRBureau.objects.create(name=f"{r.name}人社局", region=r) for r in (province, city, county)}
        officers = {code: make_user(f"hr_{code}", Role.HR_OFFICER, hr_bureau=b, region=b.region)
                    for code, b in bureaus.items()}
        unit = make_unit(county, "东港区机械厂", sector=Sector.INDUSTRY, ownership=Ownership.NON_PUBLIC)
        admin = make_user("unit_dg", Role.UNIT_ADMIN, employer_unit=unit, region=county)
        yield {"city": city, "county": county, "bureaus": bureaus, "officers": officers, "unit": unit,
               "admin": admin}


def test_sixth_region_verifier_by_level_deadline_and_no_forfeiture_follow_the_data_file(world, haibin):
    """第十六条: junior and senior by the city bureau, intermediate by the unit's own bureau; 第十七条:
    rosters by the end of March, a late roster is still verified."""
    unit, bureaus = haibin["unit"], haibin["bureaus"]
    junior = make_professional(unit, "东港助工", title=world.titles["助理工程师"])
    middle = make_professional(unit, "东港工程师", title=world.titles["工程师"])
    senior = make_professional(unit, "东港高工", title=world.titles["高级工程师"])
    assert verification_reviewer(junior) == (bureaus["990100"], None)
    assert verification_reviewer(middle) == (bureaus["990102"], None)
    assert verification_reviewer(senior) == (bureaus["990100"], None)
    deadline, basis = verification_deadline(2023, haibin["county"])
    assert deadline == dt.date(2024, 3, 31) and basis.reference.startswith(f"{DOC} 第十七条")
    year = timezone.localdate().year - 1
    batch = verification_batch_create(actor=haibin["admin"], year=year,
                                      deadline=timezone.localdate() - dt.timedelta(days=1))
    verification_batch_submit(actor=haibin["admin"], batch=batch)
    entries = {e.professional_id: e for e in batch.entries.all()}
    assert {e.outcome for e in entries.values()} == {"pending"}  # 逾期不视同放弃
    assert entries[junior.pk].reviewer_bureau == bureaus["990100"]
    assert entries[middle.pk].reviewer_bureau == bureaus["990102"]


def test_sixth_region_exemptions_up_to_three_years_in_total(world, haibin):
    """第十八条: 特殊情况延期验证累计不超过3年."""
    person = make_professional(haibin["unit"], "东港员工", title=world.titles["工程师"])
    officer = haibin["officers"]["990102"]
    verification_exemption_record(actor=officer, professional=person, reason="sick_leave", first_year=2021,
                                  last_year=2022)
    verification_exemption_record(actor=officer, professional=person, reason="sick_leave", first_year=2023,
                                  last_year=2023)
    with pytest.raises(ApplicationError, match=f"累计不超过3年（{DOC} 第十八条"):
        verification_exemption_record(actor=officer, professional=person, reason="sick_leave", first_year=2024,
                                      last_year=2024)


def test_sixth_region_title_gate_cites_its_document_and_needs_its_pass_certificate(world, haibin):
    """第二十条 (CE a condition of the title application) and 第二十一条 (the pass certificate)."""
    person = make_professional(haibin["unit"], "东港申报人", title=world.titles["工程师"])
    person.title_obtained_on = dt.date(2024, 6, 1)
    person.save()
    recognised(person, dt.date(2025, 5, 1), hours=80)
    answer = gate_check(actor=haibin["officers"]["990100"], professional=person, purpose="title_application",
                        year=2026)
    assert answer["allowed"] is False
    assert answer["reasons"][0].startswith(f"未取得《公共科目合格证》（{DOC} 第二十一条")
    assert answer["reasons"][-1].startswith(f"依据：{DOC} 第二十条")
    assert pass_certificate_region(haibin["county"]) == haibin["city"]


def test_sixth_region_teacher_is_judged_by_its_three_year_cycle_in_the_gate(world, haibin):
    """第六条: teachers every 3 years from 2020; the 2020–2022 cycle (150 学时) decides a 2023 appointment."""
    school = make_unit(haibin["county"], "东港区实验小学", sector=Sector.EDUCATION)
    teacher = make_professional(school, "东港老师", series="school_teacher",
                                title=make_title("一级教师", "school_teacher", "intermediate"))
    recognised(teacher, dt.date(2021, 5, 1), hours=100)
    answer = gate_check(actor=haibin["officers"]["990100"], professional=teacher, purpose="post_appointment",
                        year=2023)
    assert answer["allowed"] is False
    assert any(r.startswith("2020–2022周期未完成继续教育") and f"{DOC} 第六条" in r for r in answer["reasons"])
    assert not any("无法评估" in r for r in answer["reasons"])
    recognised(teacher, dt.date(2022, 5, 1), hours=50)
    again = gate_check(actor=haibin["officers"]["990100"], professional=teacher, purpose="post_appointment",
                       year=2023)
    assert again["allowed"] is True, again["reasons"]


def test_sixth_region_quota_cut_range_and_original_proportion_come_from_its_file(world, haibin):
    """第二十五条: 优秀比例不超过15%，抽查不合格核减3%—5%."""
    unit = haibin["unit"]
    for i in range(20):
        make_professional(unit, f"员工{i}", title=world.titles["工程师"])
    (low, high), basis = quota_cut_range(unit, 2025)
    assert (low, high) == (Decimal(3), Decimal(5)) and basis.startswith(f"{DOC} 第二十五条")
    items = {code: (True, "") for code, _ in UNIT_ITEMS} | {"funding": (False, "经费未落实")}
    with pytest.raises(ApplicationError, match="核减3%至5%"):
        assessment_unit_record(actor=haibin["officers"]["990102"], unit=unit, year=2025, items=items,
                               quota_cut_percent=Decimal(2))
    assessment_unit_record(actor=haibin["officers"]["990102"], unit=unit, year=2025, items=items,
                           quota_cut_percent=Decimal(5))
    quota = excellent_quota(unit, 2025)
    assert (quota.base_percent, quota.percent, quota.most) == (Decimal(15), Decimal(10), 2)  # 20 × 10 %
