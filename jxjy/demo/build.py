"""The demo data set: realistic, deterministic (seeded) and idempotent."""

from __future__ import annotations

import datetime as dt
import os
import random
from dataclasses import dataclass

from django.db import transaction

from jxjy.accounts.activation import ensure_accounts
from jxjy.accounts.models import Role, User
from jxjy.audit.services import audit_record
from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority, Ownership, Provider, Sector
from jxjy.people.identity import make_identity_number
from jxjy.people.models import Professional, Title
from jxjy.records.services.standings import standings_rebuild
from jxjy.regions.models import Region, RegionLevel

from .records import load_demo_records
from .regions import REGIONS, TITLES
from .workflows import load_demo_workflows

SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
GIVEN = "伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超秀兰霞平刚桂英华建国建华志强文辉晓东海燕丹玉兰红梅小红鹏飞思远佳怡子涵宇航欣怡浩然梓萱雨涵俊杰晨曦婷婷晓峰春梅国庆立新卫东振华"

_AUTHORITY_NAMES = {
    (RegionLevel.PROVINCE, Sector.HEALTH): "{r}卫生健康委员会",
    (RegionLevel.PROVINCE, Sector.EDUCATION): "{r}教育厅",
    (RegionLevel.CITY, Sector.HEALTH): "{r}卫生健康委员会",
    (RegionLevel.CITY, Sector.EDUCATION): "{r}教育局",
    (RegionLevel.CITY, Sector.INDUSTRY): "{r}工业和信息化局",
    (RegionLevel.CITY, Sector.CONSTRUCTION): "{r}住房和城乡建设局",
    (RegionLevel.COUNTY, Sector.HEALTH): "{r}卫生健康局",
    (RegionLevel.COUNTY, Sector.EDUCATION): "{r}教育局",
}
# (name pattern, sector, ownership, supervised, title series, staff)
_UNIT_KINDS = [
    ("{r}人民医院", Sector.HEALTH, Ownership.PUBLIC_INSTITUTION, True, "health", 12),
    ("{r}中医院", Sector.HEALTH, Ownership.PUBLIC_INSTITUTION, True, "health", 8),
    ("{r}妇幼保健院", Sector.HEALTH, Ownership.PUBLIC_INSTITUTION, True, "health", 6),
    ("{r}实验小学", Sector.EDUCATION, Ownership.PUBLIC_INSTITUTION, True, "school_teacher", 8),
    ("{r}第一中学", Sector.EDUCATION, Ownership.PUBLIC_INSTITUTION, True, "school_teacher", 10),
    ("{r}建设工程有限公司", Sector.CONSTRUCTION, Ownership.STATE_ENTERPRISE, True, "engineering", 8),
    ("{r}城市发展投资集团有限公司", Sector.INDUSTRY, Ownership.STATE_ENTERPRISE, True, "engineering", 6),
    ("{r}华信电子科技有限公司", Sector.INDUSTRY, Ownership.NON_PUBLIC, False, "engineering", 6),
    ("{r}宏达机械制造有限公司", Sector.INDUSTRY, Ownership.NON_PUBLIC, False, "engineering", 5),
    ("{r}财政局", Sector.FINANCE, Ownership.GOVERNMENT, False, "general", 4),
    ("{r}农业技术推广中心", Sector.AGRICULTURE, Ownership.PUBLIC_INSTITUTION, False, "general", 4),
]
_OWNERSHIP_PREFIX: dict[str, str] = {
    Ownership.GOVERNMENT: "11",
    Ownership.PUBLIC_INSTITUTION: "12",
    Ownership.STATE_ENTERPRISE: "91",
    Ownership.NON_PUBLIC: "92",
}


def demo_password() -> str:
    return os.environ.get("JXJY_DEMO_PASSWORD", "jxjy-demo-2026")


@dataclass
class DemoLogin:
    username: str
    role: str
    organisation: str


def _bureau_name(region: Region) -> str:
    suffix = "人力资源和社会保障厅" if region.level == RegionLevel.PROVINCE else "人力资源和社会保障局"
    return f"{region.name}{suffix}"


def _credit_code(ownership: str, region_code: str, seq: int) -> str:
    body = f"{_OWNERSHIP_PREFIX[ownership]}{region_code}{seq:09d}"
    return body + "0123456789ABCDEFGHJKLMNPQRTUWXY"[sum(int(c) for c in body) % 31]


@transaction.atomic
def load_demo(*, scale: float = 1.0) -> list[DemoLogin]:
    rng = random.Random(20261125)  # noqa: S311 — demo data, reproducible on purpose
    regions = _regions()
    titles = _titles()
    bureaus = {r.code: _bureau(r) for r in regions.values()}
    authorities = _authorities(regions)
    units = _units(regions, authorities, scale)
    providers = _providers(regions, authorities)
    _professionals(units, titles, rng, scale)
    logins = _users(regions, bureaus, authorities, units, providers)
    # every professional has an account (inactive until activated with a unit's code or a mail link),
    # as one added through the services would; the bulk insert above passed the people hook
    ensure_accounts(Professional.objects.all())
    load_demo_records()
    # the demo writes people and records in bulk, past the services: their standings are built once here
    standings_rebuild(reason="载入演示数据")
    load_demo_workflows()  # through the services, which keep the standings of what they change current
    audit_record(actor=None, action="import", message="载入演示数据")
    return logins


def _regions() -> dict[str, Region]:
    out: dict[str, Region] = {}
    for code, name, parent_code, ruleset in REGIONS:
        parent = out[parent_code] if parent_code else None
        level = RegionLevel.PROVINCE if parent is None else (
            RegionLevel.CITY if parent.level == RegionLevel.PROVINCE else RegionLevel.COUNTY
        )
        region, _ = Region.objects.update_or_create(
            code=code,
            defaults={
                "name": name,
                "parent": parent,
                "level": level,
                "path": f"{parent.path if parent else '/'}{code}/",
                "ruleset_id": ruleset,
            },
        )
        out[code] = region
    return out


def _titles() -> dict[str, list[Title]]:
    by_key: dict[str, list[Title]] = {}
    for name, series, level in TITLES:
        title, _ = Title.objects.get_or_create(name=name, defaults={"series": series, "level": level})
        by_key.setdefault(f"{series}:{level}", []).append(title)
    return by_key


def _bureau(region: Region) -> HRBureau:
    stamp = f"{region.name}人力资源和社会保障局职业能力培训专用章" if region.code == "350504" else f"{_bureau_name(region)}继续教育专用章"
    bureau, _ = HRBureau.objects.get_or_create(
        region=region,
        defaults={"name": _bureau_name(region), "stamp_name": stamp, "phone": f"0{region.code[:3]}-8{region.code[2:]}1"},
    )
    return bureau


def _authorities(regions: dict[str, Region]) -> dict[tuple[str, str], IndustryAuthority]:
    out: dict[tuple[str, str], IndustryAuthority] = {}
    for region in regions.values():
        for (level, sector), pattern in _AUTHORITY_NAMES.items():
            if region.level != level:
                continue
            authority, _ = IndustryAuthority.objects.get_or_create(
                region=region, sector=sector, defaults={"name": pattern.format(r=region.name)}
            )
            out[(region.code, sector)] = authority
    return out


def _supervisor(region: Region, sector: str, authorities: dict[tuple[str, str], IndustryAuthority]) -> IndustryAuthority | None:
    """The nearest authority of the sector at or above the unit's region."""
    for code in reversed(region.ancestor_codes()):
        if (code, sector) in authorities:
            return authorities[(code, sector)]
    return None


def _units(
    regions: dict[str, Region], authorities: dict[tuple[str, str], IndustryAuthority], scale: float
) -> list[tuple[EmployerUnit, str, int]]:
    out = []
    seq = 0
    for region in regions.values():
        if region.level == RegionLevel.PROVINCE:
            continue
        kinds = _UNIT_KINDS if region.level == RegionLevel.CITY or region.code.startswith("3505") else _UNIT_KINDS[:8]
        for pattern, sector, ownership, supervised, series, staff in kinds:
            seq += 1
            supervisor = _supervisor(region, sector, authorities) if supervised else None
            unit, _ = EmployerUnit.objects.get_or_create(
                credit_code=_credit_code(ownership, region.code, seq),
                defaults={
                    "name": pattern.format(r=region.name),
                    "region": region,
                    "sector": sector,
                    "ownership": ownership,
                    "supervising_authority": supervisor,
                    "contact": "继续教育专管员",
                    "phone": f"1390{region.code[1:]}{seq % 10}",
                    "staff_size": staff * 20,
                },
            )
            out.append((unit, series, max(1, round(staff * scale))))
    return out


def _providers(
    regions: dict[str, Region], authorities: dict[tuple[str, str], IndustryAuthority]
) -> list[Provider]:
    out = []
    for i, region in enumerate(r for r in regions.values() if r.level == RegionLevel.CITY or r.code == "350504"):
        for j, (pattern, sector) in enumerate(
            [("{r}专业技术人员继续教育基地", None), ("{r}卫生职业培训中心", Sector.HEALTH)]
        ):
            provider, _ = Provider.objects.get_or_create(
                credit_code=_credit_code(Ownership.PUBLIC_INSTITUTION, region.code, 900 + i * 2 + j),
                defaults={
                    "name": pattern.format(r=region.name),
                    "region": region,
                    "supervising_authority": authorities.get((region.code, sector)) if sector else None,
                    "contact": "培训部",
                    "phone": f"0{region.code[:3]}-87{i:02d}{j}",
                    "address": f"{region.name}人民路{10 + i}号",
                },
            )
            out.append(provider)
    return out


_LEVEL_WEIGHTS = [("none", 1), ("junior", 4), ("intermediate", 4), ("senior", 2)]


def _professionals(units: list[tuple[EmployerUnit, str, int]], titles: dict[str, list[Title]], rng: random.Random, scale: float) -> None:
    existing = set(Professional.objects.values_list("id_number", flat=True))
    batch = []
    seq = 0
    levels = [lv for lv, w in _LEVEL_WEIGHTS for _ in range(w)]
    for unit, series, staff in units:
        for _ in range(staff):
            seq += 1
            sex = rng.choice("MF")
            birth = dt.date(1965, 1, 1) + dt.timedelta(days=rng.randrange(0, 365 * 35))
            number = make_identity_number(unit.region.code, birth, seq, sex)
            level = rng.choice(levels)
            title = rng.choice(titles[f"{series}:{level}"]) if level != "none" else None
            obtained = None
            if title is not None:
                earliest = dt.date(birth.year + 23, birth.month, min(birth.day, 28))
                obtained = earliest + dt.timedelta(days=rng.randrange(0, max(1, (dt.date(2025, 12, 31) - earliest).days)))
            # draw every random value before deciding to skip, so a re-run sees the same stream
            name = rng.choice(SURNAMES) + rng.choice(GIVEN) + (rng.choice(GIVEN) if rng.random() < 0.5 else "")
            phone = f"1{rng.choice('358')}{rng.randrange(10**9):09d}"
            if number in existing:
                continue
            existing.add(number)
            batch.append(
                Professional(
                    name=name,
                    id_number=number,
                    birth_date=birth,
                    sex=sex,
                    phone=phone,
                    unit=unit,
                    region=unit.region,
                    series=series,
                    title=title,
                    level=level,
                    title_obtained_on=obtained,
                    health_facility=("grade2_or_below" if unit.region.level == RegionLevel.COUNTY else "grade1") if series == "health" else "",
                )
            )
    Professional.objects.bulk_create(batch, batch_size=1000)


def _user(username: str, role: str, display: str, **fields: object) -> User:
    user, created = User.objects.get_or_create(username=username, defaults={"role": role, "display_name": display, **fields})
    if created:
        user.set_password(demo_password())
        user.save(update_fields=["password"])
    return user


def _users(
    regions: dict[str, Region],
    bureaus: dict[str, HRBureau],
    authorities: dict[tuple[str, str], IndustryAuthority],
    units: list[tuple[EmployerUnit, str, int]],
    providers: list[Provider],
) -> list[DemoLogin]:
    logins: list[DemoLogin] = []

    def add(user: User, org: object) -> None:
        logins.append(DemoLogin(user.username, user.role_label, str(org)))

    admin, created = User.objects.get_or_create(
        username="admin", defaults={"role": Role.SYSTEM_ADMIN, "is_superuser": True, "is_staff": True, "display_name": "系统管理员"}
    )
    if created:
        admin.set_password(demo_password())
        admin.save(update_fields=["password"])
    add(admin, "全部")
    for username, code, display in [
        ("hr_fujian", "350000", "林省厅"), ("hr_fuzhou", "350100", "陈福州"), ("hr_gulou", "350102", "王鼓楼"),
        ("hr_luojiang", "350504", "黄洛江"), ("hr_henan", "410000", "李河南"), ("hr_zhengzhou", "410100", "张郑州"),
        ("hr_changzhou", "320400", "周常州"), ("hr_wenzhou", "330300", "吴温州"),
    ]:
        add(_user(username, Role.HR_OFFICER, display, hr_bureau=bureaus[code], region=regions[code]), bureaus[code])
    health = authorities[("350100", Sector.HEALTH)]
    add(_user("auth_fuzhou_health", Role.AUTHORITY_OFFICER, "郑卫健", industry_authority=health, region=health.region), health)
    unit = next(u for u, _, _ in units if u.region.code == "350102" and u.sector == Sector.HEALTH)
    add(_user("unit_gulou_hospital", Role.UNIT_ADMIN, "刘专管", employer_unit=unit, region=unit.region), unit)
    private = next(u for u, _, _ in units if u.region.code == "350504" and u.ownership == Ownership.NON_PUBLIC)
    add(_user("unit_luojiang_company", Role.UNIT_ADMIN, "许专管", employer_unit=private, region=private.region), private)
    provider = next(p for p in providers if p.region.code == "350100")
    add(_user("provider_fuzhou", Role.PROVIDER_ADMIN, "何培训", provider=provider, region=provider.region), provider)
    person = Professional.objects.filter(unit=unit).order_by("id").first()
    assert person is not None
    add(_user("pro_gulou", Role.PROFESSIONAL, person.name, professional=person, region=person.region), person.unit)
    return logins
