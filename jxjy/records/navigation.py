from jxjy.core.navigation import MenuItem

_ALL = frozenset({"hr_officer", "authority_officer", "unit_admin"})
MENU: list[MenuItem] = [
    MenuItem("我的继续教育证书", "records:home", frozenset({"professional"})),
    MenuItem("学习记录申报", "records:declare", frozenset({"professional", "unit_admin"})),
    MenuItem("记录审核", "records:review_queue", _ALL),
    MenuItem("学时异常", "records:signals", _ALL),
    MenuItem("年度验证", "records:batch_list", _ALL),
    MenuItem("批量发证", "records:certificate_bulk", frozenset({"hr_officer", "authority_officer"})),
    MenuItem("继续教育核验", "records:gates", _ALL),
    MenuItem("达标情况重算", "records:standing_rebuilds", frozenset({"hr_officer"})),
]
