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


_OFFICERS = frozenset({"hr_officer", "authority_officer"})
MENU: list[MenuItem] = [
    MenuItem(_("首页"), "core:home"),
    MenuItem(_("行政区划"), "regions:list", _OFFICERS),
    MenuItem(_("机构"), "orgs:unit_list", frozenset({"hr_officer", "authority_officer", "unit_admin", "provider_admin"})),
    MenuItem(_("专业技术人员"), "people:list", frozenset({"hr_officer", "authority_officer", "unit_admin"})),
    MenuItem(_("花名册导入"), "people:import_start", frozenset({"hr_officer", "unit_admin"})),
    MenuItem(_("规则核验"), "rules_ui:check", None),
    MenuItem(_("审计日志"), "audit:list", frozenset({"hr_officer"})),
]



def _app_menus() -> list[MenuItem]:
    """Each domain app lists its own entries in `<app>/navigation.py`."""
    from jxjy.online.navigation import MENU as online
    from jxjy.records.navigation import MENU as records
    from jxjy.training.navigation import MENU as training

    return [*training, *records, *online]


def menu_for(user: Any) -> list[MenuItem]:
    if not getattr(user, "is_authenticated", False):
        return []
    role = "system_admin" if user.is_superuser else user.role
    items = [*MENU[:-1], *_app_menus(), MENU[-1]]
    return [m for m in items if m.roles is None or role in m.roles or role == "system_admin"]
