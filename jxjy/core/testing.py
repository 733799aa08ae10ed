"""Builders for tests: a small world of two cities with counties, their bodies, people and one
user per role. Tests in every app use these so that jurisdiction is exercised the same way."""

from __future__ import annotations

import datetime as dt
import itertools
from dataclasses import dataclass, field
from typing import Any

from jxjy.accounts.models import Role, User
from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority, Ownership, Provider, Sector
from jxjy.people.identity import make_identity_number
from jxjy.people.models import Professional, Title
from jxjy.regions.models import Region, RegionLevel

PASSWORD = "test-password-123"  # noqa: S105
_seq = itertools.count(1)


def make_region(code: str, name: str, parent: Region | None = None, ruleset_id: str = "") -> Region:
    level = RegionLevel.PROVINCE if parent is None else (
        RegionLevel.CITY if parent.level == RegionLevel.PROVINCE else RegionLevel.COUNTY
    )
    return Region.objects.create(
        code=code, name=name, parent=parent, level=level, path=f"{parent.path if parent else '/'}{code}/", ruleset_id=ruleset_id
    )


def make_title(name: str, series: str, level: str) -> Title:
    return Title.objects.get_or_create(name=name, defaults={"series": series, "level": level})[0]


def make_unit(region: Region, name: str, *, sector: str = Sector.HEALTH, ownership: str = Ownership.PUBLIC_INSTITUTION,
              authority: IndustryAuthority | None = None) -> EmployerUnit:
    n = next(_seq)
    return EmployerUnit.objects.create(
        name=name, credit_code=f"12{region.code}{n:09d}X", region=region, sector=sector, ownership=ownership,
        supervising_authority=authority,
    )


def make_professional(unit: EmployerUnit, name: str = "测试人员", *, title: Title | None = None,
                      birth: dt.date = dt.date(1985, 6, 1), series: str | None = None, **extra: Any) -> Professional:
    n = next(_seq)
    return Professional.objects.create(
        name=name,
        id_number=make_identity_number(unit.region.code, birth, n, "M" if n % 2 else "F"),
        birth_date=birth,
        sex="M" if n % 2 else "F",
        unit=unit,
        region=unit.region,
        series=title.series if title else (series or "general"),
        title=title,
        level=title.level if title else "none",
        **extra,
    )


def make_user(username: str, role: str, **fields: Any) -> User:
    # A professional registered through the services already has an inactive account
    # (jxjy.accounts.activation): that account is the one to hand out.
    existing = fields.get("professional") and User.objects.filter(professional=fields["professional"]).first()
    user = existing or User(username=username, role=role, **fields)
    if existing:
        user.username, user.role, user.is_active = username, role, True
        for key, value in fields.items():
            setattr(user, key, value)
    user.set_password(PASSWORD)
    user.save()
    return user


@dataclass
class World:
    """福建 → 福州 (鼓楼, 台江) and 泉州 → 洛江; the other city is always 'outside'."""

    province: Region
    fuzhou: Region
    gulou: Region
    taijiang: Region
    quanzhou: Region
    luojiang: Region
    bureaus: dict[str, HRBureau]
    fz_health: IndustryAuthority
    gl_health: IndustryAuthority
    qz_health: IndustryAuthority
    gl_hospital: EmployerUnit
    gl_school: EmployerUnit
    tj_company: EmployerUnit
    lj_hospital: EmployerUnit
    fz_provider: Provider
    qz_provider: Provider
    titles: dict[str, Title]
    people: dict[str, Professional]
    users: dict[str, User] = field(default_factory=dict)


def build_world() -> World:
    province = make_region("350000", "福建省")
    fuzhou = make_region("350100", "福州市", province, "fuzhou-2009")
    gulou = make_region("350102", "鼓楼区", fuzhou)
    taijiang = make_region("350103", "台江区", fuzhou)
    quanzhou = make_region("350500", "泉州市", province)
    luojiang = make_region("350504", "洛江区", quanzhou, "quanzhou-luojiang-2017")
    bureaus = {
        r.code: HRBureau.objects.create(name=f"{r.name}人社局", region=r, stamp_name=f"{r.name}人社局继续教育专用章")
        for r in (province, fuzhou, gulou, taijiang, quanzhou, luojiang)
    }
    fz_health = IndustryAuthority.objects.create(name="福州市卫健委", sector=Sector.HEALTH, region=fuzhou)
    gl_health = IndustryAuthority.objects.create(name="鼓楼区卫健局", sector=Sector.HEALTH, region=gulou)
    qz_health = IndustryAuthority.objects.create(name="泉州市卫健委", sector=Sector.HEALTH, region=quanzhou)
    titles = {
        "主治医师": make_title("主治医师", "health", "intermediate"),
        "工程师": make_title("工程师", "engineering", "intermediate"),
        "助理工程师": make_title("助理工程师", "engineering", "junior"),
        "高级工程师": make_title("高级工程师", "engineering", "senior"),
    }
    gl_hospital = make_unit(gulou, "鼓楼区人民医院", authority=gl_health)
    gl_school = make_unit(gulou, "鼓楼区实验小学", sector=Sector.EDUCATION)
    tj_company = make_unit(taijiang, "台江区华信科技有限公司", sector=Sector.INDUSTRY, ownership=Ownership.NON_PUBLIC)
    lj_hospital = make_unit(luojiang, "洛江区医院", authority=qz_health)
    fz_provider = Provider.objects.create(name="福州市继续教育基地", credit_code="12350100900000001X", region=fuzhou)
    qz_provider = Provider.objects.create(name="泉州市继续教育基地", credit_code="12350500900000001X", region=quanzhou)
    people = {
        "gl_doctor": make_professional(gl_hospital, "林医生", title=titles["主治医师"]),
        "gl_teacher": make_professional(gl_school, "郑老师", series="school_teacher"),
        "tj_engineer": make_professional(tj_company, "陈工", title=titles["工程师"]),
        "lj_doctor": make_professional(lj_hospital, "黄医生", title=titles["主治医师"]),
    }
    world = World(province, fuzhou, gulou, taijiang, quanzhou, luojiang, bureaus, fz_health, gl_health, qz_health,
                  gl_hospital, gl_school, tj_company, lj_hospital, fz_provider, qz_provider, titles, people)
    world.users = {
        "admin": make_user("admin", Role.SYSTEM_ADMIN, is_superuser=True, is_staff=True),
        "hr_province": make_user("hr_province", Role.HR_OFFICER, hr_bureau=bureaus["350000"], region=province),
        "hr_fuzhou": make_user("hr_fuzhou", Role.HR_OFFICER, hr_bureau=bureaus["350100"], region=fuzhou),
        "hr_gulou": make_user("hr_gulou", Role.HR_OFFICER, hr_bureau=bureaus["350102"], region=gulou),
        "hr_quanzhou": make_user("hr_quanzhou", Role.HR_OFFICER, hr_bureau=bureaus["350500"], region=quanzhou),
        "auth_fz_health": make_user("auth_fz_health", Role.AUTHORITY_OFFICER, industry_authority=fz_health, region=fuzhou),
        "unit_gl_hospital": make_user("unit_gl_hospital", Role.UNIT_ADMIN, employer_unit=gl_hospital, region=gulou),
        "unit_tj_company": make_user("unit_tj_company", Role.UNIT_ADMIN, employer_unit=tj_company, region=taijiang),
        "provider_fz": make_user("provider_fz", Role.PROVIDER_ADMIN, provider=fz_provider, region=fuzhou),
        "pro_gl_doctor": make_user("pro_gl_doctor", Role.PROFESSIONAL, professional=people["gl_doctor"], region=gulou),
    }
    return world
