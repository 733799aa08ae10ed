from django.apps import AppConfig


class StatsConfig(AppConfig):
    name = "jxjy.stats"
    verbose_name = "统计与考核"

    def ready(self) -> None:
        from . import policy  # noqa: F401  (registers this app's jurisdiction rules)
