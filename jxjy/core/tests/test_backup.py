"""Backups that restore (issue 16 item 10): `jxjy backup` then `jxjy restore` into an EMPTY database
finds the same data and an audit chain that verifies; a damaged archive or a non-empty target is refused
before anything changes. Restore and verify run as separate processes, as an operator would run them."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import subprocess
import sys
import tarfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection
from django.test import override_settings

from jxjy.audit.models import AuditEvent
from jxjy.audit.services import audit_record
from jxjy.core.backup import MANIFEST, BackupError, backup, read_manifest, table_counts
from jxjy.core.testing import build_world
from jxjy.people.models import Professional

pytestmark = pytest.mark.django_db(transaction=True)


def run_cli(*args: str, database_url: str, media_root: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "DATABASE_URL": database_url, "JXJY_MEDIA_ROOT": str(media_root),
           "DJANGO_SETTINGS_MODULE": "jxjy.settings.test"}
    env.pop("DATABASE_REPLICA_URL", None)
    return subprocess.run([sys.executable, "-c", "from jxjy.cli import main; raise SystemExit(main())", *args],
                          env=env, capture_output=True, text=True, timeout=300, check=False)


@pytest.fixture
def empty_target(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(DATABASE_URL of an empty database on the same kind of server, a description)."""
    if connection.vendor == "sqlite":
        yield f"sqlite:///{tmp_path / 'restored.sqlite3'}", "sqlite"
        return
    name = f"jxjy_restore_{uuid.uuid4().hex[:10]}"
    params = connection.settings_dict
    with connection.cursor() as cursor:
        cursor.execute(f'CREATE DATABASE "{name}"')
    auth = params["USER"] + (f":{params['PASSWORD']}" if params.get("PASSWORD") else "")
    try:
        yield f"postgres://{auth}@{params['HOST']}:{params['PORT']}/{name}", name
    finally:
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def restored_rows(database_url: str, target: str, sql: str) -> list[tuple[object, ...]]:
    if target == "sqlite":
        db = sqlite3.connect(database_url.removeprefix("sqlite:///"))
        try:
            return list(db.execute(sql))
        finally:
            db.close()
    import psycopg

    with psycopg.connect(database_url) as pg:
        return list(pg.execute(sql).fetchall())  # type: ignore[arg-type]


@pytest.fixture
def populated(tmp_path: Path) -> Path:
    world = build_world()
    for person in world.people.values():
        audit_record(actor=world.users["hr_fuzhou"], action="update", obj=person, message="备份前的修改")
    media = tmp_path / "media"
    (media / "records" / "evidence").mkdir(parents=True)
    (media / "records" / "evidence" / "证明.pdf").write_bytes(b"%PDF-1.4 evidence\n")
    return media


def test_backup_then_restore_into_an_empty_database_finds_the_same_data_and_a_verifying_audit_chain(
        populated: Path, tmp_path: Path, empty_target: tuple[str, str]) -> None:
    archive = tmp_path / "jxjy.tar"
    with override_settings(MEDIA_ROOT=populated):
        report = backup(archive)
    source_counts = table_counts()
    source_names = sorted(Professional.objects.values_list("name", "id_number"))
    head = AuditEvent.objects.order_by("-seq").values_list("seq", "hash").first()
    assert report.audit_head == head and head is not None
    assert report.tables["people_professional"] == len(source_names) == 4
    assert report.media_files == 1

    database_url, target = empty_target
    restored_media = tmp_path / "restored-media"
    restored = run_cli("restore", str(archive), database_url=database_url, media_root=restored_media)
    assert restored.returncode == 0, restored.stderr
    assert "行数与备份清单一致" in restored.stdout

    verified = run_cli("audit", "verify", database_url=database_url, media_root=restored_media)
    assert verified.returncode == 0, verified.stderr
    assert f"链头序号 {head[0]}" in verified.stdout and head[1] in verified.stdout

    assert sorted(restored_rows(database_url, target, "SELECT name, id_number FROM people_professional")) == \
        [tuple(r) for r in source_names]
    counts = {name: restored_rows(database_url, target, f'SELECT COUNT(*) FROM "{name}"')[0][0]  # noqa: S608
              for name in source_counts}
    assert counts == source_counts
    assert (restored_media / "records" / "evidence" / "证明.pdf").read_bytes() == b"%PDF-1.4 evidence\n"


def test_restore_refuses_a_database_that_already_holds_data(populated: Path, tmp_path: Path,
                                                            empty_target: tuple[str, str]) -> None:
    archive = tmp_path / "jxjy.tar"
    with override_settings(MEDIA_ROOT=populated):
        backup(archive)
    database_url, _ = empty_target
    first = run_cli("restore", str(archive), database_url=database_url, media_root=tmp_path / "m1")
    assert first.returncode == 0, first.stderr
    again = run_cli("restore", str(archive), database_url=database_url, media_root=tmp_path / "m2")
    assert again.returncode == 2
    assert "目标数据库不是空的" in again.stderr


def test_a_damaged_archive_is_refused_before_the_target_is_touched(populated: Path, tmp_path: Path,
                                                                    empty_target: tuple[str, str]) -> None:
    archive = tmp_path / "jxjy.tar"
    with override_settings(MEDIA_ROOT=populated):
        backup(archive)
    manifest = read_manifest(archive)
    damaged = tmp_path / "damaged.tar"
    with tarfile.open(archive) as source, tarfile.open(damaged, "w") as out:
        for member in source.getmembers():
            data = source.extractfile(member).read()  # type: ignore[union-attr]
            if member.name == manifest["database"]:
                data = data[:-100] + bytes([data[-100] ^ 0x01]) + data[-99:]  # one bit, near the end
            member.size = len(data)
            out.addfile(member, io.BytesIO(data))
    database_url, target = empty_target
    result = run_cli("restore", str(damaged), database_url=database_url, media_root=tmp_path / "m")
    assert result.returncode == 2
    assert "备份已损坏" in result.stderr
    tables = restored_rows(database_url, target, "SELECT name FROM sqlite_master WHERE type='table'"
                           if target == "sqlite" else
                           "SELECT tablename FROM pg_tables WHERE schemaname = 'public'")
    assert tables == []
    assert json.loads(tarfile.open(damaged).extractfile(MANIFEST).read())["files"]  # type: ignore[union-attr]


def test_backup_never_overwrites_an_existing_file(populated: Path, tmp_path: Path) -> None:
    archive = tmp_path / "jxjy.tar"
    archive.write_bytes(b"an older backup")
    with override_settings(MEDIA_ROOT=populated), pytest.raises(BackupError, match="已存在"):
        backup(archive)
    assert archive.read_bytes() == b"an older backup"
