"""A generated province for the reports benchmark: regions, units, providers, people, records and
classes, written with bulk_create in chunks. Deterministic for a given size and seed; it lives under
its own division codes (91xxxx) so it never touches the demo data set."""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from decimal import Decimal

from django.db import transaction

from jxjy.accounts.models import Role, User
from jxjy.demo.regions import TITLES
from jxjy.orgs.models import EmployerUnit, HRBureau, Ownership, Provider, Sector
from jxjy.people.identity import check_digit
from jxjy.people.models import Professional, Title
from jxjy.records.models import LearningRecord
from jxjy.regions.models import Region, RegionLevel
from jxjy.training.models import Enrolment, TrainingClass

PROVINCE_CODE = "910000"
CITIES = 10
COUNTIES_PER_CITY = 8
PEOPLE_PER_UNIT = 50
CHUNK = 20000
SERIES = ["engineering", "health", "school_teacher", "general"]
LEVELS = ["junior", "junior", "intermediate", "intermediate", "senior", "none"]
FORMS = ["centralized", "distance", "distance", "self_study", "conference", "advanced_study"]
SECTORS = [Sector.HEALTH, Sector.EDUCATION, Sector.INDUSTRY, Sector.CONSTRUCTION, Sector.AGRICULTURE, Sector.FINANCE]
OWNERSHIPS = list(Ownership.values)


def bench_region() -> Region | None:
    return Region.objects.filter(code=PROVINCE_CODE).first()


def _regions(ruleset_id: str) -> list[Region]:
    province = Region.objects.create(code=PROVINCE_CODE, name="基准省", level=RegionLevel.PROVINCE,
                                     path=f"/{PROVINCE_CODE}/", ruleset_id=ruleset_id)
    counties = []
    for c in range(1, CITIES + 1):
        city_code = f"91{c:02d}00"
        city = Region.objects.create(code=city_code, name=f"基准{c}市", level=RegionLevel.CITY, parent=province,
                                     path=f"{province.path}{city_code}/")
        for k in range(1, COUNTIES_PER_CITY + 1):
            code = f"91{c:02d}{k:02d}"
            counties.append(Region.objects.create(code=code, name=f"基准{c}市{k}县", level=RegionLevel.COUNTY,
                                                  parent=city, path=f"{city.path}{code}/"))
    for region in Region.objects.filter(path__startswith=province.path):
        HRBureau.objects.create(name=f"{region.name}人社局（基准）", region=region)
    return counties


def _titles() -> dict[tuple[str, str], Title]:
    out: dict[tuple[str, str], Title] = {}
    for name, series, level in TITLES:
        title, _ = Title.objects.get_or_create(name=name, defaults={"series": series, "level": level})
        out.setdefault((series, level), title)
    return out


def _identity(county: Region, i: int) -> tuple[str, dt.date]:
    birth = dt.date(1960, 1, 1) + dt.timedelta(days=i % 14600)
    seq = i // 14600 % 1000  # (birth, seq) is unique for i below 14.6 million, whatever the county
    first17 = f"{county.code}{birth:%Y%m%d}{seq:03d}"
    return first17 + check_digit(first17), birth


def generate(*, people: int, year: int, seed: int = 1, ruleset_id: str = "henan-2012",
             say: Callable[[str], None] = print) -> Region:
    """Builds the generated province with `people` professionals; records for `year` and the year before."""
    rng = random.Random(seed)  # noqa: S311 — generated data, reproducible on purpose
    with transaction.atomic():
        counties = _regions(ruleset_id)
        titles = _titles()
        admin = User.objects.filter(username="bench_admin").first() or User.objects.create(
            username="bench_admin", role=Role.SYSTEM_ADMIN, is_superuser=True, is_staff=True, display_name="基准")
        providers = Provider.objects.bulk_create([
            Provider(name=f"基准施教机构{i}", credit_code=f"91{i:016d}", region=counties[i % len(counties)])
            for i in range(30)
        ])
        n_units = max(1, people // PEOPLE_PER_UNIT)
        units = EmployerUnit.objects.bulk_create([
            EmployerUnit(name=f"基准单位{i}", credit_code=f"92{i:016d}", region=counties[i % len(counties)],
                         sector=SECTORS[i % len(SECTORS)], ownership=OWNERSHIPS[i % len(OWNERSHIPS)],
                         staff_size=rng.randrange(10, 600))
            for i in range(n_units)
        ], batch_size=CHUNK)
    say(f"  {len(counties)} 个县区, {n_units} 个单位, {len(providers)} 个施教机构")
    first_id = None
    for start in range(0, people, CHUNK):
        batch = []
        for i in range(start, min(people, start + CHUNK)):
            unit = units[i % n_units]
            county = unit.region
            number, birth = _identity(county, i)
            series = SERIES[i % len(SECTORS) % len(SERIES)]
            level = rng.choice(LEVELS)
            batch.append(Professional(
                name=f"人员{i}", id_number=number, birth_date=birth, sex="M" if i % 2 else "F", unit=unit,
                region=county, series=series, level=level,
                title=titles.get((series, level)) if level != "none" else None,
                health_facility="grade1" if series == "health" else "",
            ))
        with transaction.atomic():
            created = Professional.objects.bulk_create(batch, batch_size=CHUNK)
        first_id = first_id if first_id is not None else created[0].pk
        with transaction.atomic():
            LearningRecord.objects.bulk_create(_records(created, year, rng, providers), batch_size=CHUNK)
        say(f"  人员 {min(people, start + CHUNK)}/{people}")
    _classes(year, rng, providers, admin, people)
    region = bench_region()
    assert region is not None
    return region


def _records(people: list[Professional], year: int, rng: random.Random, providers: list[Provider]) -> list[LearningRecord]:
    out = []
    for p in people:
        for y in (year - 1, year):
            if rng.random() < 0.15:
                continue  # not trained this year
            n_prof = rng.choice((1, 1, 2, 3))
            entries = [("public", rng.choice((12, 18, 24, 26, 30)))]
            entries += [("professional", rng.choice((12, 16, 24, 32, 48, 60))) for _ in range(n_prof)]
            for k, (subject, hours) in enumerate(entries):
                date = dt.date(y, 1 + (p.pk + k) % 12, 1 + (p.pk * 7 + k) % 28)
                out.append(LearningRecord(
                    professional=p, date=date, year=y, subject=subject, form=rng.choice(FORMS),
                    hours=Decimal(hours), course=f"课程{k}", source="unit_registered", source_ref=f"b{p.pk}-{y}-{k}",
                    provider=providers[(p.pk + k) % len(providers)] if k % 3 != 2 else None,
                    status="recognised",
                ))
    return out


def _classes(year: int, rng: random.Random, providers: list[Provider], admin: User, people: int) -> None:
    n = max(1, people // 200)
    classes = TrainingClass.objects.bulk_create([
        TrainingClass(
            provider=providers[i % len(providers)], class_type=rng.choice(("training", "seminar", "lecture")),
            name=f"基准培训班{i}", start_date=dt.date(year, 1 + i % 12, 1 + i % 28),
            end_date=dt.date(year, 1 + i % 12, 1 + i % 28), place="基准", contact="基准", phone="0",
            total_hours=Decimal(rng.choice((6, 12, 24, 48))), runs=rng.choice((1, 2)), trainees_per_run=30,
            subject=rng.choice(("public", "professional")), form=rng.choice(("centralized", "distance")),
            audience="专业技术人员", teaching_plan="-", funding_source=rng.choice(("财政拨款", "单位自筹", "个人缴费")),
            charges_fee=i % 2 == 0, fee_per_person=Decimal(rng.choice((100, 200, 300))) if i % 2 == 0 else None,
            status="recognised", created_by=admin,
        ) for i in range(n)
    ], batch_size=CHUNK)
    first = Professional.objects.filter(region__path__startswith=f"/{PROVINCE_CODE}/").order_by("pk").values_list(
        "pk", flat=True).first() or 0
    enrol = []
    for i, cls in enumerate(classes):
        for k in range(20):
            enrol.append(Enrolment(training_class=cls, professional_id=first + (i * 20 + k) % people, source="roster",
                                   certificate_seq=k + 1, certificate_no=f"B{cls.pk}-{k + 1}", created_by=admin))
        if len(enrol) >= CHUNK:
            Enrolment.objects.bulk_create(enrol, batch_size=CHUNK)
            enrol = []
    Enrolment.objects.bulk_create(enrol, batch_size=CHUNK)
