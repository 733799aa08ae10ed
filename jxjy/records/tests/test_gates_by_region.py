"""Gates cite the document of the person's region for that year and follow what it requires
(issue 13 items 2 and 3): 常州's 公共科目合格证 (常人社发〔2011〕11号 第十一条、第十二条), 福州's 榕人专〔2009〕145号
三, 温州's 温经贸培训〔2009〕74号 二; people judged by cycles (洛江 school teachers, 泉洛政人社[2017]27号 二（一）)
get their cycle verdict, never "无法评估"."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.core.testing import make_professional, make_region, make_title, make_unit, make_user
from jxjy.online.models import Enrolment
from jxjy.online.services.certificates import pass_certificate_issue, pass_certificate_region
from jxjy.online.services.learning import enrolment_create
from jxjy.online.tests.builders import add_changzhou, build_course
from jxjy.orgs.models import HRBureau, Sector
from jxjy.records.services import gate_check

from .helpers import full_year, recognised

pytestmark = pytest.mark.django_db
Y = 2026


def _changzhou_year(person, year: int) -> None:
    """常人社发〔2011〕11号 第四条: 72 学时, of which at least 24 public and 48 professional."""
    recognised(person, dt.date(year, 4, 1), hours=24, subject="public")
    recognised(person, dt.date(year, 5, 1), hours=48)


def _pass_certificate(cz, person):
    course = build_course(provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-1")
    learner = person.user if hasattr(person, "user") else make_user(f"pro_{person.pk}", Role.PROFESSIONAL,
                                                                  professional=person, region=person.region)
    enrolment = enrolment_create(actor=learner, course=course)
    Enrolment.objects.filter(pk=enrolment.pk).update(units_completed_at=timezone.now(), passed_at=timezone.now())
    return pass_certificate_issue(actor=cz.officer, enrolment=enrolment)


def test_changzhou_11_a_title_application_needs_the_pass_certificate_and_cites_article_11(world):
    """申报或晋升专业技术资格时，必须完成各年度继续教育规定学时，提供《公共科目合格证》 (常人社发〔2011〕11号 第十一条)."""
    cz = add_changzhou(world)
    person = cz.professional
    person.title_obtained_on = dt.date(Y - 2, 6, 1)
    person.save()
    _changzhou_year(person, Y - 1)
    refused = gate_check(actor=cz.officer, professional=person, purpose="title_application", year=Y)
    assert refused["allowed"] is False
    assert "未取得《公共科目合格证》（常人社发〔2011〕11号 第十一条" in refused["reasons"][0]
    assert refused["reasons"][-1].startswith("依据：常人社发〔2011〕11号 第十一条")
    assert not any("榕人专" in r or "河南" in r for r in refused["reasons"])
    certificate = _pass_certificate(cz, person)
    assert certificate.region == cz.city
    allowed = gate_check(actor=cz.officer, professional=person, purpose="title_application", year=Y)
    assert allowed["allowed"] is True, allowed["reasons"]
    assert "常人社发〔2011〕11号 第十一条" in allowed["reasons"][-1]


def test_changzhou_12_registration_needs_the_pass_certificate_and_cites_article_12(world):
    """职（执）业资格注册和再注册时……须提供《公共科目合格证》 (常人社发〔2011〕11号 第十二条)."""
    cz = add_changzhou(world)
    _changzhou_year(cz.professional, Y - 1)
    for purpose in ("registration", "re_registration"):
        answer = gate_check(actor=cz.officer, professional=cz.professional, purpose=purpose, year=Y)
        assert answer["allowed"] is False
        assert any(r.startswith("未取得《公共科目合格证》（常人社发〔2011〕11号 第十二条") for r in answer["reasons"])
    award = gate_check(actor=cz.officer, professional=cz.professional, purpose="award", year=Y)
    assert award["allowed"] is True  # 第九条 asks for the certificate only at those two gates
    assert "默认（default）" in award["reasons"][-1]  # 常人社发〔2011〕11号 names no award gate


def test_changzhou_9_the_pass_certificate_is_issued_only_where_the_rule_set_defines_it(world):
    """考核合格……颁发《常州市专业技术人员继续教育公共科目合格证》 (常人社发〔2011〕11号 第九条): 福州 and 洛江
    define none."""
    cz = add_changzhou(world)
    assert pass_certificate_region(cz.district) == cz.city
    assert pass_certificate_region(world.gulou) is None
    assert pass_certificate_region(world.luojiang) is None


def test_fuzhou_3_a_title_application_cites_fuzhou_and_needs_no_pass_certificate(world):
    """凡未按规定完成继续教育学时的专业技术人员……不得参与申报各系列专业技术职务任职资格评审 (榕人专〔2009〕145号 三)."""
    engineer = world.people["tj_engineer"]
    engineer.title_obtained_on = dt.date(Y - 2, 6, 1)
    engineer.save()
    full_year(engineer, Y - 1)
    answer = gate_check(actor=world.users["hr_fuzhou"], professional=engineer, purpose="title_application", year=Y)
    assert answer["allowed"] is True, answer["reasons"]
    assert "榕人专〔2009〕145号 三" in answer["reasons"][-1]
    assert "常人社发" not in answer["reasons"][-1] and "河南" not in answer["reasons"][-1]


def test_wenzhou_2_a_title_application_cites_the_wenzhou_notice(world):
    """申报晋升专业技术职务任职资格人员的继续教育周期及学时要求 (温经贸培训〔2009〕74号 二)."""
    zhejiang = make_region("330000", "浙江省")
    wenzhou = make_region("330300", "温州市", zhejiang, "wenzhou-2009-engineering")
    HRBureau.objects.create(name="温州市人社局", region=wenzhou)
    officer = make_user("hr_wz", Role.HR_OFFICER, hr_bureau=HRBureau.objects.get(region=wenzhou), region=wenzhou)
    unit = make_unit(wenzhou, "温州市机械厂", sector=Sector.INDUSTRY)
    engineer = make_professional(unit, "温州工程师", title=world.titles["工程师"])
    answer = gate_check(actor=officer, professional=engineer, purpose="title_application", year=Y)
    assert "温经贸培训〔2009〕74号 二" in answer["reasons"][-1]
    assert not any("无法评估" in r for r in answer["reasons"]), answer["reasons"]


@pytest.fixture
def lj_teacher(world):
    school = make_unit(world.luojiang, "洛江区实验小学", sector=Sector.EDUCATION)
    return make_professional(school, "王老师", series="school_teacher",
                             title=make_title("一级教师", "school_teacher", "intermediate"))


def test_luojiang_2_1_a_teacher_short_on_a_completed_cycle_is_refused_with_the_cycle_not_unknown(world, lj_teacher):
    """对在5年周期内未完成继续教育规定学时数的中小学教师，在下一年度不予评聘、晋升教师职务
    (泉洛政人社[2017]27号 二（一）): the 2017–2021 cycle decides a 2022 appointment."""
    recognised(lj_teacher, dt.date(2019, 5, 1), hours=30)
    answer = gate_check(actor=world.users["hr_quanzhou"], professional=lj_teacher, purpose="post_appointment", year=2022)
    assert answer["allowed"] is False
    assert any(r.startswith("2017–2021周期未完成继续教育") for r in answer["reasons"]), answer["reasons"]
    assert not any("无法评估" in r for r in answer["reasons"])
    assert answer["years"][2021]["kind"] == "cycle" and answer["years"][2021]["cycle"] == [2017, 2021]
    assert "泉洛政人社[2017]27号 三、1" in answer["reasons"][-1]


def test_luojiang_2_1_a_teacher_in_a_running_cycle_is_not_refused_and_sees_the_cycle(world, lj_teacher):
    """Within a running cycle the teacher is judged when it is complete (泉洛政人社[2017]27号 二（一）每5年周期满统一验证)."""
    answer = gate_check(actor=world.users["hr_quanzhou"], professional=lj_teacher, purpose="post_appointment", year=Y)
    assert answer["allowed"] is True, answer["reasons"]
    assert any("2022–2026周期未满" in r for r in answer["reasons"]), answer["reasons"]
    assert not any("无法评估" in r for r in answer["reasons"])


def test_luojiang_teachers_certificate_page_shows_the_cycle_verdict(world, lj_teacher, client):
    """The certificate page of a 洛江 teacher shows the 5-year cycle's verdict (泉洛政人社[2017]27号 二（一）)."""
    recognised(lj_teacher, dt.date(2019, 5, 1), hours=30)
    client.force_login(world.users["hr_quanzhou"])
    html = client.get(f"/records/people/{lj_teacher.pk}/?year=2019").content.decode()
    assert "按周期考核：2017–2021周期" in html
    assert "无法评估" not in html


def test_henan_5_1_an_award_application_cites_the_henan_opinion(world):
    """做好继续教育登记验证工作与……申请各类奖项等人事管理工作的政策衔接 (河南省《关于进一步加强全省专业技术人员
    继续教育工作的意见》 五（一）)."""
    henan = make_region("410000", "河南省", None, "henan-2012")
    zhengzhou = make_region("410100", "郑州市", henan)
    bureau = HRBureau.objects.create(name="郑州市人社局", region=zhengzhou)
    officer = make_user("hr_zz", Role.HR_OFFICER, hr_bureau=bureau, region=zhengzhou)
    unit = make_unit(zhengzhou, "郑州市设计院", sector=Sector.INDUSTRY)
    engineer = make_professional(unit, "郑州工程师", title=world.titles["工程师"])
    answer = gate_check(actor=officer, professional=engineer, purpose="award", year=Y)
    assert answer["allowed"] is False  # nothing recorded for the previous year
    assert answer["reasons"][-1].startswith("依据：河南省《关于进一步加强全省专业技术人员继续教育工作的意见》 五（一）")
