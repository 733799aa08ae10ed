"""Django's `flush`, which in the test environment may also empty the audit log (the test runner
flushes after each transactional or live-server test). Anywhere else the database refuses to
delete audit rows, and flush fails with that refusal."""

from __future__ import annotations

from typing import Any

from django.core.management.commands.flush import Command as DjangoFlush

from jxjy.audit.maintenance import audit_maintenance, in_test_environment


class Command(DjangoFlush):
    help = DjangoFlush.help + " The audit log can only be emptied in the test environment."

    def handle(self, **options: Any) -> None:
        if not in_test_environment():
            return super().handle(**options)
        with audit_maintenance(using=options["database"]):
            return super().handle(**options)
