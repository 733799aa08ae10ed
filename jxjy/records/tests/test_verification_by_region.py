"""Who verifies whom follows the rule set of the person's own region (issue 13 item 2): 榕人专〔2009〕145号
三 only in 福州, 泉洛政人社[2017]27号 二（一） in 洛江 (the district bureau verifies its own units, the
卫计局 first for the health series), the stated default elsewhere."""

from __future__ import annotations

import pytest
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.core.errors import ConflictError
from jxjy.core.testing import make_professional, make_region, make_unit, make_user
from jxjy.orgs.models import HRBureau, Ownership, Sector
from jxjy.records.services import (
    verification_batch_create,
    verification_batch_submit,
    verification_entry_decide,
    verification_entry_health_precheck,
)
from jxjy.records.services.verification import precheck_rule, verification_reviewer, verifier_rule

from .helpers import recognised

pytestmark = pytest.mark.django_db
THIS_YEAR = timezone.localdate().year


def test_fuzhou_3_county_verifies_junior_and_the_city_intermediate_and_senior(world):
    """各县（市）区人事局负责本县（市）区评聘初级职务人员的验证工作……市人事局负责全市评聘中、高级职务人员的验证工作
    (榕人专〔2009〕145号 三)."""
    junior = make_professional(world.tj_company, "助工", title=world.titles["助理工程师"])
    senior = make_professional(world.tj_company, "高工", title=world.titles["高级工程师"])
    assert verification_reviewer(junior) == (world.bureaus["350103"], None)
    assert verification_reviewer(senior) == (world.bureaus["350100"], None)
    rule = verifier_rule(senior)
    assert (rule.value, rule.is_default) == ("city_bureau", False)
    assert rule.reference.startswith("榕人专〔2009〕145号 三")


def test_luojiang_2_1_the_district_bureau_verifies_its_own_intermediate_and_senior_staff(world):
    """按照预约时间到区人力资源和社会保障局办理验证 (泉洛政人社[2017]27号 二（一）): 洛江's intermediate and
    senior staff are not sent to 泉州市人社局 (榕人专〔2009〕145号 三 is 福州's)."""
    senior = make_professional(world.lj_hospital, "洛江高工", title=world.titles["高级工程师"])
    junior = make_professional(world.lj_hospital, "洛江助工", title=world.titles["助理工程师"])
    for person in (world.people["lj_doctor"], senior, junior):
        assert verification_reviewer(person) == (world.bureaus["350504"], None), person.name
    rule = verifier_rule(senior)
    assert (rule.value, rule.is_default) == ("own_bureau", False)
    assert rule.reference.startswith("泉洛政人社[2017]27号 二（一）")


def test_luojiang_batch_entries_route_to_the_district_bureau_and_health_goes_to_the_health_authority_first(world):
    """卫生系列……先送卫计局初审，再预约时间，集中送交区人力资源和社会保障局验证 (泉洛政人社[2017]27号 二（一）)."""
    doctor = world.people["lj_doctor"]
    year = THIS_YEAR - 1
    recognised(doctor, timezone.localdate().replace(year=year, month=5, day=10), hours=40)
    unit = make_user("unit_lj", Role.UNIT_ADMIN, employer_unit=world.lj_hospital, region=world.luojiang)
    hr_lj = make_user("hr_lj", Role.HR_OFFICER, hr_bureau=world.bureaus["350504"], region=world.luojiang)
    health = make_user("auth_qz_health", Role.AUTHORITY_OFFICER, industry_authority=world.qz_health,
                       region=world.quanzhou)
    batch = verification_batch_create(actor=unit, year=year, deadline=timezone.localdate())
    verification_batch_submit(actor=unit, batch=batch)
    entry = batch.entries.get()
    assert entry.reviewer_bureau == world.bureaus["350504"]
    precheck = precheck_rule(doctor)
    assert precheck is not None and precheck.reference.startswith("泉洛政人社[2017]27号 二（一）")
    with pytest.raises(ConflictError, match=r"须先经卫生主管部门初审（泉洛政人社\[2017\]27号 二（一）"):
        verification_entry_decide(actor=hr_lj, entry=entry, verified=False, reason="学分不足")
    verification_entry_health_precheck(actor=health, entry=entry)
    decided = verification_entry_decide(actor=hr_lj, entry=entry, verified=False, reason="学分不足")
    assert decided.outcome == "not_verified"


def test_a_region_whose_document_names_no_verifier_uses_its_own_bureau_and_says_it_is_the_default(world):
    """常人社发〔2011〕11号 names no verifying authority by title level: the default (the unit's own
    bureau), stated as a default, for every level."""
    jiangsu = make_region("320000", "江苏省")
    changzhou = make_region("320400", "常州市", jiangsu, "changzhou-2011")
    wujin = make_region("320412", "武进区", changzhou)
    for region in (changzhou, wujin):
        HRBureau.objects.create(name=f"{region.name}人社局", region=region)
    unit = make_unit(wujin, "武进区机械厂", sector=Sector.INDUSTRY, ownership=Ownership.NON_PUBLIC)
    senior = make_professional(unit, "常州高工", title=world.titles["高级工程师"])
    assert verification_reviewer(senior) == (HRBureau.objects.get(region=wujin), None)
    rule = verifier_rule(senior)
    assert rule.is_default and rule.reference.startswith("默认（default）：来源文件未按职务级别划分验证机关")
    assert precheck_rule(make_professional(unit, "常州医生", title=world.titles["主治医师"])) is None


def test_the_roster_page_shows_the_first_review_only_where_the_region_requires_it(world, client):
    """泉洛政人社[2017]27号 二（一） 先送卫计局初审 is 洛江's: the 福州 roster shows no first-review step."""
    year = THIS_YEAR - 1
    pages = {}
    for unit, hr, doctor in ((world.gl_hospital, world.users["hr_fuzhou"], world.people["gl_doctor"]),
                             (world.lj_hospital, make_user("hr_lj2", Role.HR_OFFICER, hr_bureau=world.bureaus["350504"],
                                                           region=world.luojiang), world.people["lj_doctor"])):
        admin = make_user(f"unit_{unit.pk}_adm", Role.UNIT_ADMIN, employer_unit=unit, region=unit.region)
        recognised(doctor, timezone.localdate().replace(year=year, month=5, day=10), hours=40)
        batch = verification_batch_create(actor=admin, year=year, deadline=timezone.localdate())
        verification_batch_submit(actor=admin, batch=batch)
        client.force_login(hr)
        pages[unit.region.name] = client.get(f"/records/verification/{batch.pk}/").content.decode()
    assert "卫生主管部门初审" not in pages["鼓楼区"]
    assert "卫生主管部门初审：未初审" in pages["洛江区"]
