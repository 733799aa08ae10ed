from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "jxjy.notifications"
    verbose_name = "通知"

    def ready(self) -> None:
        from . import policy  # noqa: F401  (registers the jurisdiction rules)
