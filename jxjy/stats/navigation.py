"""Menu entries of the statistics app (to be listed by jxjy/core/navigation.py)."""

from jxjy.core.navigation import MenuItem

MENU: list[MenuItem] = [
    MenuItem("统计分析", "stats:dashboard", frozenset({"hr_officer", "authority_officer", "unit_admin"})),
    MenuItem("年度统计报表", "stats:report_list", frozenset({"hr_officer", "authority_officer", "unit_admin"})),
    MenuItem("抽样检查", "stats:sample_list", frozenset({"hr_officer"})),
    MenuItem("考核与表彰", "stats:assessment_list", frozenset({"hr_officer", "authority_officer", "unit_admin"})),
    MenuItem("考核优秀名额", "stats:excellent", frozenset({"unit_admin"})),
]
