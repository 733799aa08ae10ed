"""Menu entries of the providers app (the lead wires MENU into jxjy.core.navigation._app_menus)."""

from jxjy.core.navigation import MenuItem

MENU: list[MenuItem] = [
    MenuItem("继续教育基地", "providers:base_list",
             frozenset({"hr_officer", "authority_officer", "provider_admin"})),
    MenuItem("基地认定", "providers:application_list", frozenset({"hr_officer", "provider_admin"})),
    MenuItem("师资库", "providers:teacher_list", frozenset({"hr_officer", "authority_officer", "provider_admin"})),
    MenuItem("办班范围自查", "providers:scope_check", frozenset({"provider_admin", "hr_officer"})),
    MenuItem("基地名录与信用公示", "providers:public_list"),
]
