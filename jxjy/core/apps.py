from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jxjy.core"
    verbose_name = "公共"

    def ready(self) -> None:
        from jxjy.credentials import checks  # noqa: F401 — registers the signing-key deploy check

        from .constraint_messages import install

        install()
