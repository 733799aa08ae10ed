"""Reading configuration: a bureau's settings (or the defaults) and the review chain of an organiser."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model

from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import HRBureau, IndustryAuthority, Provider
from jxjy.regions.models import Region
from jxjy.regions.procedures import CitedValue, region_procedure

from ..choices import NoticeMode, ReviewerKind
from ..models import ReviewChain, TrainingSettings

# The default chains, as data (榕人专〔2009〕145号 附件1: 主管部门或县（市）区人事行政部门审核意见 → 市人事行政部门审核意见).
# A bureau overrides them with ReviewChain rows.
DEFAULT_CHAINS: dict[str, list[tuple[str, bool]]] = {
    "county": [(ReviewerKind.SUPERVISING_AUTHORITY_OR_REGION_BUREAU, False), (ReviewerKind.CITY_BUREAU, False)],
    "city": [(ReviewerKind.SUPERVISING_AUTHORITY, True), (ReviewerKind.CITY_BUREAU, False)],
    "province": [(ReviewerKind.SUPERVISING_AUTHORITY, True), (ReviewerKind.PROVINCE_BUREAU, False)],
}


# TrainingSettings field -> the procedural parameter of the rule set of the bureau's region
# (jxjy/rules/procedures.yaml). An empty field reads the rule set; a filled one overrides it.
PROCEDURE_FIELDS: dict[str, str] = {
    "plan_deadline_month": "class_plan_due_month",
    "min_working_days": "class_application_lead_working_days",
    "notice_days": "class_public_notice_days",
    "notice_mode": "class_notice_mode",
    "recognition_days": "hours_recognition_days",
}
NOTICE_MODES: dict[str, str] = {"continuous": NoticeMode.CONTINUOUS, "quarterly_first_week": NoticeMode.ROUNDS}
_CITED = "_procedures"  # attribute of a filled settings row: field -> (CitedValue, overridden)


def _as_field_value(field: str, cited: CitedValue) -> int | str:
    if field == "notice_mode":
        return NOTICE_MODES[str(cited.value)]
    return int(cited.value or 0)


def settings_for(bureau: HRBureau | None, on: dt.date | None = None) -> TrainingSettings:
    """The bureau's settings (its row, or an unsaved one), every regulatory number filled: the
    bureau's override where it set one, else the rule set of its region in force on `on` (today)."""
    found = TrainingSettings.objects.filter(hr_bureau=bureau).first() if bureau is not None else None
    cfg = found if found is not None else (TrainingSettings(hr_bureau=bureau) if bureau is not None else TrainingSettings())
    region = bureau.region if bureau is not None else None
    cited: dict[str, tuple[CitedValue, bool]] = {}
    for field, name in PROCEDURE_FIELDS.items():
        value = region_procedure(region, name, on)
        overridden = getattr(cfg, field) not in (None, "")
        if not overridden:
            setattr(cfg, field, _as_field_value(field, value))
        cited[field] = (value, overridden)
    setattr(cfg, _CITED, cited)  # noqa: B010 (not a model field)
    return cfg


def setting_basis(cfg: TrainingSettings, field: str) -> str:
    """Where a number of `cfg` (from ``settings_for``) comes from, for messages and pages: the rule
    set's citation (or its default's explanation), or the bureau's override beside the cited value."""
    cited: dict[str, tuple[CitedValue, bool]] = getattr(cfg, _CITED, {})
    if field not in cited:
        return ""
    value, overridden = cited[field]
    if not overridden:
        return value.reference
    shown = _as_field_value(field, value)
    if field == "notice_mode":
        shown = NoticeMode(str(shown)).label
    label = "系统默认" if value.is_default else "规则集规定"
    return f"本局设定（{label}为{shown}：{value.reference}）"


def bureau_of(region: Region) -> HRBureau | None:
    """The HR bureau of the region itself, or of its nearest ancestor that has one."""
    bureaus = {b.region.code: b for b in HRBureau.objects.filter(region__code__in=region.ancestor_codes())
               .select_related("region")}
    for code in reversed(region.ancestor_codes()):
        if code in bureaus:
            return bureaus[code]
    return None


def _bureau_at_level(region: Region, level: str) -> HRBureau | None:
    for ancestor in region.ancestors(include_self=True):
        if ancestor.level == level:
            return HRBureau.objects.filter(region=ancestor).first()
    return None


@dataclass(frozen=True)
class ResolvedStep:
    reviewer: Model  # HRBureau or IndustryAuthority


def _resolve(kind: str, provider: Provider) -> Model | None:
    region = provider.region
    if kind == ReviewerKind.SUPERVISING_AUTHORITY:
        return provider.supervising_authority
    if kind == ReviewerKind.SUPERVISING_AUTHORITY_OR_REGION_BUREAU:
        return provider.supervising_authority or HRBureau.objects.filter(region=region).first()
    if kind == ReviewerKind.REGION_BUREAU:
        return HRBureau.objects.filter(region=region).first()
    if kind == ReviewerKind.CITY_BUREAU:
        return _bureau_at_level(region, "city")
    if kind == ReviewerKind.PROVINCE_BUREAU:
        return _bureau_at_level(region, "province")
    raise ValueError(kind)


def chain_spec_for(provider: Provider) -> list[tuple[str, bool]]:
    """The configured chain for the organiser's level in its own or an enclosing bureau, else the default."""
    region = provider.region
    codes = region.ancestor_codes()
    rows = ReviewChain.objects.filter(organiser_level=region.level, hr_bureau__region__code__in=codes)
    chains: dict[str, ReviewChain] = {}
    for chain in rows.select_related("hr_bureau__region"):
        assert chain.hr_bureau is not None
        chains[chain.hr_bureau.region.code] = chain
    for code in reversed(codes):
        if code in chains:
            return [(s.reviewer, s.skip_if_unresolved) for s in chains[code].steps.all()]
    default = ReviewChain.objects.filter(organiser_level=region.level, hr_bureau__isnull=True).first()
    if default is not None:
        return [(s.reviewer, s.skip_if_unresolved) for s in default.steps.all()]
    return DEFAULT_CHAINS[region.level]


def resolve_chain(provider: Provider) -> list[ResolvedStep]:
    """The reviewers, in order, for a class of this organiser; consecutive duplicates collapse.
    The last reviewer must be an HR bureau: it approves and numbers the class."""
    steps: list[ResolvedStep] = []
    for kind, skip in chain_spec_for(provider):
        reviewer = _resolve(kind, provider)
        if reviewer is None:
            if skip:
                continue
            raise ApplicationError(f"无法确定审核单位（{ReviewerKind(kind).label}），请联系人社部门配置审核链")
        if steps and steps[-1].reviewer == reviewer:
            continue
        steps.append(ResolvedStep(reviewer=reviewer))
    if not steps or not isinstance(steps[-1].reviewer, HRBureau):
        raise ApplicationError("审核链的最后一步必须是人社局，请联系人社部门配置审核链")
    return steps


def reviewer_fields(reviewer: Model) -> dict[str, Model | None]:
    return {
        "hr_bureau": reviewer if isinstance(reviewer, HRBureau) else None,
        "industry_authority": reviewer if isinstance(reviewer, IndustryAuthority) else None,
    }
