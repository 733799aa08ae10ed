from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "jxjy.accounts"
    verbose_name = "用户与角色"

    def ready(self) -> None:
        from jxjy.people.hooks import on_professionals_changed

        from . import sessions  # noqa: F401  (the login stamps the session's last-seen time)
        from .activation import accounts_for_new_people

        on_professionals_changed(accounts_for_new_people)
