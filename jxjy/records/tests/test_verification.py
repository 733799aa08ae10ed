"""Annual verification by unit batch: deadline, forfeit and exemption (泉洛政人社[2017]27号 二（三）),
jurisdiction by title level (榕人专〔2009〕145号 三), slots, stamps, direct verification, teachers."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.core.testing import make_professional, make_unit, make_user
from jxjy.orgs.models import IndustryAuthority, Ownership, Sector
from jxjy.records.models import VerificationEntry, VerificationExemption
from jxjy.records.selectors import verification_status
from jxjy.records.services import (
    default_deadline,
    verification_batch_create,
    verification_batch_submit,
    verification_direct,
    verification_education_stamp,
    verification_entry_decide,
    verification_entry_health_precheck,
    verification_exemption_record,
    verification_slot_book,
    verification_slot_publish,
    verification_teacher_cycle,
)
from jxjy.records.services.verification import verification_reviewer

from .helpers import full_year, recognised

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def test_default_deadline_is_the_end_of_february_of_the_next_year(world):
    """申请单位应于验证年度第二年2月底前报送 (泉洛政人社[2017]27号 二（一）): read for the unit's region."""
    assert default_deadline(2024, world.luojiang) == dt.date(2025, 2, 28)
    assert default_deadline(2023, world.luojiang) == dt.date(2024, 2, 29)  # leap year


def test_individuals_cannot_submit_only_the_units_administrator(world):
    """年度验证不接受个人申请，由单位统一专人办理 (二（三）1)."""
    with pytest.raises(PermissionDenied, match="不接受个人申请"):
        verification_batch_create(actor=world.users["pro_gl_doctor"], year=THIS_YEAR - 1)
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=THIS_YEAR - 1,
                                      deadline=timezone.localdate())
    with pytest.raises(PermissionDenied):
        verification_batch_submit(actor=world.users["pro_gl_doctor"], batch=batch)
    with pytest.raises(PermissionDenied):  # another unit's administrator
        verification_batch_submit(actor=world.users["unit_tj_company"], batch=batch)


def test_submitted_by_the_deadline_everyone_awaits_review(world):
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=THIS_YEAR - 1,
                                      deadline=timezone.localdate())
    verification_batch_submit(actor=world.users["unit_gl_hospital"], batch=batch)
    assert [e.outcome for e in batch.entries.all()] == ["pending"]


def test_late_submission_forfeits_unless_an_exemption_of_at_most_two_years_is_recorded(world):
    """除长期外出培训、病假等特殊情况外（且不超2年），未能按时参加当年度验证的视同放弃验证权利 (二（三）2)."""
    year = THIS_YEAR - 1
    doctor = world.people["gl_doctor"]
    away = make_professional(world.gl_hospital, "外出培训者", title=world.titles["主治医师"])
    verification_exemption_record(actor=world.users["unit_gl_hospital"], professional=away,
                                  reason="long_training_away", first_year=year - 1, last_year=year)
    batch = verification_batch_create(actor=world.users["unit_gl_hospital"], year=year,
                                      deadline=timezone.localdate() - dt.timedelta(days=1))
    verification_batch_submit(actor=world.users["unit_gl_hospital"], batch=batch)
    outcomes = {e.professional_id: e for e in batch.entries.all()}
    assert outcomes[doctor.pk].outcome == "forfeited" and "视同放弃" in outcomes[doctor.pk].reason
    assert outcomes[away.pk].outcome == "pending"


def test_exemption_longer_than_two_years_is_refused(world):
    person = world.people["gl_doctor"]
    with pytest.raises(ApplicationError, match="不超过2年"):
        verification_exemption_record(actor=world.users["unit_gl_hospital"], professional=person,
                                      reason="sick_leave", first_year=2020, last_year=2022)
    with pytest.raises(IntegrityError):  # and the database holds the line too
        VerificationExemption.objects.create(professional=person, reason="sick_leave", first_year=2020,
                                             last_year=2022, recorded_by=world.users["hr_gulou"])


def test_not_submitted_after_the_deadline_shows_as_forfeited_exemption_as_exempt(world):
    person = world.people["gl_doctor"]
    assert verification_status(person, 2020, today=dt.date(2021, 2, 28)) == "open"
    assert verification_status(person, 2020, today=dt.date(2021, 3, 1)) == "forfeited"
    verification_exemption_record(actor=world.users["hr_gulou"], professional=person, reason="sick_leave",
                                  first_year=2020, last_year=2020)
    assert verification_status(person, 2020, today=dt.date(2021, 3, 1)) == "exempt"


def test_reviewing_authority_follows_the_title_level(world):
    """县（市）区人事局负责本县（市）区评聘初级职务人员的验证；市直单位各主管部门负责所属单位初级；
    市人事局负责全市评聘中、高级职务人员的验证 (榕人专〔2009〕145号 三)."""
    county_junior = make_professional(world.tj_company, "助工", title=world.titles["助理工程师"])
    county_senior = make_professional(world.tj_company, "高工", title=world.titles["高级工程师"])
    authority = IndustryAuthority.objects.create(name="福州市工信局", sector=Sector.INDUSTRY, region=world.fuzhou)
    city_unit = make_unit(world.fuzhou, "福州市设计院", sector=Sector.INDUSTRY, authority=authority)
    city_junior = make_professional(city_unit, "市直助工", title=world.titles["助理工程师"])
    city_private = make_unit(world.fuzhou, "福州市民营公司", sector=Sector.INDUSTRY, ownership=Ownership.NON_PUBLIC)
    private_junior = make_professional(city_private, "民企助工", title=world.titles["助理工程师"])
    assert verification_reviewer(county_junior) == (world.bureaus["350103"], None)
    assert verification_reviewer(county_senior) == (world.bureaus["350100"], None)
    assert verification_reviewer(world.people["tj_engineer"]) == (world.bureaus["350100"], None)  # intermediate
    assert verification_reviewer(city_junior) == (None, authority)
    assert verification_reviewer(private_junior) == (world.bureaus["350100"], None)


def test_only_the_reviewing_authority_decides_and_verification_stamps_the_certificate(world):
    junior = make_professional(world.tj_company, "助工", title=world.titles["助理工程师"])
    year = THIS_YEAR - 1
    full_year(junior, year)
    unit = world.users["unit_tj_company"]
    batch = verification_batch_create(actor=unit, year=year, deadline=timezone.localdate())
    verification_batch_submit(actor=unit, batch=batch)
    entries = {e.professional_id: e for e in batch.entries.all()}
    taijiang_hr = make_user("hr_taijiang", Role.HR_OFFICER, hr_bureau=world.bureaus["350103"], region=world.taijiang)
    with pytest.raises(PermissionDenied):  # intermediate → city bureau, not the county
        verification_entry_decide(actor=taijiang_hr, entry=entries[world.people["tj_engineer"].pk], verified=True)
    with pytest.raises(PermissionDenied):  # junior → county bureau, not the city
        verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entries[junior.pk], verified=True)
    stamped = verification_entry_decide(actor=taijiang_hr, entry=entries[junior.pk], verified=True)
    assert stamped.outcome == "verified" and stamped.stamp_name == "台江区人社局继续教育专用章"
    assert stamped.stamped_by == taijiang_hr and stamped.stamped_on == timezone.localdate()
    assert entries[junior.pk].summary["compliant"] is True
    with pytest.raises(ApplicationError, match="原因"):
        verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entries[world.people["tj_engineer"].pk], verified=False)
    refused = verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entries[world.people["tj_engineer"].pk],
                                        verified=False, reason="学时不足")
    assert refused.outcome == "not_verified" and refused.reason == "学时不足"
    [owed] = world.people["tj_engineer"].make_up_obligations.all()  # 常人社发〔2011〕11号 第十三条
    assert owed.year == year and owed.shortfall == 72 and owed.outstanding
    batch.refresh_from_db()
    assert batch.status == "closed"
    with pytest.raises(ConflictError):
        verification_entry_decide(actor=taijiang_hr, entry=entries[junior.pk], verified=False, reason="x")


def test_fuzhou_health_series_goes_straight_to_the_city_bureau_its_notice_names_no_first_review(world):
    """榕人专〔2009〕145号 三 names no industry first review (the 卫计局 first review is 洛江's, 泉洛政人社[2017]27号
    二（一）, tested in test_verification_by_region.py)."""
    year = THIS_YEAR - 1
    full_year(world.people["gl_doctor"], year)
    unit = world.users["unit_gl_hospital"]
    batch = verification_batch_create(actor=unit, year=year, deadline=timezone.localdate())
    verification_batch_submit(actor=unit, batch=batch)
    entry = batch.entries.get()
    assert entry.reviewer_bureau == world.bureaus["350100"]  # 主治医师 is intermediate
    with pytest.raises(PermissionDenied, match="未规定卫生主管部门初审"):
        verification_entry_health_precheck(actor=world.users["auth_fz_health"], entry=entry)
    assert verification_entry_decide(actor=world.users["hr_fuzhou"], entry=entry, verified=True).outcome == "verified"


def test_slots_have_a_capacity(world):
    year = THIS_YEAR - 1
    start = timezone.now() + dt.timedelta(days=3)
    slot = verification_slot_publish(actor=world.users["hr_fuzhou"], year=year, starts_at=start,
                                     ends_at=start + dt.timedelta(hours=2), capacity=1, place="市人社局二楼")
    a = verification_batch_create(actor=world.users["unit_gl_hospital"], year=year)
    b = verification_batch_create(actor=world.users["unit_tj_company"], year=year)
    verification_slot_book(actor=world.users["unit_gl_hospital"], batch=a, slot=slot)
    with pytest.raises(ConflictError, match="约满"):
        verification_slot_book(actor=world.users["unit_tj_company"], batch=b, slot=slot)
    with pytest.raises(PermissionDenied):
        verification_slot_publish(actor=world.users["unit_gl_hospital"], year=year, starts_at=start,
                                  ends_at=start + dt.timedelta(hours=1), capacity=3)


def test_classes_run_by_the_hr_bureau_are_verified_directly_with_its_stamp(world):
    """区人力资源和社会保障局统一调训的初任班、公共课，培训合格的可使用"培训专用章"直接验证 (二（二）)."""
    person = world.people["gl_doctor"]
    recognised(person, dt.date(THIS_YEAR, 1, 5), hours=12, subject="public", source_ref="GL-2026-01")
    [entry] = verification_direct(actor=world.users["hr_gulou"], source_ref="GL-2026-01", people=[person])
    assert entry.kind == "direct" and entry.outcome == "verified" and entry.stamp_name == "鼓楼区人社局继续教育专用章"
    with pytest.raises(ApplicationError, match="没有该调训班次"):
        verification_direct(actor=world.users["hr_gulou"], source_ref="NOPE", people=[person])


def test_school_teachers_yearly_stamp_by_education_and_cycle_check_with_hr(world):
    """每年由同级教育行政部门审核验印一次，每5年周期满……统一验证 (泉洛政人社[2017]27号 二（一）)."""
    edu = IndustryAuthority.objects.create(name="洛江区教育局", sector=Sector.EDUCATION, region=world.luojiang)
    school = make_unit(world.luojiang, "洛江区实验小学", sector=Sector.EDUCATION, authority=edu)
    teacher = make_professional(school, "王老师", series="school_teacher")
    edu_user = make_user("edu_lj", Role.AUTHORITY_OFFICER, industry_authority=edu, region=world.luojiang)
    hr_lj = make_user("hr_lj", Role.HR_OFFICER, hr_bureau=world.bureaus["350504"], region=world.luojiang)
    with pytest.raises(PermissionDenied):
        verification_education_stamp(actor=world.users["hr_quanzhou"], professional=teacher, year=2019)
    for y in range(2019, 2023):
        verification_education_stamp(actor=edu_user, professional=teacher, year=y)
    recognised(teacher, dt.date(2020, 5, 1), hours=30, form="centralized")
    recognised(teacher, dt.date(2021, 5, 1), hours=3, subject="public", course="职业道德", required_course=True)
    recognised(teacher, dt.date(2022, 5, 1), hours=3, subject="public", course="法律法规", required_course=True)
    missing = verification_teacher_cycle(actor=hr_lj, professional=teacher, cycle_start=2019)
    assert missing.outcome == "not_verified" and "2023年度未经教育行政部门验印" in missing.reason
    VerificationEntry.objects.filter(pk=missing.pk).delete()
    verification_education_stamp(actor=edu_user, professional=teacher, year=2023)
    done = verification_teacher_cycle(actor=hr_lj, professional=teacher, cycle_start=2019)
    assert done.outcome == "verified", done.reason
