"""`jxjy restore FILE`: into an EMPTY database and media directory only; proves the result
(rows per table and the audit chain against the manifest)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from jxjy.core.backup import BackupError, restore


class Command(BaseCommand):
    help = "从 `jxjy backup` 归档恢复到空数据库和空文件目录，并核对各表行数与审计链"

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("file", help="`jxjy backup` 写出的归档文件")
        parser.add_argument("--media-root", help="上传文件目录（默认 MEDIA_ROOT，须为空）")
        parser.add_argument("--database", default="default", help="数据库别名（默认 default，须为空库）")

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore(Path(options["file"]), using=options["database"],
                             media_root=Path(options["media_root"]) if options["media_root"] else None)
        except BackupError as exc:
            raise CommandError(str(exc), returncode=2) from exc
        if report.problems:
            raise CommandError("恢复后核对不一致：\n" + "\n".join(report.problems), returncode=1)
        rows = sum(report.tables.values())
        self.stdout.write(f"已恢复：{len(report.tables)} 张表共 {rows:,} 行，{report.media_files} 个上传文件；"
                          f"审计链完整（{report.audit_events} 条事件），行数与备份清单一致")
