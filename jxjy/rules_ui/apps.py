from django.apps import AppConfig


class RulesUiConfig(AppConfig):
    name = "jxjy.rules_ui"
    label = "rules_ui"
    verbose_name = "规则核验"
