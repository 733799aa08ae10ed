"""Backups that restore: one archive holds the database, the uploaded files and a manifest.

`jxjy backup FILE` writes a tar archive with
  manifest.json         format, time, database vendor, applied migrations, rows per table, the audit
                        chain head, the SHA-256 of every member
  database.sqlite3      SQLite's own online backup (a consistent copy while the site runs), or
  database.pgdump       `pg_dump --format=custom` (a consistent snapshot; needs the server's pg_dump)
  media/…               MEDIA_ROOT: evidence, résumés, sign-in sheets, courseware

`jxjy restore FILE` refuses unless the target database is empty (no tables) and MEDIA_ROOT holds no
files, checks every member against the manifest before touching anything, loads the database, copies
the files, and then proves the result: the same rows per table as the manifest and an audit chain that
verifies up to the same head. Restoring into a database that already holds data is never done in place:
create an empty database (SQLite: a new file; PostgreSQL: `createdb`) and point DATABASE_URL at it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import io
import json
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import connections, transaction

FORMAT = "jxjy-backup/1"
MANIFEST = "manifest.json"
SQLITE_MEMBER = "database.sqlite3"
PG_MEMBER = "database.pgdump"
MEDIA_PREFIX = "media/"


class BackupError(Exception):
    """A backup or restore that cannot go on; the message says why, in Chinese."""


@dataclass
class BackupReport:
    path: Path
    vendor: str
    tables: dict[str, int]
    media_files: int
    audit_head: tuple[int, str] | None
    size: int = 0


@dataclass
class RestoreReport:
    tables: dict[str, int]
    media_files: int
    audit_events: int
    audit_head: tuple[int, str] | None
    problems: list[str] = field(default_factory=list)


def _sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _pg_tool(name: str) -> str:
    """The server's own client tools first (/usr/lib/postgresql/N/bin), as scripts/pg finds them."""
    versions = sorted(Path("/usr/lib/postgresql").glob("*/bin"), key=lambda p: int(p.parent.name)
                      if p.parent.name.isdigit() else 0)
    for bin_dir in reversed(versions):
        if (bin_dir / name).exists():
            return str(bin_dir / name)
    found = shutil.which(name)
    if found is None:
        raise BackupError(f"找不到 PostgreSQL 工具 {name}：请安装 postgresql-client（与服务器同一主版本）")
    return found


def _pg_env(using: str) -> tuple[list[str], dict[str, str]]:
    params = connections[using].settings_dict
    args = ["--host", str(params.get("HOST") or "localhost"), "--port", str(params.get("PORT") or 5432),
            "--username", str(params.get("USER") or "postgres"), "--dbname", str(params["NAME"])]
    env = {"PATH": "/usr/bin:/bin"}
    if params.get("PASSWORD"):
        env["PGPASSWORD"] = str(params["PASSWORD"])
    return args, env


def table_counts(using: str = "default") -> dict[str, int]:
    connection = connections[using]
    names = sorted(connection.introspection.table_names(include_views=False))
    counts: dict[str, int] = {}
    with connection.cursor() as cursor:
        for name in names:
            cursor.execute(f"SELECT COUNT(*) FROM {connection.ops.quote_name(name)}")  # noqa: S608
            counts[name] = int(cursor.fetchone()[0])
    return counts


def applied_migrations(using: str = "default") -> list[str]:
    with connections[using].cursor() as cursor:
        cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
        return [f"{app}.{name}" for app, name in cursor.fetchall()]


def audit_head(using: str = "default") -> tuple[int, str] | None:
    from jxjy.audit.models import AuditEvent

    head = AuditEvent.objects.using(using).order_by("-seq").values_list("seq", "hash").first()
    return (int(head[0]), str(head[1])) if head else None


def _media_files(root: Path) -> Iterator[Path]:
    if root.is_dir():
        yield from sorted(p for p in root.rglob("*") if p.is_file() and not p.is_symlink())


def _dump_database(using: str, workdir: Path, snapshot: str = "") -> tuple[str, Path]:
    connection = connections[using]
    if connection.vendor == "sqlite":
        target = workdir / SQLITE_MEMBER
        connection.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            connection.connection.backup(destination)  # pages copied under SQLite's own locking
        finally:
            destination.close()
        return SQLITE_MEMBER, target
    if connection.vendor == "postgresql":
        target = workdir / PG_MEMBER
        args, env = _pg_env(using)
        result = subprocess.run(  # noqa: S603 — fixed tool path and arguments, no shell
            [_pg_tool("pg_dump"), *args, "--format=custom", "--no-owner", "--no-privileges",
             f"--snapshot={snapshot}", "--file", str(target)],
            env=env, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise BackupError(f"pg_dump 失败：{result.stderr.strip()}")
        return PG_MEMBER, target
    raise BackupError(f"不支持的数据库类型：{connection.vendor}")


def _snapshot_state(using: str, workdir: Path) -> tuple[str, Path, dict[str, int], tuple[int, str] | None]:
    """Dumps the database and counts its rows in one consistent view: SQLite's backup is counted
    afterwards; on PostgreSQL a REPEATABLE READ transaction exports its snapshot, counts in it and
    hands it to pg_dump, so a site that keeps running changes neither."""
    connection = connections[using]
    if connection.vendor != "postgresql":
        member, dump = _dump_database(using, workdir)
        return member, dump, _sqlite_counts(dump), _sqlite_audit_head(dump)
    with transaction.atomic(using=using), connection.cursor() as cursor:
        cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
        cursor.execute("SELECT pg_export_snapshot()")
        snapshot = str(cursor.fetchone()[0])
        counts, head = table_counts(using), audit_head(using)
        member, dump = _dump_database(using, workdir, snapshot)
    return member, dump, counts, head


def backup(path: Path, *, using: str = "default", media_root: Path | None = None) -> BackupReport:
    """Writes the archive to `path` (written to a temporary name first, then moved into place)."""
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path = Path(path)
    if path.exists():
        raise BackupError(f"{path} 已存在：备份不会覆盖已有文件")
    with tempfile.TemporaryDirectory(prefix="jxjy-backup-") as tmp:
        member, dump, counts, head = _snapshot_state(using, Path(tmp))
        media = list(_media_files(media_root))
        digests = {member: _sha256_file(dump)}
        for file in media:
            digests[MEDIA_PREFIX + file.relative_to(media_root).as_posix()] = _sha256_file(file)
        manifest = {
            "format": FORMAT, "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "vendor": connections[using].vendor, "database": member, "migrations": applied_migrations(using),
            "tables": counts, "audit_head": list(head) if head else None, "files": digests,
        }
        partial = path.with_name(path.name + ".partial")
        with tarfile.open(partial, "w") as archive:
            data = json.dumps(manifest, ensure_ascii=False, indent=1).encode()
            info = tarfile.TarInfo(MANIFEST)
            info.size = len(data)
            archive.addfile(info, io.BytesIO(data))
            archive.add(dump, arcname=member)
            for file in media:
                archive.add(file, arcname=MEDIA_PREFIX + file.relative_to(media_root).as_posix())
        partial.rename(path)
    return BackupReport(path=path, vendor=connections[using].vendor, tables=counts, media_files=len(media),
                        audit_head=head, size=path.stat().st_size)


def _sqlite_counts(file: Path) -> dict[str, int]:
    db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        names = [r[0] for r in db.execute(
            "SELECT name FROM sqlite_master WHERE type='table' AND NOT name='sqlite_sequence' ORDER BY name")]
        return {n: int(db.execute(f'SELECT COUNT(*) FROM "{n}"').fetchone()[0]) for n in names}  # noqa: S608
    finally:
        db.close()


def _sqlite_audit_head(file: Path) -> tuple[int, str] | None:
    db = sqlite3.connect(f"file:{file}?mode=ro", uri=True)
    try:
        row = db.execute("SELECT seq, hash FROM audit_auditevent ORDER BY seq DESC LIMIT 1").fetchone()
        return (int(row[0]), str(row[1])) if row else None
    finally:
        db.close()


def read_manifest(path: Path) -> dict[str, Any]:
    try:
        with tarfile.open(path, "r") as archive:
            member = archive.extractfile(MANIFEST)
            if member is None:
                raise KeyError(MANIFEST)
            manifest: dict[str, Any] = json.loads(member.read().decode())
    except (OSError, tarfile.TarError, KeyError, ValueError) as exc:
        raise BackupError(f"{path} 不是本系统的备份文件：{exc}") from exc
    if manifest.get("format") != FORMAT:
        raise BackupError(f"{path} 的格式 {manifest.get('format')!r} 不是 {FORMAT}")
    return manifest


def _extract_checked(path: Path, manifest: dict[str, Any], workdir: Path) -> None:
    """Extracts every listed member and checks its SHA-256 before anything is restored."""
    expected: dict[str, str] = manifest["files"]
    with tarfile.open(path, "r") as archive:
        names = {m.name for m in archive.getmembers() if m.isfile()} - {MANIFEST}
        if names != set(expected):
            missing, extra = sorted(set(expected) - names), sorted(names - set(expected))
            raise BackupError(f"备份内容与清单不符：缺少 {missing[:5]}，多出 {extra[:5]}")
        archive.extractall(workdir, members=[archive.getmember(n) for n in expected], filter="data")
    for name, digest in expected.items():
        if _sha256_file(workdir / name) != digest:
            raise BackupError(f"备份已损坏：{name} 的校验值与清单不符")


def _assert_empty(using: str, media_root: Path) -> None:
    connection = connections[using]
    tables = connection.introspection.table_names(include_views=False)
    if tables:
        raise BackupError(f"目标数据库不是空的（已有 {len(tables)} 张表）：请新建一个空数据库再恢复，"
                          "恢复不会覆盖已有数据")
    if any(True for _ in _media_files(media_root)):
        raise BackupError(f"目标文件目录 {media_root} 不是空的：请指定一个空目录再恢复")


def _load_database(using: str, manifest: dict[str, Any], workdir: Path) -> None:
    connection = connections[using]
    if manifest["vendor"] != connection.vendor:
        raise BackupError(f"备份来自 {manifest['vendor']}，目标数据库是 {connection.vendor}：不能跨类型恢复")
    dump = workdir / manifest["database"]
    if connection.vendor == "sqlite":
        name = str(connection.settings_dict["NAME"])
        if name in ("", ":memory:") or name.startswith("file:memorydb"):
            raise BackupError("SQLite 目标必须是文件数据库（DATABASE_URL=sqlite:////路径/文件.sqlite3）")
        connection.close()
        source = sqlite3.connect(f"file:{dump}?mode=ro", uri=True)
        destination = sqlite3.connect(name)
        try:
            source.backup(destination)
        finally:
            source.close()
            destination.close()
        return
    args, env = _pg_env(using)
    connection.close()
    result = subprocess.run(  # noqa: S603 — fixed tool path and arguments, no shell
        [_pg_tool("pg_restore"), *args, "--no-owner", "--no-privileges", "--exit-on-error",
         "--single-transaction", str(dump)], env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise BackupError(f"pg_restore 失败（目标数据库未改动）：{result.stderr.strip()[:2000]}")


def restore(path: Path, *, using: str = "default", media_root: Path | None = None) -> RestoreReport:
    from jxjy.audit.chain import verify_chain
    from jxjy.audit.models import AuditEvent, chain_fields

    media_root = Path(media_root or settings.MEDIA_ROOT)
    manifest = read_manifest(Path(path))
    _assert_empty(using, media_root)
    with tempfile.TemporaryDirectory(prefix="jxjy-restore-") as tmp:
        workdir = Path(tmp)
        _extract_checked(Path(path), manifest, workdir)
        _load_database(using, manifest, workdir)
        media = [n for n in manifest["files"] if n.startswith(MEDIA_PREFIX)]
        for name in media:
            target = media_root / name.removeprefix(MEDIA_PREFIX)
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(workdir / name, target)
    counts = table_counts(using)
    problems = [f"表 {name}：备份 {rows} 行，恢复后 {counts.get(name)} 行"
                for name, rows in manifest["tables"].items() if counts.get(name) != rows]
    report = verify_chain(chain_fields(e) for e in
                          AuditEvent.objects.using(using).order_by("seq").iterator(chunk_size=2000))
    if report.broken is not None:
        problems.append(f"审计链：{report.broken}")
    head = audit_head(using)
    expected_head = tuple(manifest["audit_head"]) if manifest["audit_head"] else None
    if head != expected_head:
        problems.append(f"审计链头：备份 {expected_head}，恢复后 {head}")
    return RestoreReport(tables=counts, media_files=len(media), audit_events=report.count,
                         audit_head=head, problems=problems)
