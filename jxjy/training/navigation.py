from jxjy.core.navigation import MenuItem

MENU: list[MenuItem] = [
    MenuItem("培训班", "training:class_list"),
    MenuItem("年度计划", "training:plan_list",
             frozenset({"hr_officer", "authority_officer", "unit_admin", "provider_admin"})),
    MenuItem("公示", "training:notice_list"),
]
