from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "jxjy.records"
    verbose_name = "学习记录与证书"

    def ready(self) -> None:
        from jxjy.people.hooks import on_professionals_changed

        from . import claims, policy  # noqa: F401  (registers the jurisdiction rules and the declared-record claims)
        from .services.standings import on_professionals_changed as keep_standings

        on_professionals_changed(keep_standings)
