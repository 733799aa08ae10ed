"""Accreditation of CE bases per tier (榕人专〔2009〕145号 五: 市人事局和各县（市）区人事部门分别负责本级
继续教育基地的认定和管理): application, review, 授牌 with number and validity, renewal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.db import transaction
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.audit.services import audit_record, snapshot
from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.numbering.services import Series, number_allocate, scope_of
from jxjy.orgs.models import HRBureau, Provider

from ..choices import ApplicationKind, ApplicationStatus, BaseEventKind, BaseStatus, Tier
from ..models import Announcement, BaseApplication, BaseEvent, CEBase
from ..scheme import scheme
from ._common import add_years, require_provider_admin, require_role, save_validated, today

TIER_LEVEL = {Tier.PROVINCE: "province", Tier.CITY: "city", Tier.COUNTY: "county"}


def accrediting_bureau_for(*, provider: Provider, tier: str) -> HRBureau:
    """The bureau of the tier's level above (or at) the provider's region: the one that accredits."""
    level = TIER_LEVEL[Tier(tier)]
    for region in provider.region.ancestors(include_self=True):
        if region.level == level:
            bureau = HRBureau.objects.filter(region=region).first()
            if bureau is not None:
                return bureau
    raise ApplicationError(
        f"{provider.region.full_name}的机构不能申报{Tier(tier).label}继续教育基地（所在地没有对应级别的人社局）",
        field="tier",
    )


@transaction.atomic
def base_application_create(
    *,
    actor: Any,
    provider: Provider,
    tier: str,
    scope_series: list[str],
    scope_subjects: list[str],
    scope_forms: list[str],
    facilities: str,
    places: str,
    full_time_teachers: int,
    part_time_teachers: int,
    management_rules: str,
    renewal_of: CEBase | None = None,
    submit: bool = False,
) -> BaseApplication:
    user = require_provider_admin(actor, provider)
    if not scope_subjects:
        raise ApplicationError("请选择办学范围的科目", field="scope_subjects")
    if not scope_forms:
        raise ApplicationError("请选择办学范围的培训形式", field="scope_forms")
    if renewal_of is not None:
        if renewal_of.provider_id != provider.pk:
            raise PermissionDenied("只能为本机构的基地申请换证")
        if renewal_of.status == BaseStatus.REVOKED:
            raise ConflictError("已摘牌的基地不能换证，请重新申报")
        tier = renewal_of.tier
    elif CEBase.objects.filter(provider=provider, tier=tier).exclude(status=BaseStatus.REVOKED).exists():
        raise ConflictError(f"本机构已是{Tier(tier).label}继续教育基地，到期前请申请换证", field="tier")
    application = BaseApplication(
        provider=provider,
        tier=tier,
        bureau=accrediting_bureau_for(provider=provider, tier=tier),
        kind=ApplicationKind.RENEWAL if renewal_of else ApplicationKind.NEW,
        renewal_of=renewal_of,
        scope_series=sorted(set(scope_series)),
        scope_subjects=sorted(set(scope_subjects)),
        scope_forms=sorted(set(scope_forms)),
        facilities=facilities,
        places=places,
        full_time_teachers=full_time_teachers,
        part_time_teachers=part_time_teachers,
        management_rules=management_rules,
        created_by=user,
    )
    save_validated(application)
    audit_record(actor=user, action="create", obj=application, after=snapshot(application),
                 message=f"填报{application}")
    if submit:
        return base_application_submit(actor=user, application=application)
    return application


@transaction.atomic
def base_application_submit(*, actor: Any, application: BaseApplication) -> BaseApplication:
    user = require_provider_admin(actor, application.provider)
    application = BaseApplication.objects.select_for_update().get(pk=application.pk)
    if application.status not in (ApplicationStatus.DRAFT, ApplicationStatus.RETURNED):
        raise ConflictError("该申请已提交，不能重复提交")
    application.status = ApplicationStatus.SUBMITTED
    application.submitted_at = timezone.now()
    save_validated(application, update_fields=["status", "submitted_at"])
    audit_record(actor=user, action="transition", obj=application, message=f"提交{application}，认定机关：{application.bureau}")
    return application


def _require_accrediting_officer(actor: Any, application: BaseApplication) -> Any:
    user = require_role(actor, Role.HR_OFFICER, message="只有人社局经办人员可以审核基地认定申请")
    if not user.is_superuser and user.hr_bureau_id != application.bureau_id:
        tier = Tier(application.tier).label
        raise PermissionDenied(
            f"{tier}继续教育基地由{application.bureau}认定，{user.hr_bureau}只能认定本级基地"
        )
    return user


def _next_number(bureau: HRBureau, year: int) -> str:
    seq = number_allocate(series=Series.CE_BASE, scope=scope_of("bureau", bureau.pk), year=year)
    return f"{bureau.region.name}继教基地〔{year}〕{seq:03d}号"


@transaction.atomic
def base_accredit(
    *, actor: Any, application: BaseApplication, valid_from: dt.date | None = None, valid_to: dt.date | None = None,
    comment: str = "",
) -> CEBase:
    """授牌: the accrediting bureau's officer accredits (or, for a renewal, extends) the base."""
    user = _require_accrediting_officer(actor, application)
    application = BaseApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ConflictError("只能认定待审核的申请")
    renewed = application.renewal_of
    # a renewal continues the day after the current validity (or today, if it already lapsed)
    start = valid_from or (max(today(), renewed.valid_to + dt.timedelta(days=1)) if renewed else today())
    end = valid_to or add_years(start, scheme().validity_years) - dt.timedelta(days=1)
    if end < start:
        raise ApplicationError("有效期至不能早于有效期起", field="valid_to")
    scope = {
        "scope_series": application.scope_series, "scope_subjects": application.scope_subjects,
        "scope_forms": application.scope_forms, "facilities": application.facilities,
        "places": application.places, "management_rules": application.management_rules,
    }
    if application.renewal_of is not None:
        base = CEBase.objects.select_for_update().get(pk=application.renewal_of.pk)
        if base.status == BaseStatus.REVOKED:
            raise ConflictError("已摘牌的基地不能换证")
        before = snapshot(base)
        for key, value in scope.items():
            setattr(base, key, value)
        base.valid_to = end
        save_validated(base)
        BaseEvent.objects.create(base=base, kind=BaseEventKind.RENEWED, occurred_on=today(), actor=user,
                                 description=f"换证续期至{end:%Y年%m月%d日}（申请 #{application.pk}）")
        audit_record(actor=user, action="update", obj=base, before=before, after=snapshot(base),
                     message=f"基地换证续期：{base}")
    else:
        base = CEBase(
            provider=application.provider, tier=application.tier, bureau=application.bureau,
            number=_next_number(application.bureau, start.year), application=application,
            valid_from=start, valid_to=end, accredited_by=user, accredited_at=timezone.now(), **scope,
        )
        save_validated(base)
        BaseEvent.objects.create(base=base, kind=BaseEventKind.ACCREDITED, occurred_on=start, actor=user,
                                 description=f"认定为{base.get_tier_display()}继续教育基地，编号{base.number}，"
                                             f"有效期{start:%Y-%m-%d}至{end:%Y-%m-%d}")
        Announcement.objects.create(
            base=base, kind="accredited", published_on=start,
            title=f"关于认定{base.provider}为{base.get_tier_display()}继续教育基地的公告",
            body=f"经审核，{application.bureau}认定{base.provider}为{base.get_tier_display()}继续教育基地（{base.number}），"
                 f"有效期{start:%Y年%m月%d日}至{end:%Y年%m月%d日}。办学范围：{scope_text(base)}。",
        )
        audit_record(actor=user, action="create", obj=base, after=snapshot(base), message=f"授牌：{base}")
    application.status = ApplicationStatus.ACCREDITED
    application.decided_by = user
    application.decided_at = timezone.now()
    application.comment = comment
    save_validated(application, update_fields=["status", "decided_by", "decided_at", "comment"])
    audit_record(actor=user, action="transition", obj=application, message=f"认定通过：{application}")
    return base


@transaction.atomic
def base_application_decline(*, actor: Any, application: BaseApplication, comment: str, reject: bool) -> BaseApplication:
    """Return the application for changes, or (reject=True) refuse it; a reason is required."""
    user = _require_accrediting_officer(actor, application)
    application = BaseApplication.objects.select_for_update().get(pk=application.pk)
    if application.status != ApplicationStatus.SUBMITTED:
        raise ConflictError("只能审核待审核的申请")
    if not comment.strip():
        raise ApplicationError("请填写审核意见", field="comment")
    application.status = ApplicationStatus.REJECTED if reject else ApplicationStatus.RETURNED
    application.decided_by = user
    application.decided_at = timezone.now()
    application.comment = comment.strip()
    save_validated(application, update_fields=["status", "decided_by", "decided_at", "comment"])
    audit_record(actor=user, action="transition", obj=application,
                 message=f"{application.get_status_display()}：{application}（{application.comment}）")
    return application


def scope_text(base: CEBase | BaseApplication) -> str:
    """The accredited scope in words, e.g. '卫生系列 专业科目 集中培训'."""
    from jxjy.people.choices import Series
    from jxjy.records.choices import LearningForm, Subject

    series = "、".join(f"{Series(s).label}系列" if s in Series.values else s for s in base.scope_series) or "不限系列"
    subjects = "、".join(Subject(s).label if s in Subject.values else s for s in base.scope_subjects)
    forms = "、".join(LearningForm(f).label if f in LearningForm.values else f for f in base.scope_forms)
    return f"{series} {subjects} {forms}"
