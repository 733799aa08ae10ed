from django.apps import AppConfig


class PeopleConfig(AppConfig):
    name = "jxjy.people"
    verbose_name = "专业技术人员"

    def ready(self) -> None:
        from . import policy  # noqa: F401  (registers the transfers' jurisdiction rules)
