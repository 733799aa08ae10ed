"""Reading configuration: a bureau's settings (or the defaults) and the review chain of an organiser."""

from __future__ import annotations

from dataclasses import dataclass

from django.db.models import Model

from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import HRBureau, IndustryAuthority, Provider
from jxjy.regions.models import Region

from ..choices import ReviewerKind
from ..models import ReviewChain, TrainingSettings

# The default chains, as data (榕人专〔2009〕145号 附件1: 主管部门或县（市）区人事行政部门审核意见 → 市人事行政部门审核意见).
# A bureau overrides them with ReviewChain rows.
DEFAULT_CHAINS: dict[str, list[tuple[str, bool]]] = {
    "county": [(ReviewerKind.SUPERVISING_AUTHORITY_OR_REGION_BUREAU, False), (ReviewerKind.CITY_BUREAU, False)],
    "city": [(ReviewerKind.SUPERVISING_AUTHORITY, True), (ReviewerKind.CITY_BUREAU, False)],
    "province": [(ReviewerKind.SUPERVISING_AUTHORITY, True), (ReviewerKind.PROVINCE_BUREAU, False)],
}


def settings_for(bureau: HRBureau | None) -> TrainingSettings:
    """The bureau's settings row, or an unsaved row holding the defaults."""
    if bureau is not None:
        found = TrainingSettings.objects.filter(hr_bureau=bureau).first()
        if found is not None:
            return found
    return TrainingSettings(hr_bureau=bureau) if bureau is not None else TrainingSettings()


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
