from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "jxjy.core"
    verbose_name = "公共"
