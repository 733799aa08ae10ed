"""`jxjy audit verify [--file export.jsonl]`: checks the audit chain, from the database or offline
from an `audit export` file, and names the first broken event. Exit 1 on a break."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.audit.chain import ChainReport, read_export, verify_chain
from jxjy.audit.models import AuditEvent, chain_fields


def database_events() -> Iterator[dict[str, Any]]:
    for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
        yield chain_fields(event)


def verify_database() -> ChainReport:
    return verify_chain(database_events())


def verify_file(path: str) -> ChainReport:
    with open(path, encoding="utf-8") as lines:
        return verify_chain(read_export(lines))


class Command(BaseCommand):
    help = "核对审计日志哈希链（数据库或导出文件），指出第一条断开的事件；断开时退出码为 1"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--file", help="离线核对 `audit export` 导出的 JSONL 文件，而不是数据库")

    def handle(self, *args: Any, **options: Any) -> None:
        source = options["file"] or "数据库"
        try:
            report = verify_file(options["file"]) if options["file"] else verify_database()
        except OSError as exc:
            raise CommandError(f"无法读取 {source}：{exc}", returncode=2) from exc
        except UnicodeDecodeError as exc:
            raise CommandError(f"{source} 不是 UTF-8 文本：{exc}", returncode=1) from exc
        if report.broken is not None:
            raise CommandError(f"{source}：{report.broken}（此前 {report.count} 条事件完好）", returncode=1)
        self.stdout.write(f"{source}：审计链完整，共 {report.count} 条事件；链头序号 {report.head_seq}，"
                          f"哈希 {report.head_hash}")
