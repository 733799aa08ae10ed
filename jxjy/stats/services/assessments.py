"""Assessments of industry authorities (第十八、十九条) and units (第二十二、二十三条), and commendations
(第二十条, 第二十四条) — 常人社发〔2011〕11号. Each stores the figures it cites; `*_figures` recompute them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import ROUND_FLOOR, Decimal
from typing import Any

from django.db import transaction
from django.db.models import Count, Q, Sum
from django.utils import timezone

from jxjy.accounts.models import User
from jxjy.accounts.policy import can
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.orgs.models import EmployerUnit, IndustryAuthority
from jxjy.people.models import Professional
from jxjy.records.choices import RecordStatus
from jxjy.records.models import Certificate, GateCheck, LearningRecord, Standing, StandingKind
from jxjy.regions.procedures import region_procedure
from jxjy.training.choices import PlanStatus
from jxjy.training.models import Enrolment, TrainingClass, TrainingPlan

from ..choices import AUTHORITY_ITEMS, UNIT_ITEMS, AssessmentKind, AssessmentOutcome, CommendationArticle
from ..models import Assessment, Commendation, ExcellentGrade, SampleItem
from ..selectors.base import HELD, STANDING_COUNTS

FILED = (PlanStatus.SUBMITTED, PlanStatus.APPROVED)


def _people_figures(people: Any, standings: Q, year: int) -> dict[str, Any]:
    """Figures over the target's people; compliance from their stored standings of `year` (live,
    whether or not an annual report was generated), selected by `standings` (current unit)."""
    recs = LearningRecord.objects.filter(professional__in=people, status=RecordStatus.RECOGNISED, year=year)
    comp = Standing.objects.filter(standings, kind=StandingKind.ANNUAL, end_year=year).aggregate(**STANDING_COUNTS)
    return {
        "people": people.count(),
        "trained": recs.values("professional_id").distinct().count(),
        "public_subject_people": recs.filter(subject="public").values("professional_id").distinct().count(),
        "hours": float(recs.aggregate(h=Sum("hours"))["h"] or 0),
        "compliance_evaluated": comp["evaluated"],
        "compliance_compliant": comp["compliant"],
    }


def authority_figures(authority: IndustryAuthority, year: int) -> dict[str, Any]:
    """The data behind the items of 第十八条 for one authority and year."""
    people = Professional.objects.filter(unit__supervising_authority=authority)
    plans = TrainingPlan.objects.filter(industry_authority=authority, year=year)
    return {
        "officers": User.objects.filter(industry_authority=authority, is_active=True).count(),
        "plans_filed": plans.filter(status__in=FILED).count(),
        "plans_approved": plans.filter(status=PlanStatus.APPROVED).count(),
        "plan_items": plans.filter(status=PlanStatus.APPROVED).aggregate(n=Count("items"))["n"],
        "plan_classes_held": TrainingClass.objects.filter(plan_item__plan__in=plans, status__in=HELD).count(),
        **_people_figures(people, Q(unit__supervising_authority=authority), year),
        "gate_checks": GateCheck.objects.filter(professional__in=people, year=year).count(),
        "gate_refusals": GateCheck.objects.filter(professional__in=people, year=year, allowed=False).count(),
        "certificates": Certificate.objects.filter(series__authority=authority).count(),
        "certificates_revoked": Certificate.objects.filter(series__authority=authority, revoked_at__isnull=False).count(),
    }


def unit_figures(unit: EmployerUnit, year: int) -> dict[str, Any]:
    """The data behind the items of 第二十二条 for one unit and year."""
    people = Professional.objects.filter(unit=unit)
    enrol = Enrolment.objects.filter(professional__unit=unit, training_class__status__in=HELD,
                                     training_class__start_date__year=year)
    return {
        "staff_size": unit.staff_size,
        "plans_filed": TrainingPlan.objects.filter(employer_unit=unit, year=year, status__in=FILED).count(),
        **_people_figures(people, Q(unit=unit), year),
        "class_trainees": enrol.count(),
        "fees": float(enrol.filter(training_class__charges_fee=True).aggregate(s=Sum("training_class__fee_per_person"))["s"] or 0),
    }


def _items(given: dict[str, tuple[bool, str]], catalogue: list[tuple[str, str]]) -> dict[str, dict[str, Any]]:
    codes = [c for c, _ in catalogue]
    missing = [label for c, label in catalogue if c not in given]
    if missing:
        raise ApplicationError(f"缺少考核项目：{'、'.join(missing)}", field="items")
    unknown = set(given) - set(codes)
    if unknown:
        raise ApplicationError(f"未知的考核项目：{'、'.join(sorted(unknown))}", field="items")
    out = {}
    for code, label in catalogue:
        passed, note = given[code]
        if not passed and not note.strip():
            raise ApplicationError(f"“{label}”不合格，须写明情况", field=code)
        out[code] = {"label": label, "passed": bool(passed), "note": note.strip()[:300]}
    return out


def _officer_of(actor: User, target: IndustryAuthority | EmployerUnit) -> None:
    if not (actor.is_superuser or (actor.role == "hr_officer" and can(actor, "change", target))):
        raise PermissionDenied("只有本辖区人社部门可以考核")


def _notice(target: Any, year: int, items: dict[str, dict[str, Any]], basis: str) -> str:
    failed = [f"{v['label']}（{v['note']}）" for v in items.values() if not v["passed"]]
    if not failed:
        return ""
    return (f"关于{year}年度继续教育工作考核情况的通报：经考核，{target}存在以下问题：" + "；".join(failed)
            + f"。{basis}，予以通报。")


@transaction.atomic
def assessment_authority_record(*, actor: User, authority: IndustryAuthority, year: int,
                                items: dict[str, tuple[bool, str]]) -> Assessment:
    """第十八条 check of an industry authority; any failed item means 通报 (第十九条)."""
    _officer_of(actor, authority)
    checked = _items(items, AUTHORITY_ITEMS)
    if Assessment.objects.filter(kind=AssessmentKind.AUTHORITY, authority=authority, year=year).exists():
        raise ConflictError(f"{authority}{year}年度已考核")
    failed = any(not v["passed"] for v in checked.values())
    assessment = Assessment(
        kind=AssessmentKind.AUTHORITY, year=year, region=authority.region, authority=authority, items=checked,
        figures=authority_figures(authority, year), outcome=AssessmentOutcome.NOTIFIED if failed else AssessmentOutcome.PASSED,
        notice_text=_notice(authority, year, checked, "根据《常州市专业技术人员继续教育管理和考核办法（试行）》第十九条"),
        assessed_by=actor, assessed_at=timezone.now(),
    )
    assessment.full_clean()
    assessment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=assessment, after=snapshot(assessment),
                 message=f"考核行业主管部门：{assessment}")
    return assessment


def quota_cut_range(unit: EmployerUnit, year: int) -> tuple[tuple[Decimal, Decimal], str]:
    """The percentage points a failed unit's "excellent" quota is cut by, from the rule set of the
    unit's region (常人社发〔2011〕11号 第二十三条: 1%—2%; elsewhere the default, which says so),
    with the citation."""
    on = dt.date(year, 12, 31)
    low = region_procedure(unit.region, "excellent_quota_reduction_min", on)
    high = region_procedure(unit.region, "excellent_quota_reduction_max", on)
    percent = [Decimal(str(v.value)) * 100 for v in (low, high)]
    basis = low.reference if low.reference == high.reference else f"{low.reference}；{high.reference}"
    return (percent[0].normalize(), percent[1].normalize()), basis


@transaction.atomic
def assessment_unit_record(*, actor: User, unit: EmployerUnit, year: int, items: dict[str, tuple[bool, str]],
                           quota_cut_percent: Decimal | None = None, sample_item: SampleItem | None = None) -> Assessment:
    """第二十二条 spot check of a unit. Failed → 不合格: the unit's quota of "excellent" grades in that
    year's annual assessment is cut by 1–2 percentage points, and it is criticised (第二十三条); the
    range is read from the rule set of the unit's region (``quota_cut_range``)."""
    _officer_of(actor, unit)
    checked = _items(items, UNIT_ITEMS)
    failed = any(not v["passed"] for v in checked.values())
    basis = ""
    if failed:
        (low, high), basis = quota_cut_range(unit, year)
        if quota_cut_percent is None or not low <= Decimal(quota_cut_percent) <= high:
            raise ApplicationError(f"抽查不合格的单位，优秀比例须核减{low:g}%至{high:g}%（{basis}）",
                                   field="quota_cut_percent")
    elif quota_cut_percent is not None:
        raise ApplicationError("抽查合格的单位不核减优秀比例", field="quota_cut_percent")
    if sample_item is not None and sample_item.unit_id != unit.pk:
        raise ApplicationError("抽样检查项不是该单位", field="sample_item")
    if Assessment.objects.filter(kind=AssessmentKind.UNIT, unit=unit, year=year).exists():
        raise ConflictError(f"{unit}{year}年度已抽查考核")
    assessment = Assessment(
        kind=AssessmentKind.UNIT, year=year, region=unit.region, unit=unit, sample_item=sample_item, items=checked,
        figures=unit_figures(unit, year), outcome=AssessmentOutcome.FAILED if failed else AssessmentOutcome.PASSED,
        quota_cut_percent=Decimal(quota_cut_percent) if failed and quota_cut_percent is not None else None,
        # the cut and its basis: the rule set of the unit's region (常人社发〔2011〕11号 第二十三条 in 常州)
        notice_text=_notice(unit, year, checked,
                            f"{year}年度考核时优秀比例核减{Decimal(quota_cut_percent or 0):g}%（{basis}）" if failed else ""),
        assessed_by=actor, assessed_at=timezone.now(),
    )
    assessment.full_clean()
    assessment.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=assessment, after=snapshot(assessment),
                 message=f"抽查考核单位：{assessment}")
    return assessment


@transaction.atomic
def assessment_notice_publish(*, actor: User, assessment: Assessment) -> Assessment:
    """Publishes the 通报 of an authority (第十九条) or a failed unit (第二十三条)."""
    _officer_of(actor, assessment.target)
    if assessment.outcome == AssessmentOutcome.PASSED:
        raise ConflictError("考核合格，无需通报")
    if assessment.published_at is not None:
        raise ConflictError("通报已发布")
    assessment.published_at = timezone.now()
    assessment.save(update_fields=["published_at"])
    audit_record(actor=actor, action=AuditAction.TRANSITION, obj=assessment, message=f"发布通报：{assessment}")
    return assessment


def excellent_quota_cut(unit: EmployerUnit, year: int) -> Decimal:
    """Percentage points cut from the unit's quota of "excellent" grades for `year` (0 if none)."""
    cut = Assessment.objects.filter(kind=AssessmentKind.UNIT, unit=unit, year=year,
                                    outcome=AssessmentOutcome.FAILED).values_list("quota_cut_percent", flat=True).first()
    return cut or Decimal(0)


def figures_now(assessment: Assessment) -> dict[str, Any]:
    target = assessment.target
    if isinstance(target, IndustryAuthority):
        return authority_figures(target, assessment.year)
    return unit_figures(target, assessment.year)


@transaction.atomic
def commendation_award(*, actor: User, assessment: Assessment, article: str, reason: str,
                       person_name: str = "") -> Commendation:
    """第二十条: departments (units) and individuals with outstanding results in the assessment;
    第二十四条: units, or their heads, assessed excellent. Either rests on a passed assessment."""
    _officer_of(actor, assessment.target)
    if article not in CommendationArticle.values:
        raise ApplicationError("表彰依据无效", field="article")
    if assessment.outcome != AssessmentOutcome.PASSED:
        raise ConflictError("考核未合格，不能表彰")
    if article == CommendationArticle.ART24 and assessment.kind != AssessmentKind.UNIT:
        raise ApplicationError("第二十四条表彰的是企事业单位或单位负责人", field="article")
    if not reason.strip():
        raise ApplicationError("请填写表彰事由", field="reason")
    commendation = Commendation(
        article=article, year=assessment.year, region=assessment.region, assessment=assessment,
        person_name=person_name.strip()[:50], reason=reason.strip()[:500],
        figures={"assessment_id": assessment.pk, "items": assessment.items, "figures": assessment.figures},
        awarded_by=actor, awarded_at=timezone.now(),
    )
    commendation.full_clean()
    commendation.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=commendation, after=snapshot(commendation),
                 message=f"表彰：{commendation}")
    return commendation


# --- 年度考核优秀: the unit's quota, reduced by a failed spot check (第二十三条) -----------------------
@dataclass(frozen=True)
class ExcellentQuota:
    """How many 年度考核优秀 grades a unit may give for a year, and why."""

    unit: EmployerUnit
    year: int
    participants: int
    base_percent: Decimal
    base_basis: str
    cut_percent: Decimal
    cut_basis: str  # the failed check and its article, "" without a cut
    used: int

    @property
    def percent(self) -> Decimal:
        return max(self.base_percent - self.cut_percent, Decimal(0))

    @property
    def most(self) -> int:
        return int((self.participants * self.percent / 100).to_integral_value(rounding=ROUND_FLOOR))

    @property
    def left(self) -> int:
        return max(self.most - self.used, 0)

    def explain(self) -> str:
        text = f"参加考核{self.participants}人，优秀比例{self.base_percent:g}%（{self.base_basis}）"
        if self.cut_percent:
            text += f"，核减{self.cut_percent:g}%（{self.cut_basis}）后为{self.percent:g}%"
        return text + f"，最多{self.most}人，已评{self.used}人"


def excellent_quota(unit: EmployerUnit, year: int) -> ExcellentQuota:
    """The unit's quota of 年度考核优秀 for `year`: the original proportion (the rule set's, else the
    default, which says so) less the cut decided by a failed spot check of that year (常人社发〔2011〕11号
    第二十三条), over the unit's staff."""
    base = region_procedure(unit.region, "excellent_quota_percent", dt.date(year, 12, 31))
    failed = Assessment.objects.filter(kind=AssessmentKind.UNIT, unit=unit, year=year,
                                       outcome=AssessmentOutcome.FAILED).first()
    cut = failed.quota_cut_percent if failed is not None and failed.quota_cut_percent else Decimal(0)
    cut_basis = ""
    if failed is not None:
        cut_basis = f"{year}年度继续教育抽查不合格，{quota_cut_range(unit, year)[1]}"
    return ExcellentQuota(
        unit=unit, year=year, participants=Professional.objects.filter(unit=unit).count(),
        base_percent=(Decimal(str(base.value)) * 100).normalize(), base_basis=base.reference,
        cut_percent=Decimal(cut).normalize(), cut_basis=cut_basis,
        used=ExcellentGrade.objects.filter(unit=unit, year=year).count(),
    )


@transaction.atomic
def excellent_grade_record(*, actor: User, professional: Professional, year: int) -> ExcellentGrade:
    """The unit records a 年度考核优秀 grade: only with CE completed for the year (the gate,
    常人社发〔2011〕11号 第十四条; 榕人专〔2009〕145号 三) and within the quota left after a failed spot
    check's cut (第二十三条). Counted under a lock on the unit, so two officers cannot both take the
    last place."""
    from jxjy.records.choices import GatePurpose
    from jxjy.records.services import gate_check

    unit = professional.unit
    if not (actor.role == "unit_admin" and actor.employer_unit_id == unit.pk):
        raise PermissionDenied("年度考核优秀由本单位继续教育管理员登记")
    unit = EmployerUnit.objects.select_for_update().get(pk=unit.pk)
    if ExcellentGrade.objects.filter(professional=professional, year=year).exists():
        raise ConflictError(f"{professional.name}{year}年度已登记为考核优秀")
    quota = excellent_quota(unit, year)
    if quota.left <= 0:
        raise ApplicationError(f"本单位{year}年度考核优秀名额已满：{quota.explain()}", field="professional")
    answer = gate_check(actor=actor, professional=professional, purpose=GatePurpose.EXCELLENT_GRADE, year=year)
    if not answer["allowed"]:
        raise ApplicationError(f"{professional.name}不能评为{year}年度考核优秀：" + "；".join(answer["reasons"]),
                               field="professional")
    check = GateCheck.objects.filter(professional=professional, purpose=GatePurpose.EXCELLENT_GRADE,
                                     year=year).order_by("-checked_at", "-id").first()
    assert check is not None
    grade = ExcellentGrade(unit=unit, professional=professional, year=year, gate_check=check, recorded_by=actor,
                           recorded_at=timezone.now())
    grade.full_clean()
    grade.save()
    audit_record(actor=actor, action=AuditAction.CREATE, obj=grade, after=snapshot(grade),
                 region_path=unit.region.path, message=f"登记{year}年度考核优秀：{professional.name}（{quota.explain()}）")
    return grade
