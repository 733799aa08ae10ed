from jxjy.core.navigation import MenuItem

MENU: list[MenuItem] = [
    MenuItem("网络课程", "online:catalogue"),
    MenuItem("我的学习", "online:mine", frozenset({"professional"})),
    MenuItem("网络学习统计", "online:reports", frozenset({"hr_officer", "authority_officer", "provider_admin", "unit_admin"})),
]
