"""待办 of the system administrator: the accounts waiting for activation, imports that lost their worker,
and standings to rebuild after a rule-set file changed."""

from __future__ import annotations

from typing import Any

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone

from .worklist import TodoItem


def admin_todo(user: Any) -> list[TodoItem]:
    if not (user.is_superuser or user.role == "system_admin"):
        return []
    from jxjy.accounts.models import User
    from jxjy.people.models import ImportStatus, RosterImport
    from jxjy.records.services.standings import standings_stale

    inactive = User.objects.filter(role="professional", is_active=False).count()
    cutoff = timezone.now() - RosterImport.STALLED_AFTER
    stalled = RosterImport.objects.filter(status__in=(ImportStatus.VALIDATING, ImportStatus.IMPORTING)).filter(
        Q(heartbeat_at__lt=cutoff) | Q(heartbeat_at__isnull=True, created_at__lt=cutoff)).count()
    stale = sum(n for _, _, n in standings_stale())
    return [
        TodoItem("专业技术人员账号待激活", inactive, reverse("admin:accounts_user_changelist") + "?is_active__exact=0",
                 "由所在单位发放激活码或发送激活邮件"),
        TodoItem("花名册导入已中断", stalled, reverse("admin:people_rosterimport_changelist"), "超过5分钟没有进展，可由上传人重试或取消"),
        TodoItem("规则集已变更、达标情况待重算", stale, reverse("records:standing_rebuilds"), "规则集文件已更新，按地区重算后各页面随之更新"),
    ]
