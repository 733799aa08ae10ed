"""The checks a training-class application must pass (integration contract with jxjy.training):
the provider is a CE base accredited on the date, the class lies inside its accredited scope, and the
fee respects the standard in force with a fee licence number (榕人专〔2009〕145号 五; 河南 2012 六(二))."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import Any

from jxjy.core.errors import ApplicationError
from jxjy.orgs.models import Provider
from jxjy.people.choices import Series
from jxjy.records.choices import LearningForm, Subject

from ..choices import BaseStatus
from ..models import CEBase
from .accreditation import scope_text
from .fees import fee_cap_for, fee_limit, fee_standard_in_force


def _class_type_label(class_type: str) -> str:
    try:
        from jxjy.training.choices import ClassType

        return str(ClassType(class_type).label)
    except (ImportError, ValueError):
        return class_type


def _money(value: Any) -> Decimal:
    try:
        return Decimal(str(value if value not in (None, "") else 0))
    except InvalidOperation:
        raise ApplicationError("收费金额无效", field="fee_per_person") from None


def bases_valid_on(*, provider: Provider, on: dt.date) -> list[CEBase]:
    return list(
        CEBase.objects.filter(provider=provider, valid_from__lte=on, valid_to__gte=on)
        .exclude(status=BaseStatus.REVOKED)
        .order_by("tier")
    )


def _accreditation_problem(provider: Provider, on: dt.date) -> ApplicationError:
    revoked = CEBase.objects.filter(provider=provider, status=BaseStatus.REVOKED, revoked_on__lte=on).order_by(
        "-revoked_on").first()
    if revoked is not None:
        return ApplicationError(
            f"{provider}的{revoked.get_tier_display()}继续教育基地资格已于{revoked.revoked_on:%Y年%m月%d日}取消（摘牌），"
            "不能申报培训班", field="provider")
    expired = CEBase.objects.filter(provider=provider, valid_to__lt=on).exclude(status=BaseStatus.REVOKED).order_by(
        "-valid_to").first()
    if expired is not None:
        return ApplicationError(
            f"{provider}的继续教育基地认定已于{expired.valid_to:%Y年%m月%d日}到期，请先办理换证", field="provider")
    return ApplicationError(
        f"{provider}在{on:%Y年%m月%d日}不是经认定的继续教育基地，不能申报培训班", field="provider")


def _covers(base: CEBase, series: list[str], subject: str, form: str) -> bool:
    series_ok = not base.scope_series or (bool(series) and set(series) <= set(base.scope_series))
    return series_ok and subject in base.scope_subjects and form in base.scope_forms


def _outside_scope(bases: list[CEBase], series: list[str], subject: str, form: str) -> ApplicationError:
    all_series = set().union(*(set(b.scope_series) for b in bases))
    unrestricted = any(not b.scope_series for b in bases)
    missing: list[str] = []
    if not unrestricted:
        if not series:
            missing.append("面向全部系列的培训")
        missing += [f"{Series(s).label if s in Series.values else s}系列" for s in series if s not in all_series]
    if not any(subject in b.scope_subjects for b in bases):
        missing.append(Subject(subject).label if subject in Subject.values else subject)
    if not any(form in b.scope_forms for b in bases):
        missing.append(LearningForm(form).label if form in LearningForm.values else form)
    scopes = "；".join(scope_text(b) for b in bases)
    detail = "、".join(missing) if missing else "所申报的系列、科目与形式的组合"
    return ApplicationError(f"该机构认定的办学范围为：{scopes}，不包括{detail}", field="scope",
                            extra={"scope": [scope_text(b) for b in bases], "missing": missing})


def class_application_problems(
    *, provider: Provider, class_type: str, series: list[str], subject: str, form: str, total_hours: Any,
    fee_per_person: Any, fee_licence_no: str, on: dt.date,
) -> list[ApplicationError]:
    """Every reason the planned class cannot be applied for (empty when it can)."""
    problems: list[ApplicationError] = []
    bases = bases_valid_on(provider=provider, on=on)
    if not bases:
        problems.append(_accreditation_problem(provider, on))
    elif not any(_covers(b, list(series), subject, form) for b in bases):
        problems.append(_outside_scope(bases, list(series), subject, form))
    fee = _money(fee_per_person)
    if fee < 0:
        problems.append(ApplicationError("收费金额不能为负数", field="fee_per_person"))
    elif fee > 0:
        if not (fee_licence_no or "").strip():
            problems.append(ApplicationError("收费培训班须填写收费许可证号（榕价费[2008]40号）", field="fee_licence_no"))
        standard = fee_standard_in_force(region=provider.region, on=on)
        label = _class_type_label(class_type)
        if standard is None:
            problems.append(ApplicationError(
                f"{provider.region.full_name}在{on:%Y年%m月%d日}没有登记有效的继续教育培训收费标准，不能收费办班",
                field="fee_per_person"))
        elif (cap := fee_cap_for(standard=standard, class_type=class_type)) is None:
            problems.append(ApplicationError(
                f"收费标准{standard.document_no}没有规定{label}的收费上限，不能收费办班", field="fee_per_person"))
        else:
            hours = _money(total_hours)
            limit = fee_limit(cap=cap, total_hours=hours)
            if fee > limit:
                how = (f"每人每学时{cap.amount}元 × {hours}学时 = {limit}元" if cap.basis == "per_hour"
                       else f"每人每期{cap.amount}元")
                problems.append(ApplicationError(
                    f"收费{fee}元/人超过收费标准{standard.document_no}规定的{label}上限：{how}",
                    field="fee_per_person",
                    extra={"document_no": standard.document_no, "limit": str(limit)}))
    return problems


def class_application_check(
    *, provider: Provider, class_type: str, series: list[str], subject: str, form: str, total_hours: Any,
    fee_per_person: Any, fee_licence_no: str, on: dt.date,
) -> None:
    """Raises ApplicationError (the first problem) when the class may not be applied for."""
    problems = class_application_problems(
        provider=provider, class_type=class_type, series=series, subject=subject, form=form,
        total_hours=total_hours, fee_per_person=fee_per_person, fee_licence_no=fee_licence_no, on=on,
    )
    if problems:
        raise problems[0]


__all__ = ["class_application_check", "class_application_problems"]
