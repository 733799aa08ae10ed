"""Revoking the recognition of classes after their hours were recognised: a class found fraudulent or
not run to plan on an inspection after recognition (泉洛政人社[2017]27号 一(五)4), or the classes an
officer chooses when a base is revoked (摘牌, 常人社发〔2011〕11号 第二十五条; 榕人专〔2009〕145号 五).

The class's learning records (source training_class, source_ref = its number) are revoked with the
reason through `records.services.revocation`, which recomputes the standings; the class is marked
unqualified; each professional whose hours were revoked is told, and so is the CE administrator of
every unit in which somebody went from 达标 to 未达标 — with the names. Units whose people kept their
standing are not told."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from django.urls import reverse

from jxjy.accounts.models import Role, User
from jxjy.audit.models import AuditAction
from jxjy.audit.services import audit_record, snapshot
from jxjy.notifications.choices import Category
from jxjy.notifications.models import Notification
from jxjy.notifications.services import notify_each
from jxjy.records.choices import RecordSource
from jxjy.records.models import LearningRecord
from jxjy.records.services.revocation import RevocationResult, learning_records_revoke

from ..choices import ClassStatus
from ..models import TrainingClass


def class_records(classes: Iterable[TrainingClass]) -> list[LearningRecord]:
    """The learning records the classes produced (one query)."""
    refs = {c.source_ref for c in classes}
    if not refs:
        return []
    return list(LearningRecord.objects.filter(source=RecordSource.TRAINING_CLASS, source_ref__in=refs))


def training_classes_recognition_revoke(*, actor: Any, classes: list[TrainingClass], reason: str,
                                        notify_people: bool = True) -> RevocationResult:
    """Revokes the recognised hours of these classes (callers lock them and check who may): records
    revoked with the reason and standings recomputed, classes marked unqualified and audited, people
    and units told (unless `notify_people` is False, as in a preview). Call inside a transaction."""
    result = learning_records_revoke(actor=actor, records=class_records(classes), reason=reason)
    for training_class in classes:
        before = snapshot(training_class)
        training_class.status = ClassStatus.UNQUALIFIED
        training_class.save(update_fields=["status"])
        count = sum(1 for r in result.records if r.source_ref == training_class.source_ref)
        audit_record(actor=actor, action=AuditAction.TRANSITION, obj=training_class, before=before,
                     after=snapshot(training_class), message=f"撤销学时认定（{count}条学习记录）：{result.reason}")
    if notify_people and classes:
        names = "、".join(f"“{c.name}”（{c.source_ref}）" for c in classes)
        revocation_notify(result=result, cause=f"{names}的学时已撤销：{result.reason}")
    return result


def revocation_notify(*, result: RevocationResult, cause: str) -> list[Notification]:
    """Tells each professional whose hours were revoked, and the CE administrators of the units in
    which somebody became non-compliant, naming those people (in-app and by mail)."""
    if not result.people:
        return []
    items: list[tuple[User, str, str]] = []
    changed = result.units_with_changes
    for admin in User.objects.filter(is_active=True, role=Role.UNIT_ADMIN,
                                     employer_unit_id__in=[u.unit_id for u in changed]):
        unit = next(u for u in changed if u.unit_id == admin.employer_unit_id)
        names = "、".join(p.describe() for p in unit.became_short[:8])
        if len(unit.became_short) > 8:
            names += f"等{len(unit.became_short)}人，详见单位页面"
        items.append((admin, f"{cause}。本单位因此未达标的人员（{len(unit.became_short)}人）：{names}",
                      reverse("orgs:unit_detail", args=[unit.unit_id])))
    people = {p.professional_id: p for p in result.people}
    for user in User.objects.filter(is_active=True, role=Role.PROFESSIONAL, professional_id__in=list(people)):
        person = people[user.professional_id or 0]
        amount = f"{person.hours.normalize():f}学时" if person.hours else f"{person.credits.normalize():f}学分"
        consequence = (f"，您{'、'.join(f'{y}年度' for y in sorted(person.became_short))}的继续教育因此未达标"
                       if person.became_non_compliant else "")
        items.append((user, f"{cause}。您被撤销{amount}{consequence}",
                      reverse("records:person", args=[person.professional_id])))
    return notify_each(items=items, category=Category.REVOCATION)


def recognised_classes_of_provider(*, provider_id: int, since: Any = None) -> list[TrainingClass]:
    """The provider's classes whose hours are recognised (optionally ending on or after `since`)."""
    qs = TrainingClass.objects.filter(provider_id=provider_id, status=ClassStatus.RECOGNISED)
    if since is not None:
        qs = qs.filter(end_date__gte=since)
    return list(qs.order_by("end_date", "pk"))
