"""The role-aware menu. Entries name a URL and the roles that see it."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class MenuItem:
    label: str | Promise
    url_name: str
    roles: frozenset[str] | None = None  # None: every logged-in user

    def url(self) -> str:
        return reverse(self.url_name)


@dataclass(frozen=True)
class MenuGroup:
    label: str | Promise
    items: list[MenuItem]


_OFFICERS = frozenset({"hr_officer", "authority_officer"})
HOME = MenuItem(_("首页"), "core:home")
BASICS: list[MenuItem] = [
    MenuItem(_("行政区划"), "regions:list", _OFFICERS),
    MenuItem(_("程序参数调整"), "regions:procedure_overrides", frozenset({"hr_officer"})),
    MenuItem(_("机构"), "orgs:unit_list", frozenset({"hr_officer", "authority_officer", "unit_admin", "provider_admin"})),
    MenuItem(_("专业技术人员"), "people:list", frozenset({"hr_officer", "authority_officer", "unit_admin"})),
    MenuItem(_("花名册导入"), "people:import_start", frozenset({"hr_officer", "unit_admin"})),
    MenuItem(_("人员调动"), "people:transfers", frozenset({"hr_officer", "unit_admin"})),
    MenuItem(_("账号激活"), "accounts:activation_list", frozenset({"unit_admin"})),
    MenuItem(_("规则核验"), "rules_ui:check", None),
    MenuItem(_("审计日志"), "audit:list", frozenset({"hr_officer"})),
]


def _groups() -> list[MenuGroup]:
    """Each domain app lists its own entries in `<app>/navigation.py`; the menu groups them by app."""
    from jxjy.online.navigation import MENU as online
    from jxjy.providers.navigation import MENU as providers
    from jxjy.records.navigation import MENU as records
    from jxjy.stats.navigation import MENU as stats
    from jxjy.training.navigation import MENU as training

    return [
        MenuGroup(_("培训班"), training),
        MenuGroup(_("学习记录与证书"), records),
        MenuGroup(_("网络学习"), online),
        MenuGroup(_("施教机构"), providers),
        MenuGroup(_("统计与监督"), stats),
        MenuGroup(_("基础信息"), BASICS),
    ]


def menu_for(user: Any) -> list[MenuGroup]:
    """The groups the user's role sees, each with only the entries for that role (empty groups dropped)."""
    if not getattr(user, "is_authenticated", False):
        return []
    role = "system_admin" if user.is_superuser else user.role

    def visible(item: MenuItem) -> bool:
        return item.roles is None or role in item.roles or role == "system_admin"

    groups = [MenuGroup(HOME.label, [HOME])]
    for group in _groups():
        items = [item for item in group.items if visible(item)]
        if items:
            groups.append(MenuGroup(group.label, items))
    return groups
