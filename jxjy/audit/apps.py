from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "jxjy.audit"
    verbose_name = "审计日志"

    def ready(self) -> None:
        from django.db.backends.signals import connection_created

        from .maintenance import register_sqlite_function

        connection_created.connect(register_sqlite_function, dispatch_uid="jxjy.audit.sqlite_function")
