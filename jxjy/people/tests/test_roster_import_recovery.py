"""Imports that recover (issue 16 item 8): the row limit is enforced; an upload is refused by its size
before it is read; the write step advances its progress batch by batch, each batch its own short
transaction with one audit entry; a killed worker's import is detected as stalled and can be retried
(resuming after the last committed batch, nobody written twice) or cancelled."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError, ConflictError
from jxjy.people.forms import RosterUploadForm
from jxjy.people.models import ImportStatus, Professional, RosterImport
from jxjy.people.services import roster_import
from jxjy.people.services.roster_import import (
    roster_import_cancel,
    roster_import_confirm,
    roster_import_retry,
    roster_import_upload,
)

from .test_roster_import import good_rows, xlsx


def uploaded(world: Any, n: int) -> RosterImport:
    record = roster_import_upload(actor=world.users["unit_gl_hospital"], filename="r.xlsx", data=xlsx(good_rows(world, n)))
    record.refresh_from_db()
    return record


def stall(record: RosterImport) -> RosterImport:
    """What a killed worker leaves behind: no progress for longer than STALLED_AFTER."""
    RosterImport.objects.filter(pk=record.pk).update(
        heartbeat_at=timezone.now() - RosterImport.STALLED_AFTER - dt.timedelta(seconds=1))
    record.refresh_from_db()
    return record


@pytest.fixture
def worker_killed_at_second_batch(monkeypatch: pytest.MonkeyPatch) -> None:
    """Batches of 2 rows; the worker dies while writing the second batch (after the first committed)."""
    monkeypatch.setattr(roster_import, "APPLY_BATCH", 2)
    real = roster_import._apply_batch
    calls = {"n": 0}

    def dying(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == 2:
            real(*args, **kwargs)  # written, then killed before the batch commits
            raise RuntimeError("worker killed")
        return real(*args, **kwargs)

    monkeypatch.setattr(roster_import, "_apply_batch", dying)


def test_a_file_over_the_row_limit_is_refused_before_anything_is_stored(world, settings):
    settings.IMPORT_MAX_ROWS = 2
    with pytest.raises(ApplicationError, match="超过单次导入上限 2 行"):
        uploaded(world, 3)
    assert not RosterImport.objects.exists()


def test_an_upload_is_refused_by_its_size_before_it_is_read(world, settings):
    settings.IMPORT_MAX_BYTES = 1024

    class Unreadable(SimpleUploadedFile):
        def read(self, *args: Any) -> bytes:
            raise AssertionError("the upload was read")

    big = Unreadable("r.xlsx", b"x" * 2048)
    form = RosterUploadForm(data={}, files={"file": big})
    assert not form.is_valid()
    assert "文件过大（0.0 MB），不能超过 0 MB" in form.errors["file"][0]


def test_the_write_step_advances_its_progress_batch_by_batch(world, monkeypatch):
    monkeypatch.setattr(roster_import, "APPLY_BATCH", 2)
    seen: list[tuple[int, int]] = []
    real = roster_import._apply_batch

    def watching(record: RosterImport, actor: Any, chunk: Any) -> Any:
        stored = RosterImport.objects.get(pk=record.pk)
        seen.append((stored.processed_rows, stored.progress_percent))
        return real(record, actor, chunk)

    monkeypatch.setattr(roster_import, "_apply_batch", watching)
    record = uploaded(world, 5)
    roster_import_confirm(actor=world.users["unit_gl_hospital"], record=record, valid_only=False)
    record.refresh_from_db()
    assert seen == [(0, 0), (2, 40), (4, 80)]
    assert (record.status, record.processed_rows, record.created_count) == (ImportStatus.DONE, 5, 5)
    batches = AuditEvent.objects.filter(action="import", object_id=str(record.pk), message__contains="新增")
    assert sorted(len(e.after["created"]) for e in batches if e.after) == [1, 2, 2]
    assert not AuditEvent.objects.filter(object_type="people.professional").exists()


def test_a_killed_worker_leaves_the_committed_batches_and_a_retry_finishes_without_duplicates(
        world, worker_killed_at_second_batch):
    admin = world.users["unit_gl_hospital"]
    record = uploaded(world, 5)
    roster_import_confirm(actor=admin, record=record, valid_only=False)
    record.refresh_from_db()
    assert (record.status, record.processed_rows) == (ImportStatus.IMPORTING, 2)  # stuck in 导入中
    assert Professional.objects.filter(name__startswith="导入人员").count() == 2  # batch 2 rolled back
    assert not record.stalled
    with pytest.raises(ConflictError, match="仍在进行中"):
        roster_import_retry(actor=admin, record=record)

    record = roster_import_retry(actor=admin, record=stall(record))
    assert (record.status, record.processed_rows, record.created_count) == (ImportStatus.DONE, 5, 5)
    assert Professional.objects.filter(name__startswith="导入人员").count() == 5
    named = [pk for e in AuditEvent.objects.filter(action="import", object_id=str(record.pk)) if e.after
             for pk in e.after["created"]]
    assert sorted(named) == sorted(Professional.objects.filter(name__startswith="导入人员").values_list("pk", flat=True))


def test_a_stalled_import_can_be_cancelled_and_keeps_what_was_written(world, worker_killed_at_second_batch, client_for):
    admin = world.users["unit_gl_hospital"]
    record = uploaded(world, 5)
    roster_import_confirm(actor=admin, record=record, valid_only=False)
    record = stall(RosterImport.objects.get(pk=record.pk))
    page = client_for("unit_gl_hospital").get(f"/people/import/{record.pk}/").content.decode()
    assert "导入任务已中断" in page and "已写入 2 / 5 个有效行" in page and 'id="retry-import"' in page
    with pytest.raises(ConflictError, match="只能取消本人上传的导入"):
        roster_import_cancel(actor=world.users["hr_fuzhou"], record=record)
    response = client_for("unit_gl_hospital").post(f"/people/import/{record.pk}/cancel/")
    assert response.status_code == 302
    record.refresh_from_db()
    assert record.status == ImportStatus.CANCELLED
    assert Professional.objects.filter(name__startswith="导入人员").count() == 2
    assert AuditEvent.objects.filter(action="import", object_id=str(record.pk), message__contains="已写入的 2 行保留").exists()
    with pytest.raises(ConflictError, match="不需要重试"):
        roster_import_retry(actor=admin, record=record)


def test_a_worker_that_wakes_after_a_cancel_writes_nothing_more(world, monkeypatch):
    """The cancelled import's status is checked under a row lock at the start of every batch."""
    admin = world.users["unit_gl_hospital"]
    record = uploaded(world, 3)
    RosterImport.objects.filter(pk=record.pk).update(status=ImportStatus.CANCELLED)
    roster_import.roster_import_apply_task.call(record.pk)
    record.refresh_from_db()
    assert record.status == ImportStatus.CANCELLED and not Professional.objects.filter(name__startswith="导入人员").exists()
    assert admin.pk == record.uploaded_by_id
