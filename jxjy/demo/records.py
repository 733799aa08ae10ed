"""Demo learning records for 2024 to the current year, so that certificates, compliance pages and
dashboards show something real after `make run`. Deterministic per person, created only once."""

from __future__ import annotations

import datetime as dt
import random
from decimal import Decimal

from django.utils import timezone

from jxjy.orgs.models import Provider
from jxjy.people.models import Professional
from jxjy.records.choices import LearningForm, RecordSource, RecordStatus, Subject
from jxjy.records.models import LearningRecord

PUBLIC_COURSES = ["专业技术人员职业道德", "专业技术人员法律法规", "专业技术人员创新能力建设", "数字经济与数字化转型", "专业技术人员心理健康"]
PROFESSIONAL_COURSES = {
    "health": ["医疗质量与安全管理", "临床合理用药", "院内感染防控", "急危重症救治进展", "全科医学基础"],
    "school_teacher": ["新课标教学设计", "课堂教学评价", "班主任工作实务", "信息技术与学科融合", "学生心理辅导"],
    "engineering": ["BIM技术应用", "工程质量与安全管理", "智能制造技术", "新材料与新工艺", "项目管理实务"],
    "general": ["财务管理新规解读", "农业技术推广新进展", "统计实务", "政策法规解读", "行业标准与规范"],
}
FIRST_YEAR = 2024


def load_demo_records() -> int:
    """Creates records for every demo professional who has none yet; returns how many were created."""
    today = timezone.localdate()
    providers_by_province: dict[str, list[Provider]] = {}
    for provider in Provider.objects.select_related("region"):
        providers_by_province.setdefault(provider.region.ancestor_codes()[0], []).append(provider)
    people = Professional.objects.filter(learning_records__isnull=True).select_related("region").order_by("id")
    batch: list[LearningRecord] = []
    now = timezone.now()
    for person in people.iterator(chunk_size=2000):
        rng = random.Random(person.id_number)  # noqa: S311 — demo data, reproducible per person
        providers = providers_by_province.get(person.region.ancestor_codes()[0], [])
        # medical CE counts credits only where the region's rules do (泉洛政人社[2017]27号 一(三)2)
        credits_region = person.region.code.startswith("350504")
        for year in range(FIRST_YEAR, today.year + 1):
            last_day = today if year == today.year else dt.date(year, 12, 31)
            diligent = rng.random() < 0.7  # most people meet the year's requirement
            for subject, courses, count in (
                (Subject.PUBLIC, PUBLIC_COURSES, 2 if diligent else 1),
                (Subject.PROFESSIONAL, PROFESSIONAL_COURSES[person.series], 4 if diligent else 2),
            ):
                for _ in range(count):
                    date = dt.date(year, 1, 1) + dt.timedelta(days=rng.randrange(0, (last_day - dt.date(year, 1, 1)).days + 1))
                    form = rng.choice([LearningForm.CENTRALIZED, LearningForm.DISTANCE, LearningForm.CENTRALIZED])
                    record = LearningRecord(
                        professional=person, date=date, year=year, subject=subject, form=form,
                        course=rng.choice(courses), source=RecordSource.UNIT_REGISTERED, source_ref=f"DEMO-{year}",
                        provider=rng.choice(providers) if providers and form == LearningForm.CENTRALIZED else None,
                        status=RecordStatus.RECOGNISED, recognised_at=now,
                        required_course=subject == Subject.PUBLIC,
                    )
                    if credits_region and person.series == "health" and subject == Subject.PROFESSIONAL:
                        record.credits = Decimal(rng.choice([3, 5, 6, 8]))
                        record.credit_class = rng.choice(["I", "II"])
                        record.general_practice = rng.random() < 0.2
                    else:
                        record.hours = Decimal(rng.choice([6, 12, 12, 18, 24] if subject == Subject.PROFESSIONAL else [6, 12, 15]))
                    batch.append(record)
    LearningRecord.objects.bulk_create(batch, batch_size=2000)
    return len(batch)
