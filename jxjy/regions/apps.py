from django.apps import AppConfig


class RegionsConfig(AppConfig):
    name = "jxjy.regions"
    verbose_name = "行政区划"

    def ready(self) -> None:
        from . import policy  # noqa: F401  (registers the procedural overrides' jurisdiction rules)
