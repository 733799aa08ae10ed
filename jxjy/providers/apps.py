from django.apps import AppConfig


class ProvidersConfig(AppConfig):
    name = "jxjy.providers"
    label = "providers"
    verbose_name = "继续教育基地与机构监管"

    def ready(self) -> None:
        from . import policy  # noqa: F401  (registers the jurisdiction rules)
