from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "jxjy.stats"
    verbose_name = "统计与考核"
