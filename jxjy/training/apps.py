from django.apps import AppConfig


class TrainingConfig(AppConfig):
    name = "jxjy.training"
    verbose_name = "培训班"
