"""Each region's class procedure follows its own document (issue 13 items 1, 2 and 4): the review chain
of the region of the professionals the class is for, the lead time, the notice days and mode and the
recognition deadline, all read from that region's rule set (cited), or the default stated as such.

One test per document walks a class of that region's organiser with that region's officers through
the services: submit → every review step → notice → approval, and checks the recognition deadline.
The sixth region is a made-up rule set file (jxjy/rules/tests/fixtures/sixth-region/), loaded through
the normal rule-set loader, with no code that knows it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from jxjy.accounts.models import Role
from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, PermissionDenied
from jxjy.core.testing import World, make_region, make_user
from jxjy.orgs.models import HRBureau, IndustryAuthority, Provider, Sector
from jxjy.regions.models import Region
from jxjy.rules.tests.sixth_region import sixth_region_rulesets
from jxjy.training.choices import ClassStatus, InspectionFinding, ReviewStatus
from jxjy.training.models import TrainingClass
from jxjy.training.services.calendar import latest_on_time_for
from jxjy.training.services.classes import teacher_resume_attach, training_class_create, training_class_submit
from jxjy.training.services.config import chain_spec_for, class_settings, recognition_evidence, setting_basis
from jxjy.training.services.notice import public_notice_conclude
from jxjy.training.services.recognition import inspection_record, recognition_deadline, recognition_submit
from jxjy.training.services.review import class_review_approve

from .conftest import PDF, Clock, accredit_broadly, application, settings_override

pytestmark = pytest.mark.django_db
SUBMITTED_ON = dt.date(2026, 3, 2)  # a Monday; no holidays are configured in these tests
STARTS = dt.date(2026, 4, 20)
DEFAULT = "默认（default）"


@dataclass
class Walk:
    """What a class went through: its reviewers in order, its notice and its approval."""

    training_class: TrainingClass
    reviewers: list[str]
    notice_from: dt.date
    notice_to: dt.date


def _officer(bureau: HRBureau) -> Any:
    return make_user(f"hr_{bureau.region.code}", Role.HR_OFFICER, hr_bureau=bureau, region=bureau.region)


def _officers_of(reviewer: Any) -> Any:
    from jxjy.accounts.models import User

    field = "hr_bureau" if isinstance(reviewer, HRBureau) else "industry_authority"
    return User.objects.filter(**{field: reviewer}).first()


def _provider(world: World, region: Region, name: str, *, authority: IndustryAuthority | None = None,
              officer: str, tier: str) -> Any:
    provider = Provider.objects.create(name=name, credit_code=f"12{region.code}9000000{len(name):02d}X", region=region,
                                       supervising_authority=authority)
    admin = make_user(f"provider_{region.code}", Role.PROVIDER_ADMIN, provider=provider, region=region)
    world.users[officer] = world.users.get(officer) or _officer(HRBureau.objects.get(region__code=officer[3:]))
    accredit_broadly(world, provider, officer=officer, tier=tier)
    return admin


def _region(world: World, code: str, name: str, parent: Region | None, ruleset_id: str = "") -> Region:
    region = make_region(code, name, parent, ruleset_id)
    bureau = HRBureau.objects.create(name=f"{name}人社局", region=region, stamp_name=f"{name}人社局继续教育专用章")
    world.bureaus[code] = bureau
    world.users[f"hr_{code}"] = _officer(bureau)
    return region


def walk(clock: Clock, admin: Any, *, target: str | None = None, starts: dt.date = STARTS,
         submitted: dt.date = SUBMITTED_ON) -> Walk:
    """A class of ``admin``'s provider for the professionals of ``target`` (a division code), submitted
    on ``submitted``, approved at every step by an officer of the reviewer, noticed and approved."""
    clock.set(submitted)
    data, schedule = application(starts, place="培训中心", audience="本地区卫生系列专业技术人员")
    if target is not None:
        data["target_region"] = target
    training_class = training_class_create(actor=admin, data=data, schedule=schedule)
    for teacher in ("李教授", "张主任"):
        teacher_resume_attach(actor=admin, training_class=training_class, teacher_name=teacher,
                              filename=f"{teacher}.pdf", data=PDF)
    training_class_submit(actor=admin, training_class=training_class)
    reviewers = []
    for review in training_class.reviews.filter(round=1).order_by("order"):
        reviewers.append(str(review.reviewer))
        class_review_approve(actor=_officers_of(review.reviewer), training_class=training_class, comment="同意")
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.UNDER_NOTICE
    notice = training_class.notice
    clock.set(notice.ends_on + dt.timedelta(days=1))
    assert training_class.approving_bureau is not None
    public_notice_conclude(actor=_officers_of(training_class.approving_bureau), training_class=training_class)
    training_class.refresh_from_db()
    assert training_class.status == ClassStatus.APPROVED
    return Walk(training_class, reviewers, notice.starts_on, notice.ends_on)


# --- 福州 ------------------------------------------------------------------------------------------


def test_fuzhou_2009_a_city_class_is_reviewed_by_its_authority_approved_by_the_city_and_noticed_in_april(
    world: World, frozen: Clock
) -> None:
    """榕人专〔2009〕145号 附件1 (主管部门审核意见 → 市人事行政部门审核意见) and 附件2 (公示5天, 每季度第一周
    网上公示): a class submitted on 2 March is noticed from 1 April for 5 days. The document states no
    lead time or recognition deadline: the defaults apply and say so."""
    world.fz_provider.supervising_authority = world.fz_health
    world.fz_provider.save()
    accredit_broadly(world)
    done = walk(frozen, world.users["provider_fz"])
    assert done.reviewers == ["福州市卫健委", "福州市人社局"]
    assert done.training_class.approving_bureau == world.bureaus["350100"]
    assert (done.notice_from, done.notice_to) == (dt.date(2026, 4, 1), dt.date(2026, 4, 5))
    cfg = class_settings(done.training_class, SUBMITTED_ON)
    assert setting_basis(cfg, "notice_mode").startswith("榕人专〔2009〕145号 附件2")
    assert setting_basis(cfg, "notice_days").startswith("榕人专〔2009〕145号 附件2")
    assert setting_basis(cfg, "min_working_days").startswith(DEFAULT)
    assert recognition_deadline(done.training_class) == STARTS + dt.timedelta(days=30)
    assert setting_basis(cfg, "recognition_days").startswith(DEFAULT)
    spec = chain_spec_for(world.fz_provider)
    assert spec.reviewers_basis.startswith("榕人专〔2009〕145号 附件1")
    assert spec.approver_basis.startswith("榕人专〔2009〕145号 附件1")


def test_fuzhou_2009_a_district_class_without_authority_goes_to_the_district_then_the_city(
    world: World, frozen: Clock
) -> None:
    """榕人专〔2009〕145号 附件1: 主管部门或县（市）区人事行政部门审核意见, then 市人事行政部门."""
    admin = _provider(world, world.gulou, "鼓楼区继续教育中心", officer="hr_gulou", tier="county")
    settings_override(world, notice_mode="continuous")  # the city bureau's override: notice at once
    done = walk(frozen, admin)
    assert done.reviewers == ["鼓楼区人社局", "福州市人社局"]
    assert done.notice_from == SUBMITTED_ON


# --- 泉州洛江 --------------------------------------------------------------------------------------


def test_luojiang_2017_a_city_providers_class_for_luojiang_staff_is_reviewed_by_luojiang_before_the_city(
    world: World, frozen: Clock
) -> None:
    """泉洛政人社[2017]27号 一（五）1: 市级及以上继续教育基地……举办的面向洛江区专业技术人员的培训班，按照分级
    管理原则，须事先报区人力资源和社会保障局同意核准. 一（五）2: at least 10 working days ahead;
    一（五）3: recognition within 30 days. 洛江 names no notice rule: the default (continuous, 5 days)."""
    world.users["hr_350504"] = _officer(world.bureaus["350504"])
    admin = make_user("provider_qz", Role.PROVIDER_ADMIN, provider=world.qz_provider, region=world.quanzhou)
    accredit_broadly(world, world.qz_provider, officer="hr_quanzhou", tier="city")
    done = walk(frozen, admin, target="350504")
    assert done.reviewers == ["洛江区人社局", "泉州市人社局"]
    assert done.training_class.target_region == world.luojiang
    assert AuditEvent.objects.filter(message="提交办班申请（第1次），审核：洛江区人社局 → 泉州市人社局").count() == 1
    cfg = class_settings(done.training_class, SUBMITTED_ON)
    assert cfg.min_working_days == 10
    assert setting_basis(cfg, "min_working_days").startswith("泉洛政人社[2017]27号 一（五）2")
    assert (done.notice_from, done.notice_to) == (SUBMITTED_ON, SUBMITTED_ON + dt.timedelta(days=4))
    assert setting_basis(cfg, "notice_mode").startswith(DEFAULT)
    assert recognition_deadline(done.training_class) == STARTS + dt.timedelta(days=30)
    assert setting_basis(cfg, "recognition_days").startswith("泉洛政人社[2017]27号 一（五）3")
    assert "泉洛政人社[2017]27号 一（五）1" in chain_spec_for(world.qz_provider, world.luojiang).basis


def test_luojiang_2017_the_same_city_class_for_city_staff_does_not_go_through_luojiang(
    world: World, frozen: Clock
) -> None:
    """泉洛政人社[2017]27号 一（五）1 governs classes for 洛江 professionals only; a 泉州 class for 泉州
    professionals (泉州 names no rule set) follows the default chain: supervising authority, city."""
    world.qz_provider.supervising_authority = world.qz_health
    world.qz_provider.save()
    admin = make_user("provider_qz", Role.PROVIDER_ADMIN, provider=world.qz_provider, region=world.quanzhou)
    make_user("auth_qz_health", Role.AUTHORITY_OFFICER, industry_authority=world.qz_health, region=world.quanzhou)
    accredit_broadly(world, world.qz_provider, officer="hr_quanzhou", tier="city")
    done = walk(frozen, admin)
    assert done.reviewers == ["泉州市卫健委", "泉州市人社局"]
    assert chain_spec_for(world.qz_provider).is_default


def test_luojiang_2017_a_luojiang_providers_class_is_approved_by_the_district_not_by_quanzhou(
    world: World, frozen: Clock
) -> None:
    """泉洛政人社[2017]27号 一（五）1: 各单位举办的面向洛江区专业技术人员的培训班须事先报区人社局同意核准;
    the district bureau approves and numbers it, the city is not a step."""
    admin = _provider(world, world.luojiang, "洛江区职业技术培训中心", officer="hr_350504", tier="county")
    done = walk(frozen, admin)
    assert done.reviewers == ["洛江区人社局"]
    assert done.training_class.approving_bureau == world.bureaus["350504"]


def test_luojiang_2017_an_application_9_working_days_ahead_is_refused_citing_1_5_2(
    world: World, frozen: Clock
) -> None:
    """泉洛政人社[2017]27号 一（五）2: 应提前至少10个工作日做好开班申请 — for a city provider's class too,
    once it is for 洛江 professionals."""
    admin = make_user("provider_qz", Role.PROVIDER_ADMIN, provider=world.qz_provider, region=world.quanzhou)
    accredit_broadly(world, world.qz_provider, officer="hr_quanzhou", tier="city")
    starts = dt.date(2026, 3, 16)  # a Monday: 2 March is 10 working days ahead, 3 March only 9
    frozen.set(dt.date(2026, 3, 3))
    data, schedule = application(starts, target_region="350504")
    training_class = training_class_create(actor=admin, data=data, schedule=schedule)
    for teacher in ("李教授", "张主任"):
        teacher_resume_attach(actor=admin, training_class=training_class, teacher_name=teacher,
                              filename=f"{teacher}.pdf", data=PDF)
    assert latest_on_time_for(starts, 10) == dt.date(2026, 3, 2)
    with pytest.raises(ApplicationError, match=r"至少提前10个工作日提交（泉洛政人社\[2017\]27号 一（五）2") as exc:
        training_class_submit(actor=admin, training_class=training_class)
    assert exc.value.field == "start_date"


def test_luojiang_2017_the_district_inspects_a_city_class_for_its_professionals_and_taijiang_cannot(
    world: World, frozen: Clock
) -> None:
    """泉洛政人社[2017]27号 一（五）4: 培训期间，区人力资源和社会保障局将组织人员不定期进行监督检查 — also of a
    城市 organiser's class when it is for 洛江 professionals; a bureau over neither may not."""
    world.users["hr_350504"] = _officer(world.bureaus["350504"])
    admin = make_user("provider_qz", Role.PROVIDER_ADMIN, provider=world.qz_provider, region=world.quanzhou)
    accredit_broadly(world, world.qz_provider, officer="hr_quanzhou", tier="city")
    done = walk(frozen, admin, target="350504")
    frozen.set(STARTS)
    inspection = inspection_record(actor=world.users["hr_350504"], training_class=done.training_class,
                                   finding=InspectionFinding.OK, notes="现场签到规范")
    assert inspection.training_class_id == done.training_class.pk
    outsider = make_user("hr_taijiang", Role.HR_OFFICER, hr_bureau=world.bureaus["350103"], region=world.taijiang)
    with pytest.raises(PermissionDenied):
        inspection_record(actor=outsider, training_class=done.training_class, finding=InspectionFinding.OK,
                          notes="越权检查")


# --- 河南、常州、温州: documents silent on the class procedure ------------------------------------------


def test_henan_2012_a_zhengzhou_class_follows_the_defaults_each_marked_default(world: World, frozen: Clock) -> None:
    """河南省《关于进一步加强全省专业技术人员继续教育工作的意见》 states no class review, lead time,
    notice or recognition deadline: a city class is reviewed by its authority (if any) and approved by
    the city bureau, 10 working days ahead, noticed at once for 5 days, recognised within 30 days —
    each value marked 默认（default）."""
    henan = _region(world, "410000", "河南省", None, "henan-2012")
    zhengzhou = _region(world, "410100", "郑州市", henan)
    authority = IndustryAuthority.objects.create(name="郑州市卫健委", sector=Sector.HEALTH, region=zhengzhou)
    make_user("auth_zz_health", Role.AUTHORITY_OFFICER, industry_authority=authority, region=zhengzhou)
    admin = _provider(world, zhengzhou, "郑州市继续教育基地", authority=authority, officer="hr_410100", tier="city")
    done = walk(frozen, admin)
    assert done.reviewers == ["郑州市卫健委", "郑州市人社局"]
    assert done.notice_from == SUBMITTED_ON and done.notice_to == SUBMITTED_ON + dt.timedelta(days=4)
    cfg = class_settings(done.training_class, SUBMITTED_ON)
    for field in ("min_working_days", "notice_days", "notice_mode", "recognition_days"):
        assert setting_basis(cfg, field).startswith(DEFAULT), field
    assert chain_spec_for(admin.provider).is_default
    assert recognition_deadline(done.training_class) == STARTS + dt.timedelta(days=30)


def test_changzhou_2011_a_provincial_providers_class_for_changzhou_staff_is_approved_by_the_province(
    world: World, frozen: Clock
) -> None:
    """常人社发〔2011〕11号 says nothing about approving classes (第五条、第七条 leave professional
    subjects to the authorities): a provincial organiser's class for 常州 professionals follows the
    default chain — its authority if any, then the province bureau — and the default deadlines."""
    jiangsu = _region(world, "320000", "江苏省", None)
    changzhou = _region(world, "320400", "常州市", jiangsu, "changzhou-2011")
    admin = _provider(world, jiangsu, "江苏省专业技术人员继续教育基地", officer="hr_320000", tier="province")
    done = walk(frozen, admin, target="320400")
    assert done.reviewers == ["江苏省人社局"]
    assert done.training_class.target_region == changzhou
    cfg = class_settings(done.training_class, SUBMITTED_ON)
    assert cfg.min_working_days == 10 and setting_basis(cfg, "min_working_days").startswith(DEFAULT)
    spec = chain_spec_for(admin.provider, changzhou)
    assert spec.is_default and spec.approver_basis.startswith(DEFAULT)
    assert recognition_deadline(done.training_class) == STARTS + dt.timedelta(days=30)


def test_wenzhou_2009_a_lucheng_class_goes_to_the_district_then_wenzhou(world: World, frozen: Clock) -> None:
    """温经贸培训〔2009〕74号 四 divides who organises training (市本级 for 中高级, 县（市、区） for 初级) but
    states no review chain or deadlines: a district organiser without an authority is reviewed by its
    district bureau and approved by the city (default), 10 working days ahead, 5 days of notice."""
    zhejiang = _region(world, "330000", "浙江省", None)
    wenzhou = _region(world, "330300", "温州市", zhejiang, "wenzhou-2009-engineering")
    lucheng = _region(world, "330302", "鹿城区", wenzhou)
    admin = _provider(world, lucheng, "鹿城区工程技术培训中心", officer="hr_330302", tier="county")
    done = walk(frozen, admin)
    assert done.reviewers == ["鹿城区人社局", "温州市人社局"]
    assert done.notice_to - done.notice_from == dt.timedelta(days=4)
    cfg = class_settings(done.training_class, SUBMITTED_ON)
    assert setting_basis(cfg, "notice_days").startswith(DEFAULT)
    assert recognition_evidence(done.training_class).is_default


# --- target region validation ------------------------------------------------------------------------


def test_a_class_cannot_be_for_the_professionals_of_an_unrelated_region(world: World, frozen: Clock) -> None:
    """A 福州 provider's class cannot name 洛江 professionals as its audience (neither above nor below
    福州): the chain would follow a region that has nothing to do with the organiser."""
    accredit_broadly(world)
    data, schedule = application(STARTS, target_region="350504")
    with pytest.raises(ApplicationError, match="培训对象所在地区须为办班单位所在地区") as exc:
        training_class_create(actor=world.users["provider_fz"], data=data, schedule=schedule)
    assert exc.value.field == "target_region"
    data["target_region"] = "999999"
    with pytest.raises(ApplicationError, match="未找到区划代码为“999999”的地区"):
        training_class_create(actor=world.users["provider_fz"], data=data, schedule=schedule)


# --- the sixth region ----------------------------------------------------------------------------------


@pytest.fixture
def haibin(world: World, monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[dict[str, Region]]:
    """示例省 → 海滨市 (rule set haibin-2020, a made-up file) → 东港区, each with its bureau."""
    with sixth_region_rulesets(monkeypatch, tmp_path):
        province = _region(world, "990000", "示例省", None)
        city = _region(world, "990100", "海滨市", province, "haibin-2020")
        county = _region(world, "990102", "东港区", city)
        yield {"province": province, "city": city, "county": county}


def test_a_sixth_region_is_a_data_file_its_chain_lead_time_notice_and_recognition_apply(
    world: World, frozen: Clock, haibin: dict[str, Region]
) -> None:
    """The made-up 海人社〔2020〕1号 (jxjy/rules/tests/fixtures/sixth-region/haibin-2020.yaml) differs from
    the five documents in every class parameter: a city class is reviewed by the target city's bureau
    and approved by the province (第十条第二款), 15 working days ahead (第十一条), noticed for 7 days in the
    first week of each quarter (第十二条), recognised within 45 days with a roster and photos (第十四条)."""
    admin = _provider(world, haibin["city"], "海滨市继续教育基地", officer="hr_990100", tier="city")
    starts = dt.date(2026, 4, 20)
    # 15 working days before 20 April is 30 March; 31 March is too late
    assert latest_on_time_for(starts, 15) == dt.date(2026, 3, 30)
    frozen.set(dt.date(2026, 3, 31))
    data, schedule = application(starts)
    late = training_class_create(actor=admin, data=data, schedule=schedule)
    for teacher in ("李教授", "张主任"):
        teacher_resume_attach(actor=admin, training_class=late, teacher_name=teacher, filename=f"{teacher}.pdf", data=PDF)
    with pytest.raises(ApplicationError, match=r"至少提前15个工作日提交（海人社〔2020〕1号 第十一条"):
        training_class_submit(actor=admin, training_class=late)

    done = walk(frozen, admin, starts=starts, submitted=dt.date(2026, 3, 30))
    assert done.reviewers == ["海滨市人社局", "示例省人社局"]
    assert done.training_class.approving_bureau == world.bureaus["990000"]
    assert (done.notice_from, done.notice_to) == (dt.date(2026, 4, 1), dt.date(2026, 4, 7))
    assert recognition_deadline(done.training_class) == starts + dt.timedelta(days=45)
    assert recognition_evidence(done.training_class).items == ("roster", "photo")
    frozen.set(starts + dt.timedelta(days=1))
    with pytest.raises(ApplicationError, match=r"缺少学时认定材料：参训人员花名册、现场照片（海人社〔2020〕1号 第十四条"):
        recognition_submit(actor=admin, training_class=done.training_class)


def test_the_sixth_regions_county_chain_runs_through_the_district_and_any_authority(
    world: World, frozen: Clock, haibin: dict[str, Region]
) -> None:
    """海人社〔2020〕1号 第十条第一款 (made up): a county organiser's class is reviewed by its district bureau,
    then its authority when it has one, and approved by the city bureau."""
    authority = IndustryAuthority.objects.create(name="东港区卫健局", sector=Sector.HEALTH, region=haibin["county"])
    make_user("auth_dg_health", Role.AUTHORITY_OFFICER, industry_authority=authority, region=haibin["county"])
    admin = _provider(world, haibin["county"], "东港区培训中心", authority=authority, officer="hr_990102",
                      tier="county")
    done = walk(frozen, admin, starts=dt.date(2026, 4, 20), submitted=dt.date(2026, 3, 30))
    assert done.reviewers == ["东港区人社局", "东港区卫健局", "海滨市人社局"]
    first = done.training_class.reviews.get(round=1, order=1)
    assert first.status == ReviewStatus.APPROVED


def test_the_api_records_the_target_region_and_refuses_an_unrelated_one_naming_the_field(
    world: World, frozen: Clock
) -> None:
    """泉洛政人社[2017]27号 一（五）1: the region of the professionals a class is for decides its chain, so
    the API records it (division code) and refuses one that is neither above nor below the organiser."""
    import json

    from django.test import Client

    accredit_broadly(world)
    client = Client()
    client.force_login(world.users["provider_fz"])
    data, schedule = application(STARTS, target_region="350504")
    body = {k: (str(v) if not isinstance(v, (list, bool, type(None), int)) else v) for k, v in data.items()}
    body["schedule"] = [{k: str(v) for k, v in row.items()} for row in schedule]
    refused = client.post("/api/v1/training/classes", data=json.dumps(body), content_type="application/json")
    assert refused.status_code == 400
    assert refused.json()["field"] == "target_region"
    assert "培训对象所在地区须为办班单位所在地区（福建省福州市）或其上级、下级地区" in refused.json()["detail"]
    body["target_region"] = "350102"
    created = client.post("/api/v1/training/classes", data=json.dumps(body), content_type="application/json")
    assert created.status_code == 201, created.content
    assert (created.json()["target_region"], created.json()["target_region_name"]) == ("350102", "福建省福州市鼓楼区")
