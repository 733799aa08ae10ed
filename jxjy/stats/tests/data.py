"""A small hand-built data set on the shared test world, whose right answers the tests write out.

2025 (recognised records; the pending one must not count):
  陈工 tj_engineer (台江, engineering, 台江区华信科技有限公司 non_public/industry):
      公需 远程 24 学时 (福州基地) + 专业 集中 48 学时 (福州基地)  → 72, compliant under fuzhou-2009
  林医生 gl_doctor (鼓楼, health, 鼓楼区人民医院 public_institution/health): 专业 集中 30 学时 (福州基地)
  黄医生 lj_doctor (洛江, health, 洛江区医院): 专业 集中 12 学时 (泉州基地)
  郑老师 gl_teacher (鼓楼, school_teacher, 鼓楼区实验小学 education): only a pending 20 学时 record
2024: 陈工 专业 集中 40 学时.
Classes (year of the start date, held = approved and after):
  A 福州基地 培训班 集中 2025-03-10 recognised, 48 学时, 1 期×50, fee 200, 单位自筹; trainees 陈工, 林医生
  B 福州基地 研修班 远程 2025-06-01 approved, 24 学时, 2 期×30, free, 财政拨款; trainee 陈工
  C 泉州基地 讲座 集中 2025-06-15 recognised, 6 学时, 1 期×40, fee 100, 单位自筹; trainee 黄医生
  D 福州基地 2025 draft (not held) with trainee 郑老师; E 福州基地 2024-05-01 recognised, fee 80, trainee 陈工
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from jxjy.core.testing import World
from jxjy.orgs.models import Provider
from jxjy.people.models import Professional
from jxjy.records.models import LearningRecord
from jxjy.records.services.learning import learning_record_recognise_from_source
from jxjy.training.models import Enrolment, TrainingClass


def record(world: World, person: str, date: dt.date, subject: str, form: str, hours: float,
           provider: Provider | None, ref: str) -> LearningRecord:
    return learning_record_recognise_from_source(
        actor=world.users["admin"], professional=world.people[person], date=date, subject=subject, form=form,
        course=f"课程{ref}", source="training_class", source_ref=ref, hours=hours, provider=provider,
    )


def make_class(world: World, provider: Provider, name: str, *, class_type: str, form: str, start: dt.date, status: str,
               hours: str, runs: int, per_run: int, fee: str | None, funding: str, trainees: list[Professional],
               ) -> TrainingClass:
    cls = TrainingClass.objects.create(
        provider=provider, class_type=class_type, name=name, start_date=start, end_date=start + dt.timedelta(days=2),
        place="福州", contact="张老师", phone="0591-1", total_hours=Decimal(hours), runs=runs, trainees_per_run=per_run,
        subject="professional", form=form, audience="专业技术人员", teaching_plan="计划", funding_source=funding,
        charges_fee=fee is not None, fee_per_person=Decimal(fee) if fee else None, status=status,
        created_by=world.users["admin"],
    )
    for i, person in enumerate(trainees, start=1):
        Enrolment.objects.create(training_class=cls, professional=person, source="roster", certificate_seq=i,
                                 certificate_no=f"{name}-{i}", created_by=world.users["admin"])
    return cls


def build(world: World) -> dict[str, Any]:
    fz, qz = world.fz_provider, world.qz_provider
    record(world, "tj_engineer", dt.date(2025, 4, 1), "public", "distance", 24, fz, "R1")
    record(world, "tj_engineer", dt.date(2025, 3, 12), "professional", "centralized", 48, fz, "R2")
    record(world, "gl_doctor", dt.date(2025, 3, 12), "professional", "centralized", 30, fz, "R3")
    record(world, "lj_doctor", dt.date(2025, 6, 16), "professional", "centralized", 12, qz, "R4")
    record(world, "tj_engineer", dt.date(2024, 5, 2), "professional", "centralized", 40, fz, "R5")
    LearningRecord.objects.create(
        professional=world.people["gl_teacher"], date=dt.date(2025, 7, 1), year=2025, subject="professional",
        form="self_study", hours=Decimal(20), course="自学", source="declared", status="pending", review_stage="unit",
    )
    p = world.people
    classes = {
        "A": make_class(world, fz, "A班", class_type="training", form="centralized", start=dt.date(2025, 3, 10),
                        status="recognised", hours="48", runs=1, per_run=50, fee="200", funding="单位自筹",
                        trainees=[p["tj_engineer"], p["gl_doctor"]]),
        "B": make_class(world, fz, "B班", class_type="seminar", form="distance", start=dt.date(2025, 6, 1),
                        status="approved", hours="24", runs=2, per_run=30, fee=None, funding="财政拨款",
                        trainees=[p["tj_engineer"]]),
        "C": make_class(world, qz, "C班", class_type="lecture", form="centralized", start=dt.date(2025, 6, 15),
                        status="recognised", hours="6", runs=1, per_run=40, fee="100", funding="单位自筹",
                        trainees=[p["lj_doctor"]]),
        "D": make_class(world, fz, "D班", class_type="training", form="centralized", start=dt.date(2025, 9, 1),
                        status="draft", hours="12", runs=1, per_run=20, fee="300", funding="单位自筹",
                        trainees=[p["gl_teacher"]]),
        "E": make_class(world, fz, "E班", class_type="training", form="centralized", start=dt.date(2024, 5, 1),
                        status="recognised", hours="40", runs=1, per_run=20, fee="80", funding="单位自筹",
                        trainees=[p["tj_engineer"]]),
    }
    return classes
