"""Roster import: every row validated; nothing changes on an invalid file unless the user
explicitly imports only the valid rows; re-importing the same file changes nothing."""

from __future__ import annotations

import datetime as dt
import io
import zipfile

import pytest
from openpyxl import Workbook, load_workbook

from jxjy.audit.models import AuditEvent
from jxjy.core.errors import ApplicationError
from jxjy.people.identity import make_identity_number
from jxjy.people.models import ImportStatus, Professional, RosterImport
from jxjy.people.services.roster_import import (
    HEADERS,
    errors_xlsx,
    roster_import_confirm,
    roster_import_upload,
    template_xlsx,
)


def xlsx(rows: list[list[object]], headers: list[str] = HEADERS) -> bytes:
    wb = Workbook()
    ws = wb.active
    ws.append(headers)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def ids(n: int, region="350102") -> list[str]:
    return [make_identity_number(region, dt.date(1980 + i, 3, 4), 500 + i, "M" if i % 2 else "F") for i in range(n)]


def good_rows(world, n=3):
    return [[f"导入人员{i}", number, "13800000000", world.gl_hospital.name, "", "主治医师", "2015-07-01", ""] for i, number in enumerate(ids(n))]


def upload(user, data: bytes, name="roster.xlsx") -> RosterImport:
    record = roster_import_upload(actor=user, filename=name, data=data)
    record.refresh_from_db()
    return record


def test_a_clean_file_imports_every_row_and_one_audit_entry_names_each_person(world):
    admin = world.users["unit_gl_hospital"]
    record = upload(admin, xlsx(good_rows(world)))
    assert record.status == ImportStatus.VALIDATED and record.errors == [] and record.valid_rows == 3
    roster_import_confirm(actor=admin, record=record, valid_only=False)
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE and record.created_count == 3
    person = Professional.objects.get(name="导入人员0")
    assert (person.unit, person.series, person.level) == (world.gl_hospital, "health", "intermediate")
    batch = AuditEvent.objects.get(action="import", object_id=str(record.pk), message__contains="第2—4行")
    assert sorted(batch.after["created"]) == sorted(Professional.objects.filter(name__startswith="导入人员")
                                                    .values_list("pk", flat=True))


def test_re_importing_the_same_file_changes_nothing(world):
    admin = world.users["unit_gl_hospital"]
    data = xlsx(good_rows(world))
    roster_import_confirm(actor=admin, record=upload(admin, data), valid_only=False)
    before = list(Professional.objects.order_by("id").values())
    events = AuditEvent.objects.filter(object_type="people.professional").count()
    second = upload(admin, data)
    roster_import_confirm(actor=admin, record=second, valid_only=False)
    second.refresh_from_db()
    assert (second.created_count, second.updated_count, second.unchanged_count) == (0, 0, 3)
    assert list(Professional.objects.order_by("id").values()) == before
    assert AuditEvent.objects.filter(object_type="people.professional").count() == events


def test_a_changed_row_updates_the_person_keyed_on_identity_number(world):
    admin = world.users["unit_gl_hospital"]
    rows = good_rows(world, 1)
    roster_import_confirm(actor=admin, record=upload(admin, xlsx(rows)), valid_only=False)
    rows[0][2] = "13911112222"
    record = upload(admin, xlsx(rows))
    roster_import_confirm(actor=admin, record=record, valid_only=False)
    record.refresh_from_db()
    assert record.updated_count == 1
    assert Professional.objects.get(id_number=rows[0][1]).phone == "13911112222"


def test_every_bad_row_is_reported_by_row_and_column_and_nothing_changes(world):
    admin = world.users["unit_gl_hospital"]
    rows = good_rows(world, 2)
    bad_check = rows[1][1][:-1] + ("0" if rows[1][1][-1] != "0" else "1")
    rows += [
        ["", bad_check, "123", "不存在的单位", "", "总工程师", "2015-02-30", ""],
        ["重复", rows[0][1], "", world.gl_hospital.name, "卫生", "", "", ""],
        ["外单位", ids(1, "350103")[0], "", world.tj_company.name, "工程技术", "", "", ""],
    ]
    record = upload(admin, xlsx(rows))
    found = {(e["row"], e["column"]) for e in record.errors}
    assert {(4, "姓名"), (4, "身份证号码"), (4, "手机号码"), (4, "所在单位"), (4, "职称"), (4, "取得职称时间")} <= found
    assert (5, "身份证号码") in found  # duplicate of row 2
    assert (6, "所在单位") in found  # a unit outside the administrator's scope is "unknown"
    assert record.valid_rows == 2
    with pytest.raises(ApplicationError, match="仅导入有效行"):
        roster_import_confirm(actor=admin, record=record, valid_only=False)
    assert not Professional.objects.filter(name__startswith="导入人员").exists()
    sheet = load_workbook(io.BytesIO(errors_xlsx(record))).active
    assert [c.value for c in sheet[1]] == ["行号", "列", "填写内容", "错误原因"]
    assert sheet.max_row == len(record.errors) + 1


def test_importing_only_the_valid_rows_must_be_chosen_explicitly(world):
    admin = world.users["unit_gl_hospital"]
    rows = good_rows(world, 2) + [["坏行", "123", "", world.gl_hospital.name, "卫生", "", "", ""]]
    record = upload(admin, xlsx(rows))
    roster_import_confirm(actor=admin, record=record, valid_only=True)
    record.refresh_from_db()
    assert record.status == ImportStatus.DONE and record.created_count == 2
    assert Professional.objects.filter(name__startswith="导入人员").count() == 2


def test_csv_in_gb18030_is_read(world):
    admin = world.users["unit_gl_hospital"]
    lines = [",".join(HEADERS)] + [",".join(str(c) for c in row) for row in good_rows(world, 2)]
    record = upload(admin, "\n".join(lines).encode("gb18030"), name="名单.csv")
    assert record.errors == [] and record.valid_rows == 2


def test_the_template_has_the_chinese_headers(world):
    sheet = load_workbook(io.BytesIO(template_xlsx()))["花名册"]
    assert [c.value for c in sheet[1]] == HEADERS


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("roster.pdf", b"%PDF-1.4", "只能导入"),
        ("roster.xlsx", b"this is not a zip", "扩展名不符"),
        ("roster.xlsx", b"PK\x03\x04corrupted", "损坏"),
        ("roster.xlsx", b"", "空"),
    ],
)
def test_files_that_are_not_spreadsheets_are_refused_clearly(world, name, data, message):
    with pytest.raises(ApplicationError, match=message):
        roster_import_upload(actor=world.users["unit_gl_hospital"], filename=name, data=data)
    assert RosterImport.objects.count() == 0


def test_a_zip_bomb_is_refused(world):
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("xl/workbook.xml", "<workbook/>")
        z.writestr("xl/worksheets/sheet1.xml", "0" * (50 * 1024 * 1024))
    with pytest.raises(ApplicationError, match="压缩"):
        roster_import_upload(actor=world.users["unit_gl_hospital"], filename="bomb.xlsx", data=buf.getvalue())


def test_an_oversized_file_is_refused(world, settings):
    settings.IMPORT_MAX_BYTES = 1000
    with pytest.raises(ApplicationError, match="过大"):
        roster_import_upload(actor=world.users["unit_gl_hospital"], filename="r.xlsx", data=xlsx(good_rows(world, 30)))


def test_a_file_without_the_required_columns_is_refused(world):
    with pytest.raises(ApplicationError, match="缺少必需的列"):
        roster_import_upload(actor=world.users["unit_gl_hospital"], filename="r.xlsx", data=xlsx([["x"]], headers=["名字"]))


def test_someone_elses_import_cannot_be_confirmed_or_seen(world, client_for):
    record = upload(world.users["unit_gl_hospital"], xlsx(good_rows(world)))
    from jxjy.core.errors import ConflictError

    with pytest.raises(ConflictError):
        roster_import_confirm(actor=world.users["hr_fuzhou"], record=record, valid_only=False)
    assert client_for("hr_fuzhou").get(f"/people/import/{record.pk}/").status_code == 404


def test_import_pages_show_errors_and_the_result(world, client_for):
    client = client_for("unit_gl_hospital")
    rows = good_rows(world, 1) + [["坏行", "123", "", world.gl_hospital.name, "卫生", "", "", ""]]
    from django.core.files.uploadedfile import SimpleUploadedFile

    response = client.post("/people/import/", {"file": SimpleUploadedFile("r.xlsx", xlsx(rows))})
    assert response.status_code == 302
    page = client.get(response["Location"]).content.decode()
    assert "身份证号码应为18位" in page and "仅导入有效行" in page
    record = RosterImport.objects.get()
    client.post(f"/people/import/{record.pk}/", {"valid_only": "on"})
    assert "导入完成：新增 1 人" in client.get(f"/people/import/{record.pk}/").content.decode()


def test_a_professional_cannot_import(world, client_for):
    assert client_for("pro_gl_doctor").get("/people/import/").status_code == 403
