from django.apps import AppConfig


class RecordsConfig(AppConfig):
    name = "jxjy.records"
    verbose_name = "学习记录与证书"

    def ready(self) -> None:
        from . import policy  # noqa: F401  (registers this app's jurisdiction rules)
