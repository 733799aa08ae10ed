from jxjy.core.navigation import MenuItem

MENU: list[MenuItem] = []
