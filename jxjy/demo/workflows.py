"""The demo's work in progress: every stage of every workflow filled, walked through the real services
(the same rules, audit and notifications as a user's clicks), so every role's first page shows work.

Dates are relative to the day of loading (`T`): a class recognised three months ago, one awaiting
recognition, one running today with half of its attendance signed, one in public notice with an open
objection, one under review, one returned, one draft; CE bases of the city and the county tier with an
annual inspection; annual plans submitted and published; certificates; verification rosters of the year
now being verified in each state; an annual report, a sampling round and unit assessments.
The class workflow reads the training clock (`jxjy.training.clock`); the demo moves it to each step's
day while walking a class, and puts it back. Everything is keyed by name, so a second load adds nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from contextlib import contextmanager
from decimal import Decimal
from typing import Any
from zoneinfo import ZoneInfo

from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.core.spreadsheets import write_xlsx
from jxjy.orgs.models import EmployerUnit, HRBureau, IndustryAuthority, Provider
from jxjy.people.models import Professional
from jxjy.regions.models import Region
from jxjy.training import clock
from jxjy.training.choices import ClassStatus, PlanStatus
from jxjy.training.models import TrainingClass, TrainingPlan

SHANGHAI = ZoneInfo("Asia/Shanghai")
# A one-page PDF and a small PNG: the evidence a provider uploads (the checks read the file signatures).
PDF = (b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
       b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n")
MARK = "（演示）"


def _png() -> bytes:
    import io

    import segno

    out = io.BytesIO()
    segno.make("jxjy demo photo").save(out, kind="png", scale=4)
    return out.getvalue()


@contextmanager
def _on(day: dt.date, hour: int = 9) -> Iterator[None]:
    """The training workflow's clock at `day` `hour`:00 (Asia/Shanghai) while the block runs."""
    saved = clock.now
    moment = dt.datetime(day.year, day.month, day.day, hour, 0, tzinfo=SHANGHAI)
    clock.now = lambda: moment  # type: ignore[assignment]
    try:
        yield
    finally:
        clock.now = saved  # type: ignore[assignment]


def _user(username: str, role: str, display: str, **fields: Any) -> User:
    from .build import _user as demo_user

    return demo_user(username, role, display, **fields)


def _officer_for(org: HRBureau | IndustryAuthority) -> User:
    """A demo officer of the organisation that must act next (the chain may name any bureau)."""
    if isinstance(org, HRBureau):
        found = User.objects.filter(role=Role.HR_OFFICER, hr_bureau=org, is_active=True).order_by("id").first()
        return found or _user(f"hr_{org.region.code}", Role.HR_OFFICER, f"{org.region.name}经办", hr_bureau=org,
                              region=org.region)
    found = User.objects.filter(role=Role.AUTHORITY_OFFICER, industry_authority=org, is_active=True).order_by("id").first()
    return found or _user(f"auth_{org.pk}", Role.AUTHORITY_OFFICER, f"{org.name}经办", industry_authority=org,
                          region=org.region)


# --- Actors ---------------------------------------------------------------------------------------
class Cast:
    def __init__(self) -> None:
        self.today = timezone.localdate()
        self.hr_fuzhou = User.objects.get(username="hr_fuzhou")
        self.hr_gulou = User.objects.get(username="hr_gulou")
        self.hr_luojiang = User.objects.get(username="hr_luojiang")
        self.authority = User.objects.get(username="auth_fuzhou_health")
        self.provider = User.objects.get(username="provider_fuzhou")
        self.unit_admin = User.objects.get(username="unit_gulou_hospital")
        self.professional = User.objects.get(username="pro_gulou")
        luojiang = Region.objects.get(code="350504")
        lj_provider = Provider.objects.filter(region=luojiang).order_by("id").first()
        assert lj_provider is not None
        self.provider_luojiang = _user("provider_luojiang", Role.PROVIDER_ADMIN, "苏培训", provider=lj_provider,
                                       region=luojiang)
        school = EmployerUnit.objects.filter(region__code="350102", name__contains="实验小学").order_by("id").first()
        assert school is not None
        self.unit_school = _user("unit_gulou_school", Role.UNIT_ADMIN, "林专管", employer_unit=school, region=school.region)
        hospital, person = self.unit_admin.employer_unit, self.professional.professional
        assert hospital is not None and person is not None
        self.hospital: EmployerUnit = hospital
        self.person: Professional = person
        self.staff = list(Professional.objects.filter(unit=hospital).order_by("id"))


# --- CE bases -------------------------------------------------------------------------------------
def _accredit(actor_admin: User, officer: User, tier: str, valid_from: dt.date) -> Any:
    from jxjy.providers.models import CEBase
    from jxjy.providers.services.accreditation import base_accredit, base_application_create
    from jxjy.records.choices import LearningForm

    provider = actor_admin.provider
    assert provider is not None
    existing = CEBase.objects.filter(provider=provider).order_by("-id").first()
    if existing is not None:
        return existing
    application = base_application_create(
        actor=actor_admin, provider=provider, tier=tier, scope_series=[], scope_subjects=["public", "professional"],
        scope_forms=[c.value for c in LearningForm], facilities="多媒体教室3间、计算机房1间，可容纳200人",
        places=provider.address or "培训中心", full_time_teachers=4, part_time_teachers=18,
        management_rules="学员考勤制度、收费公示制度、证书管理制度、教学质量评估制度", submit=True)
    return base_accredit(actor=officer, application=application, valid_from=valid_from,
                         valid_to=dt.date(valid_from.year + 2, 12, 31), comment="材料齐全，实地核查合格，予以授牌")


def _inspect(base: Any, officer: User, year: int) -> None:
    from jxjy.providers.choices import InspectionOutcome
    from jxjy.providers.models import AnnualInspection
    from jxjy.providers.models.inspections import INSPECTION_ITEMS
    from jxjy.providers.services.inspections import inspection_record

    if AnnualInspection.objects.filter(base=base, year=year).exists():
        return
    scores = {field: Decimal(18 - i % 3) for i, (field, _) in enumerate(INSPECTION_ITEMS)}
    inspection_record(actor=officer, base=base, year=year, scores=scores, outcome=InspectionOutcome.KEEP,
                      findings="师资、场地、管理制度落实到位；学员满意度较高。",
                      inspected_on=max(base.valid_from, dt.date(year, 11, 20)))


def bases(cast: Cast) -> list[Any]:
    city = _accredit(cast.provider, cast.hr_fuzhou, "city", dt.date(cast.today.year - 1, 1, 1))
    county = _accredit(cast.provider_luojiang, cast.hr_luojiang, "county", dt.date(cast.today.year - 1, 1, 1))
    _inspect(city, cast.hr_fuzhou, cast.today.year - 1)
    return [city, county]


# --- Annual plans ---------------------------------------------------------------------------------
def plans(cast: Cast) -> None:
    from jxjy.training.services.plans import training_plan_approve, training_plan_create, training_plan_submit

    items = [
        {"name": "医疗质量与安全管理培训班", "audience": "全市卫生系列中级及以上专业技术人员", "hours": 12, "runs": 2,
         "trainees": 120, "budget_source": "单位自筹"},
        {"name": "专业技术人员公需科目：法治素养与职业道德", "audience": "全市各系列专业技术人员", "hours": 6, "runs": 4,
         "trainees": 400, "budget_source": "财政拨款"},
    ]
    year = cast.today.year
    if not TrainingPlan.objects.filter(provider=cast.provider.provider, year=year).exists():
        with _on(dt.date(year, 2, 10)):  # this year's plan went in before the end of February
            plan = training_plan_create(actor=cast.provider, year=year, items=items)
            training_plan_submit(actor=cast.provider, plan=plan)
            training_plan_approve(actor=cast.hr_fuzhou, plan=plan, comment="同意，予以公布")
    if not TrainingPlan.objects.filter(provider=cast.provider.provider, year=year + 1).exists():
        plan = training_plan_create(actor=cast.provider, year=year + 1, items=items[:1])
        training_plan_submit(actor=cast.provider, plan=plan)  # waits for the city bureau: a 待办
    if not TrainingPlan.objects.filter(employer_unit=cast.hospital, year=year + 1).exists():
        training_plan_create(actor=cast.unit_admin, year=year + 1, items=[
            {"name": "院内急救技能培训", "audience": "本院医护人员", "hours": 6, "runs": 2, "trainees": 60,
             "budget_source": "单位自筹"}])
    wenzhou = Provider.objects.filter(region__code="330300").order_by("id").first()
    assert wenzhou is not None
    provider_wz = _user("provider_wenzhou", Role.PROVIDER_ADMIN, "叶培训", provider=wenzhou, region=wenzhou.region)
    if not TrainingPlan.objects.filter(provider=wenzhou, year=year + 1).exists():
        plan = training_plan_create(actor=provider_wz, year=year + 1, items=[
            {"name": "工程技术人员新技术新工艺研修班", "audience": "全市工程技术（一）系列专业技术人员", "hours": 32,
             "runs": 2, "trainees": 100, "budget_source": "单位自筹"}])
        training_plan_submit(actor=provider_wz, plan=plan)  # waits for 温州市人社局
    assert TrainingPlan.objects.filter(status=PlanStatus.APPROVED).exists()


# --- Classes --------------------------------------------------------------------------------------
def _application(name: str, start: dt.date, *, subject: str = "professional", audience: str,
                 target_series: list[str], capacity: int = 40) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    data = {
        "class_type": "training", "name": name + MARK, "start_date": start, "end_date": start,
        "place": "福州市鼓楼区五四路158号继续教育基地3楼报告厅", "contact": "何老师", "phone": "0591-87654321",
        "total_hours": Decimal("6"), "runs": 1, "trainees_per_run": capacity, "subject": subject,
        "form": "centralized", "target_series": target_series, "target_levels": ["junior", "intermediate", "senior"],
        "audience": audience, "teaching_plan": "上午专题讲授，下午案例研讨与考核。", "funding_source": "单位自筹",
        "charges_fee": False, "fee_per_person": None, "fee_standard": "", "pass_mark": Decimal("60"),
    }
    schedule = [
        {"date": start, "half_day": "am", "content": "政策解读与专题讲授", "hours": Decimal("3"),
         "teacher_name": "李明华", "teacher_title": "教授", "teacher_unit": "福建医科大学"},
        {"date": start, "half_day": "pm", "content": "案例研讨与结业考核", "hours": Decimal("3"),
         "teacher_name": "陈建国", "teacher_title": "主任医师", "teacher_unit": "福建省立医院"},
    ]
    return data, schedule


def _draft(actor: User, name: str, start: dt.date, **kw: Any) -> TrainingClass:
    from jxjy.training.services.classes import teacher_resume_attach, training_class_create

    existing = TrainingClass.objects.filter(provider=actor.provider, name=name + MARK).first()
    if existing is not None:
        return existing
    data, schedule = _application(name, start, **kw)
    training_class = training_class_create(actor=actor, data=data, schedule=schedule)
    for teacher in ("李明华", "陈建国"):
        teacher_resume_attach(actor=actor, training_class=training_class, teacher_name=teacher,
                              filename=f"{teacher}简历.pdf", data=PDF)
    return training_class


def _review_through(training_class: TrainingClass) -> TrainingClass:
    """Every step of the chain agrees, each by an officer of the organisation it names."""
    from jxjy.training.services.review import class_review_approve, current_review

    while training_class.status == ClassStatus.UNDER_REVIEW:
        review = current_review(training_class)
        assert review is not None
        org = review.hr_bureau or review.industry_authority
        assert org is not None
        training_class = class_review_approve(actor=_officer_for(org), training_class=training_class,
                                              comment="材料齐全，同意")
    return training_class


def _to_approved(actor: User, name: str, submitted_on: dt.date, class_day: dt.date, **kw: Any) -> TrainingClass:
    """Submitted, reviewed along its chain, noticed (in the rule set's mode) and approved with numbers."""
    from jxjy.training.models import PublicNotice
    from jxjy.training.services.classes import training_class_submit
    from jxjy.training.services.notice import public_notice_conclude

    training_class = _draft(actor, name, class_day, **kw)
    if training_class.status != ClassStatus.DRAFT:
        return training_class
    with _on(submitted_on):
        training_class = training_class_submit(actor=actor, training_class=training_class)
        training_class = _review_through(training_class)
    notice = PublicNotice.objects.get(training_class=training_class)
    assert training_class.approving_bureau is not None
    with _on(notice.ends_on + dt.timedelta(days=1)):
        training_class = public_notice_conclude(actor=_officer_for(training_class.approving_bureau),
                                                training_class=training_class)
    return training_class


def _enrol(cast: Cast, training_class: TrainingClass, people: list[Professional], day: dt.date,
           unit_admin: User | None = None) -> None:
    from jxjy.training.services.enrolment import enrolment_nominate

    new = [p for p in people if not training_class.enrolments.filter(professional=p).exists()]
    if new:
        with _on(day):
            enrolment_nominate(actor=unit_admin or cast.unit_admin, training_class=training_class, professionals=new)


def _sign(cast: Cast, training_class: TrainingClass, *, halves: tuple[str, ...] = ("am", "pm"),
          provider: User | None = None) -> None:
    from jxjy.training.services.attendance import attendance_record_sheet

    enrolments = list(training_class.enrolments.order_by("id").values_list("pk", flat=True))
    present = enrolments[: max(1, len(enrolments) - 1)]  # one trainee missed the class
    for item in training_class.schedule.filter(half_day__in=halves).order_by("date", "half_day"):
        with _on(item.date, 12 if item.half_day == "am" else 17):
            attendance_record_sheet(actor=provider or cast.provider, item=item, filename=f"签到表-{item.date}-{item.half_day}.pdf",
                                    data=PDF, signed_in=present, signed_out=present)


def _held(cast: Cast, training_class: TrainingClass, provider: User | None = None) -> None:
    from jxjy.training.services.exam import exam_scores_enter

    _sign(cast, training_class, provider=provider)
    scores = {pk: str(88 - 7 * i) for i, pk in enumerate(training_class.enrolments.order_by("id").values_list("pk", flat=True))}
    with _on(training_class.end_date, 17):
        exam_scores_enter(actor=provider or cast.provider, training_class=training_class, scores=scores)


def _evidence(cast: Cast, training_class: TrainingClass, day: dt.date) -> None:
    from jxjy.training.services.recognition import evidence_upload

    roster = write_xlsx([("花名册", ["姓名", "单位"], [[e.professional.name, str(e.professional.unit)]
                                                     for e in training_class.enrolments.select_related("professional__unit")])])
    with _on(day):
        for kind, filename, data in (("roster", "参训人员花名册.xlsx", roster), ("sign_in", "签到表.pdf", PDF),
                                     ("handout", "授课讲义.pdf", PDF), ("photo", "现场照片.png", _png())):
            if not training_class.evidence.filter(kind=kind).exists():
                evidence_upload(actor=cast.provider, training_class=training_class, kind=kind, filename=filename, data=data)


def classes(cast: Cast) -> dict[str, TrainingClass]:
    from jxjy.training.services.classes import training_class_submit
    from jxjy.training.services.notice import objection_file
    from jxjy.training.services.recognition import (
        inspection_record,
        recognition_submit,
        training_class_recognise,
    )
    from jxjy.training.services.review import class_review_return

    T = cast.today
    health = {"audience": "全市卫生系列专业技术人员", "target_series": ["health"]}
    out: dict[str, TrainingClass] = {}
    trainees = [cast.person, *[p for p in cast.staff if p != cast.person][:5]]

    # recognised three months ago, then inspected: the professional's hours come from here
    c = _to_approved(cast.provider, "医疗质量与安全管理培训班（第一期）", T - dt.timedelta(days=200),
                     T - dt.timedelta(days=90), **health)
    if c.status == ClassStatus.APPROVED:
        _enrol(cast, c, trainees, c.start_date - dt.timedelta(days=7))
        _held(cast, c)
        _evidence(cast, c, c.end_date + dt.timedelta(days=3))
        with _on(c.end_date + dt.timedelta(days=4)):
            c = recognition_submit(actor=cast.provider, training_class=c)
        with _on(c.end_date + dt.timedelta(days=10)):
            training_class_recognise(actor=cast.hr_fuzhou, training_class=c)
        with _on(c.end_date + dt.timedelta(days=30)):
            inspection_record(actor=cast.hr_fuzhou, training_class=c, finding="ok",
                              notes="抽查签到表与现场照片，培训按计划实施。")
    out["recognised"] = c

    # held a month ago, evidence in, waiting for the city bureau's recognition
    c = _to_approved(cast.provider, "医疗质量与安全管理培训班（第二期）", T - dt.timedelta(days=140),
                     T - dt.timedelta(days=20), **health)
    if c.status == ClassStatus.APPROVED:
        _enrol(cast, c, trainees[1:], c.start_date - dt.timedelta(days=7))
        _held(cast, c)
        _evidence(cast, c, c.end_date + dt.timedelta(days=2))
        with _on(c.end_date + dt.timedelta(days=3)):
            c = recognition_submit(actor=cast.provider, training_class=c)
    out["awaiting_recognition"] = c

    # running today: the morning's sign-in sheet is in, the afternoon is still to come
    c = _to_approved(cast.provider, "院感防控与合理用药专题培训班", T - dt.timedelta(days=110), T, **health)
    if c.status == ClassStatus.APPROVED and not c.schedule.filter(attendance__isnull=False).exists():
        _enrol(cast, c, trainees, T - dt.timedelta(days=5))
        _sign(cast, c, halves=("am",))
    out["running"] = c

    # approved with its numbers, opening in three weeks, open for enrolment
    c = _to_approved(cast.provider, "专业技术人员公需科目：法治素养与职业道德", T - dt.timedelta(days=100),
                     T + dt.timedelta(days=21), subject="public", audience="全市各系列专业技术人员",
                     target_series=["health", "engineering", "school_teacher", "general"], capacity=120)
    out["approved"] = c

    # in public notice in 洛江 (notices run as classes come), with an objection the district must answer
    c = _draft(cast.provider_luojiang, "洛江区中小学教师信息技术应用能力提升培训", T + dt.timedelta(days=30),
               audience="洛江区中小学教师", target_series=["school_teacher"])
    if c.status == ClassStatus.DRAFT:
        with _on(T - dt.timedelta(days=2)):
            c = training_class_submit(actor=cast.provider_luojiang, training_class=c)
            c = _review_through(c)
        with _on(T - dt.timedelta(days=1), 15):
            objection_file(notice=c.notice, name="王先生", contact="13905950000",
                           reason="该班授课教师与上月另一班次相同，请核实师资安排是否冲突。", ip="127.0.0.1")
    out["under_notice"] = c

    # a 洛江 class held last week: the provider has still to apply for recognition (its 待办)
    lj_unit = User.objects.get(username="unit_luojiang_company")
    c = _to_approved(cast.provider_luojiang, "洛江区专业技术人员公需科目：安全生产与职业道德", T - dt.timedelta(days=40),
                     T - dt.timedelta(days=5), subject="public", audience="洛江区各系列专业技术人员",
                     target_series=["health", "engineering", "school_teacher", "general"])
    if c.status == ClassStatus.APPROVED and not c.enrolments.exists():
        staff = list(Professional.objects.filter(unit=lj_unit.employer_unit).order_by("id")[:4])
        _enrol(cast, c, staff, c.start_date - dt.timedelta(days=7), unit_admin=lj_unit)
        _held(cast, c, provider=cast.provider_luojiang)
    out["held_awaiting_application"] = c

    # submitted this morning: waits for review
    c = _draft(cast.provider, "基层卫生适宜技术推广培训班", T + dt.timedelta(days=45), **health)
    if c.status == ClassStatus.DRAFT:
        c = training_class_submit(actor=cast.provider, training_class=c)
    out["under_review"] = c

    # returned for changes
    c = _draft(cast.provider, "医院财务管理与内部控制培训班", T + dt.timedelta(days=50),
               audience="全市医疗卫生机构财务人员", target_series=["general"])
    if c.status == ClassStatus.DRAFT:
        c = training_class_submit(actor=cast.provider, training_class=c)
        from jxjy.training.services.review import current_review

        review = current_review(c)
        assert review is not None
        org = review.hr_bureau or review.industry_authority
        assert org is not None
        c = class_review_return(actor=_officer_for(org), training_class=c,
                                comment="课程表下午时段未注明授课教师职称，请补充后重新报送。")
    out["returned"] = c

    out["draft"] = _draft(cast.provider, f"{T.year + 1}年度卫生管理干部研修班", dt.date(T.year + 1, 3, 16),
                          audience="全市卫生系统中层管理人员", target_series=["health"])
    for walked in out.values():
        walked.refresh_from_db()
    return out


# --- Certificates, verification, statistics -------------------------------------------------------
def certificates(cast: Cast) -> None:
    from jxjy.records.models import Certificate
    from jxjy.records.services.certificates import certificate_issue

    for person in cast.staff[:6]:
        if not Certificate.objects.filter(professional=person).exists():
            certificate_issue(actor=cast.hr_gulou, professional=person)


def verification(cast: Cast) -> None:
    """Rosters of the year now being verified (due by the rule set's deadline next spring), one in each
    state: the school's in draft, the hospital's submitted with a booked slot and partly decided, the
    traditional-medicine hospital's closed (every person decided)."""
    from jxjy.records.models import VerificationBatch
    from jxjy.records.services.verification import (
        verification_batch_create,
        verification_batch_submit,
        verification_entry_decide,
        verification_slot_book,
        verification_slot_publish,
    )

    year = cast.today.year
    if not VerificationBatch.objects.filter(unit=cast.unit_school.employer_unit, year=year).exists():
        verification_batch_create(actor=cast.unit_school, year=year)
    bureau = cast.hr_gulou.hr_bureau
    assert bureau is not None
    tcm = EmployerUnit.objects.filter(region__code="350102", name__contains="中医院").order_by("id").first()
    assert tcm is not None
    tcm_admin = _user("unit_gulou_tcm", Role.UNIT_ADMIN, "郑专管", employer_unit=tcm, region=tcm.region)
    start = dt.datetime.combine(cast.today + dt.timedelta(days=10), dt.time(9), tzinfo=SHANGHAI)
    for admin, unit, decide_all in ((cast.unit_admin, cast.hospital, False), (tcm_admin, tcm, True)):
        if VerificationBatch.objects.filter(unit=unit, year=year).exists():
            continue
        batch = verification_batch_create(actor=admin, year=year)
        slot = verification_slot_publish(actor=cast.hr_gulou, year=year, starts_at=start,
                                         ends_at=start + dt.timedelta(hours=3), capacity=10,
                                         place=f"{bureau.region.name}人社局政务服务大厅3号窗口")
        verification_slot_book(actor=admin, batch=batch, slot=slot)
        batch = verification_batch_submit(actor=admin, batch=batch)
        entries = list(batch.entries.select_related("professional").order_by("id"))
        for entry in entries if decide_all else entries[: len(entries) // 2]:
            reviewer = entry.reviewer_bureau or entry.reviewer_authority
            if reviewer is not None:
                verification_entry_decide(actor=_officer_for(reviewer), entry=entry)
        start += dt.timedelta(days=1)


def statistics(cast: Cast) -> None:
    from jxjy.stats.models import AnnualReport, Sample
    from jxjy.stats.scope import scope_for
    from jxjy.stats.services.reports import annual_report_request
    from jxjy.stats.services.sampling import sample_draw

    last = cast.today.year - 1
    fuzhou = cast.hr_fuzhou.region
    assert fuzhou is not None
    if not AnnualReport.objects.filter(region=fuzhou, year=last).exists():
        annual_report_request(actor=cast.hr_fuzhou, scope=scope_for(cast.hr_fuzhou), year=last)
    if not Sample.objects.filter(region=fuzhou, year=last).exists():
        sample_draw(actor=cast.hr_fuzhou, region=fuzhou, year=last, kind="unit", size=5, seed=2026)
    _assessments(cast, last)


def _assessments(cast: Cast, year: int) -> None:
    """Last year's spot checks of two 鼓楼 units: the hospital passed; the school failed one item, so its
    excellent quota is cut by the lower end of its rule set's range (常人社发〔2011〕11号 第二十三条 where cited)."""
    from jxjy.stats.choices import UNIT_ITEMS
    from jxjy.stats.models import Assessment
    from jxjy.stats.services.assessments import assessment_unit_record, quota_cut_range

    school = cast.unit_school.employer_unit
    assert school is not None
    for unit, failed in ((cast.hospital, ""), (school, "plan")):
        if Assessment.objects.filter(unit=unit, year=year).exists():
            continue
        items = {key: (key != failed, "年度培训计划未按时报送，部分项目未实施" if key == failed else "")
                 for key, _ in UNIT_ITEMS}
        cut = quota_cut_range(unit, year)[0][0] if failed else None
        assessment_unit_record(actor=cast.hr_gulou, unit=unit, year=year, items=items, quota_cut_percent=cut)


# --- Online learning ------------------------------------------------------------------------------
_POLICY_TEXT = [
    ("一、继续教育的对象和学时要求",
     "专业技术人员继续教育的对象是国家机关、企业事业单位以及社会组织中从事专业技术工作的人员。继续教育实行登记管理，"
     "学时（学分）按年度或周期计算，由专业技术人员所在单位统一组织验证。各地规定的学时要求不尽相同：福州市要求每人每年"
     "累计参加继续教育的时间不少于七十二学时，其中公需科目不超过三分之一；洛江区要求每年不少于九十学时，其中专业科目不少于"
     "六十学时；常州市要求每年七十二学时，公共科目不少于二十四学时、专业科目不少于四十八学时；河南省对高级和中级职称人员"
     "要求每年八十六学时，初级职称人员七十四学时。卫生系列人员以继续医学教育学分计，中小学教师以五年为一个周期统一验证。"),
    ("二、培训班的申请、公示和学时认定",
     "施教机构举办面向专业技术人员的培训班，应当在开班前按规定的时限向人社部门提出申请，提交培训计划、课程安排和师资情况。"
     "申请经主管部门和人社部门审核同意后，在网上公示，公示期满无异议的予以批准，并编发批准文号和证书编号。培训期间实行"
     "半天签到制度，培训结束时组织考核。施教机构应当在培训结束后规定的期限内，持参训人员花名册、签到表、授课讲义和现场"
     "照片等材料，申请学时认定；人社部门核实后予以认定，学时记入专业技术人员的继续教育证书。"),
    ("三、年度验证和结果使用",
     "用人单位应当按照规定的时间，以单位为单位集中报送验证花名册，由具有管辖权的人社部门或主管部门验证。未能按时参加验证的，"
     "除有特殊情况并经登记外，视同放弃当年度验证。专业技术人员接受继续教育的情况，作为职称评审、岗位聘用、执业注册和评先"
     "评优的必备条件。对弄虚作假取得学时的，取消其学时，并按规定追究责任；对组织不力的单位和施教机构，予以通报，情节严重的"
     "取消其培训资格。"),
    ("四、继续教育基地和师资管理",
     "继续教育基地实行分级认定和年度检查制度。申请认定的机构应当具备相应的教学场地、设施设备、专兼职教师队伍和健全的管理制度，"
     "经人社部门审核合格后授牌，有效期届满需要继续承担培训任务的，应当在期满前申请延续。人社部门每年对基地的办学情况、管理"
     "情况、建设发展情况、培训效果和质量以及证书登记工作进行检查评估，检查结果记入施教机构信用档案；对检查不合格的，责令限期"
     "整改，整改不到位或者弄虚作假的，取消其基地资格并向社会公布。师资库实行动态管理，授课教师应当具备相应的专业技术职务和"
     "教学能力，学员对授课质量的评价作为师资评价的重要依据。"),
    ("五、网络学习与考核",
     "专业技术人员可以通过经审核上架的网络课程参加继续教育。网络学习以系统实际记录的学习时间为准，学习过程中须按要求回答在线"
     "确认问题，同一时间只能在一处学习一门课程，学习完成并通过在线考核后，学时自动计入本人的继续教育记录。考核实行随机组卷，"
     "每门课程可按规定次数参加考核，交卷前系统会提示未作答的题目。公需科目实行网上学习、网上考试，考试合格的，发给公共科目"
     "合格证书。任何通过技术手段虚报学习时间、代学代考的行为，一经查实，取消相应学时，并按弄虚作假处理，记入个人诚信档案。"),
    ("六、学时登记和证书管理",
     "专业技术人员参加继续教育后，由施教机构或者本人按规定申报学时，经审核后登记入册，并在继续教育证书中记载。证书统一由主管"
     "部门编号，实行一人一证，全省通用。证书可以通过扫描二维码或者登录公共查询页面核验真伪，核验结果显示证书编号、持证人姓名、"
     "发证机关和记载的学时，不显示完整的身份证号码。证书遗失的，由本人申请补发；发现伪造、变造证书的，依法追究责任。"),
]
_QUESTIONS = [
    ("学时要求", "福州市专业技术人员每年累计参加继续教育的时间不少于多少学时？", ["48学时", "72学时", "90学时", "120学时"], [1]),
    ("学时要求", "洛江区要求专业科目每年不少于多少学时？", ["24学时", "48学时", "60学时", "72学时"], [2]),
    ("培训班", "培训班公示期满无异议后，人社部门应当怎样处理？", ["退回修改", "予以批准并编发批准文号", "重新公示", "直接认定学时"], [1]),
    ("培训班", "申请学时认定时，施教机构应当提交哪项材料？", ["参训人员签到表", "学员工资单", "单位营业执照", "学员体检报告"], [0]),
    ("验证", "未能按时参加年度验证且无特殊情况登记的，会怎样？", ["自动通过验证", "视同放弃当年度验证", "延期一年", "补交材料即可"], [1]),
    ("验证", "继续教育情况不作为下列哪一项的必备条件？", ["职称评审", "岗位聘用", "执业注册", "购买车票"], [3]),
]


def online(cast: Cast) -> None:
    """A listed public-subject course (a reading unit and a question bank) that the demo professional
    has begun and not finished: their 待办 says so."""
    from jxjy.online.models import Course
    from jxjy.online.services.catalogue import (
        blueprint_item_set,
        course_approve,
        course_create,
        course_submit,
        question_add,
        unit_add,
    )
    from jxjy.online.services.learning import enrolment_create

    code = "DEMO-OC-2026-01"
    course = Course.objects.filter(code=code).first()
    if course is None:
        course = course_create(
            actor=cast.provider, code=code, title="公需科目：专业技术人员继续教育政策要点" + MARK, subject="public",
            valid_from=cast.today - dt.timedelta(days=60), hours=Decimal("0.1"), exam_minutes=20, pass_mark=60,
            description="解读各地继续教育学时要求、培训班申请与学时认定、年度验证与结果使用。")
        body = "".join(f"<h3>{heading}</h3><p>{text}</p>" for heading, text in _POLICY_TEXT)
        unit_add(actor=cast.provider, course=course, title="继续教育政策要点", kind="html", html_body=body)
        for topic, stem, options, answer in _QUESTIONS:
            question_add(actor=cast.provider, course=course, topic=topic, kind="single", stem=stem, options=options,
                         answer=answer)
        for topic in ("学时要求", "培训班", "验证"):
            blueprint_item_set(actor=cast.provider, course=course, topic=topic, kind="single", count=1, points=1)
        course_submit(actor=cast.provider, course=course)
        course = course_approve(actor=cast.hr_fuzhou, course=course, note="内容符合公需科目要求，予以上架")
    enrolment_create(actor=cast.professional, course=course)


def load_demo_workflows() -> dict[str, Any]:
    cast = Cast()
    bases(cast)
    plans(cast)
    walked = classes(cast)
    online(cast)
    certificates(cast)
    verification(cast)
    statistics(cast)
    return {"classes": {k: v.get_status_display() for k, v in walked.items()}}
