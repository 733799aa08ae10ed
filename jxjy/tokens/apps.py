from django.apps import AppConfig


class TokensConfig(AppConfig):
    name = "jxjy.tokens"
    verbose_name = "接口令牌"
    default_auto_field = "django.db.models.BigAutoField"
