"""`jxjy audit export [--output FILE]`: the whole audit log as JSONL, in chain order, one event a
line with every field the chain hashes, so that `audit verify --file` can check it offline."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from jxjy.audit.chain import export_line
from jxjy.audit.models import AuditEvent, chain_fields


class Command(BaseCommand):
    help = "把审计日志按链序导出为 JSONL（每行一条事件，含核对哈希链所需的全部字段）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--output", "-o", help="写入此文件（默认写到标准输出）")

    def handle(self, *args: Any, **options: Any) -> None:
        count = 0
        out = open(options["output"], "w", encoding="utf-8") if options["output"] else None  # noqa: SIM115
        try:
            for event in AuditEvent.objects.order_by("seq").iterator(chunk_size=2000):
                line = export_line(chain_fields(event)) + "\n"
                if out is not None:
                    out.write(line)
                else:
                    self.stdout.write(line, ending="")
                count += 1
        finally:
            if out is not None:
                out.close()
        if out is not None:
            self.stderr.write(f"已导出 {count} 条审计事件到 {options['output']}")
