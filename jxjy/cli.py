"""The `jxjy` console script: the project's command-line work.

    jxjy rules list | rules check RULESET_ID [FILE]
    jxjy demo load [--professionals N]
    jxjy bench rules [--cases N] | bench verification … | bench reports … | bench standings … | bench http … | bench heartbeats … | bench imports [--rows N]
    jxjy standings verify [--region CODE] [--sample N] | standings rebuild [--region CODE] [--from-totals]
    jxjy audit verify [--file export.jsonl] | audit export [--output FILE]
    jxjy certificates verify FILE [--keys KEYS.json]   (offline: a signed credential or a QR code's payload)
    jxjy backup FILE [--media-root DIR] | restore FILE [--media-root DIR]   (restore: into an empty database)
    jxjy manage <django management command …>
"""

from __future__ import annotations

import os
import sys

USAGE = __doc__ or ""
# `jxjy bench NAME …` → module with main(argv) -> int, and whether it needs Django set up
BENCHES: dict[str, tuple[str, bool]] = {
    "rules": ("jxjy.rules.bench", False),
    "verification": ("jxjy.records.bench", True),
    "reports": ("jxjy.stats.bench", True),
    "standings": ("jxjy.records.bench_standings", True),
    "http": ("jxjy.core.bench_http", False),
    "heartbeats": ("jxjy.online.bench", False),
    "imports": ("jxjy.people.bench_import", True),
}


def _django() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "jxjy.settings.dev")
    import django

    django.setup()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if not args or args[0] in ("-h", "--help"):
        print(USAGE)
        return 0 if args else 2
    command, rest = args[0], args[1:]
    if command == "rules":
        from jxjy.rules.cli import main as rules_main

        return rules_main(rest)
    if command == "bench" and rest[:1] and rest[0] in BENCHES:
        import importlib

        module, needs_django = BENCHES[rest[0]]
        if needs_django:
            _django()
        return int(importlib.import_module(module).main(rest[1:]))
    if command == "demo" and rest[:1] == ["load"]:
        _django()
        from django.core.management import call_command

        call_command("load_demo", *rest[1:])
        return 0
    if command == "standings":
        _django()
        from django.core.management import call_command

        call_command("standings", *rest)
        return 0
    if command == "audit" and rest[:1] and rest[0] in ("verify", "export"):
        _django()
        from django.core.management import call_command
        from django.core.management.base import CommandError

        try:
            call_command(f"audit_{rest[0]}", *rest[1:])
        except CommandError as exc:
            print(exc, file=sys.stderr)
            return exc.returncode
        return 0
    if command in ("backup", "restore"):
        _django()
        from django.core.management import call_command
        from django.core.management.base import CommandError

        try:
            call_command(command, *rest)
        except CommandError as exc:
            print(exc, file=sys.stderr)
            return exc.returncode
        return 0
    if command == "certificates" and rest[:1] == ["verify"]:
        from jxjy.credentials.cli import main as certificates_main

        return certificates_main(rest[1:])
    if command == "manage":
        _django()
        from django.core.management import execute_from_command_line

        execute_from_command_line(["jxjy manage", *rest])
        return 0
    print(f"未知命令：{command}\n{USAGE}", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main())
