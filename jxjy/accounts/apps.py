from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jxjy.accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        from . import sessions  # noqa: F401  (the login stamps the session's last-seen time)
