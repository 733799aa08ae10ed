"""`jxjy backup FILE`: the database, the uploaded files and a manifest in one archive (jxjy/core/backup.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.core.backup import BackupError, backup


class Command(BaseCommand):
    help = "备份数据库与上传文件到一个归档文件（附清单：各表行数、审计链头、校验值）"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="要写入的归档文件（不可已存在），如 jxjy-2026-12-01.tar")
        parser.add_argument("--media-root", help="上传文件目录（默认 MEDIA_ROOT）")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = backup(Path(options["file"]), using=options["database"],
                            media_root=Path(options["media_root"]) if options["media_root"] else None)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        rows = sum(report.tables.values())
        head = f"审计链头序号 {report.audit_head[0]}" if report.audit_head else "审计日志为空"
        self.stdout.write(f"已备份到 {report.path}（{report.size:,} 字节）：{report.vendor}，"
                          f"{len(report.tables)} 张表共 {rows:,} 行，{report.media_files} 个上传文件，{head}")
