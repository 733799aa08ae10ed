"""Reading configuration: a bureau's settings (or the defaults) and the review chain of a class, both
from the rule set of the region with jurisdiction over the class's target professionals."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Model

from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import HRBureau, IndustryAuthority, Provider
from jxjy.regions.models import Region
from jxjy.regions.procedures import CitedItems, CitedValue, region_procedure, region_procedure_items

from ..choices import NoticeMode, ReviewerKind
from ..models import ReviewChain, TrainingClass, TrainingSettings

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


def settings_for(bureau: HRBureau | None, on: dt.date | None = None, *, region: Region | None = None) -> TrainingSettings:
    """The bureau's settings (its row, or an unsaved one), every regulatory number filled: the
    bureau's override where it set one, else the rule set in force on `on` (today) of `region`
    (default: the bureau's region)."""
    found = TrainingSettings.objects.filter(hr_bureau=bureau).first() if bureau is not None else None
    cfg = found if found is not None else (TrainingSettings(hr_bureau=bureau) if bureau is not None else TrainingSettings())
    if region is None:
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


def class_settings(training_class: TrainingClass, on: dt.date | None = None) -> TrainingSettings:
    """The class workflow's numbers for a class (lead time, notice days and mode, recognition days):
    those of the region with jurisdiction over its target professionals (``jurisdiction``), with the
    override of the nearest bureau at or above that region that set one (a city's settings cover
    its districts)."""
    region = training_class.jurisdiction
    codes = region.ancestor_codes()
    rows = {s.hr_bureau.region.code: s.hr_bureau for s in TrainingSettings.objects.filter(
        hr_bureau__region__code__in=codes).select_related("hr_bureau__region")}
    bureau = next((rows[c] for c in reversed(codes) if c in rows), None) or bureau_of(region)
    return settings_for(bureau, on, region=region)


def recognition_evidence(training_class: TrainingClass) -> CitedItems:
    """The evidence kinds hours recognition needs for this class (``hours_recognition_evidence`` of
    the rule set of its target region, in force on its last day)."""
    return region_procedure_items(training_class.jurisdiction, "hours_recognition_evidence", training_class.end_date)


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


@dataclass(frozen=True)
class ChainSpec:
    """Who reviews a class, in order, and who approves it, as configured: ``(kind, optional)`` steps,
    the last one approving, with where each part comes from (citation, default or a bureau's chain)."""

    steps: tuple[tuple[str, bool], ...]
    reviewers_basis: str
    approver_basis: str
    is_default: bool = False

    @property
    def basis(self) -> str:
        if self.reviewers_basis == self.approver_basis:
            return self.reviewers_basis
        return f"审核：{self.reviewers_basis}；批准：{self.approver_basis}"


def _resolve(kind: str, provider: Provider, target: Region) -> Model | None:
    region = provider.region
    if kind == ReviewerKind.SUPERVISING_AUTHORITY:
        return provider.supervising_authority
    if kind == ReviewerKind.SUPERVISING_AUTHORITY_OR_REGION_BUREAU:
        return provider.supervising_authority or HRBureau.objects.filter(region=region).first()
    if kind == ReviewerKind.REGION_BUREAU:
        return HRBureau.objects.filter(region=region).first()
    if kind == ReviewerKind.TARGET_BUREAU:
        return bureau_of(target)
    if kind == ReviewerKind.CITY_BUREAU:
        return _bureau_at_level(target, "city") or _bureau_at_level(region, "city")
    if kind == ReviewerKind.PROVINCE_BUREAU:
        return _bureau_at_level(target, "province") or _bureau_at_level(region, "province")
    raise ValueError(kind)


def _bureau_chain(level: str, target: Region) -> ChainSpec | None:
    """The chain a bureau configured for its area (its own or the nearest enclosing one), if any."""
    codes = target.ancestor_codes()
    rows = ReviewChain.objects.filter(organiser_level=level, hr_bureau__region__code__in=codes)
    chains = {chain.hr_bureau.region.code: chain for chain in rows.select_related("hr_bureau__region")
              if chain.hr_bureau is not None}
    for code in reversed(codes):
        if code in chains:
            chain = chains[code]
            basis = f"{chain.hr_bureau}设定的审核链（{chain.name}）"
            return ChainSpec(tuple((s.reviewer, s.skip_if_unresolved) for s in chain.steps.all()), basis, basis)
    return None


def chain_spec_for(provider: Provider, target: Region | None = None, on: dt.date | None = None) -> ChainSpec:
    """The chain for a class of this organiser aimed at professionals of ``target`` (default: the
    organiser's region): a bureau's own chain for the target's area, else the rule set of the target
    region (``class_reviewers_<organiser level>`` then ``class_approver_<organiser level>``)."""
    target = target or provider.region
    level = provider.region.level
    configured = _bureau_chain(level, target)
    if configured is not None:
        return configured
    reviewers = region_procedure_items(target, f"class_reviewers_{level}", on)
    approver = region_procedure(target, f"class_approver_{level}", on)
    steps = [(item.removesuffix("?"), item.endswith("?")) for item in reviewers.items]
    steps.append((str(approver.value), False))
    return ChainSpec(tuple(steps), reviewers.reference, approver.reference,
                     reviewers.is_default and approver.is_default)


def resolve_chain(provider: Provider, target: Region | None = None, on: dt.date | None = None) -> list[ResolvedStep]:
    """The reviewers, in order, for a class of this organiser aimed at professionals of ``target``;
    consecutive duplicates collapse. The last reviewer must be an HR bureau: it approves and numbers
    the class."""
    target = target or provider.region
    spec = chain_spec_for(provider, target, on)
    steps: list[ResolvedStep] = []
    for kind, skip in spec.steps:
        reviewer = _resolve(kind, provider, target)
        if reviewer is None:
            if skip:
                continue
            raise ApplicationError(f"无法确定审核单位（{ReviewerKind(kind).label}），请联系人社部门配置审核链（{spec.basis}）")
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
