from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "jxjy.training"
    verbose_name = "培训班"

    def ready(self) -> None:
        from . import overlaps, policy  # noqa: F401  (registers the jurisdiction rules and the attendance claims)
