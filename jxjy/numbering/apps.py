from django.apps import AppConfig


class NumberingConfig(AppConfig):
    name = "jxjy.numbering"
    verbose_name = "编号"
    default_auto_field = "django.db.models.BigAutoField"
