from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jxjy.core"
    verbose_name = "公共"

    def ready(self) -> None:
        from .constraint_messages import install

        install()
