from django.apps import AppConfig


class OnlineConfig(AppConfig):
    name = "jxjy.online"
    verbose_name = "网络学习与考试"

    def ready(self) -> None:
        from . import overlaps, policy  # noqa: F401  (registers the jurisdiction rules and the study-session claims)
