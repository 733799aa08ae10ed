"""Reading uploaded spreadsheets safely and writing .xlsx/.csv answers — shared by every import/export.

This is the only module that writes spreadsheets (a test checks that no other module imports
openpyxl or csv.writer). Every cell it writes passes through `formula_safe`: text that a
spreadsheet program would run as a formula (starting with `=`, `+`, `-`, `@`, a tab or a CR) is
written as text with a leading `'` (the OWASP guidance on CSV injection), so a person named
`=HYPERLINK(...)` shows as that text instead of a link that leaks the neighbouring cells. Numbers,
negative ones included, stay numbers; only strings are changed."""

from __future__ import annotations

import csv
import datetime as dt
import io
import zipfile
from collections.abc import Iterable, Sequence
from typing import Any

from django.conf import settings
from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.worksheet.worksheet import Worksheet
from python_calamine import CalamineWorkbook

from .errors import ApplicationError

_XLSX_MAGIC = b"PK\x03\x04"
_MAX_RATIO = 200  # a member that unpacks to more than this many times its packed size is a zip bomb


def read_table(data: bytes, filename: str) -> list[list[Any]]:
    """The first sheet of an .xlsx, or a .csv, as rows of cell values. Refuses anything else clearly."""
    name = filename.lower()
    if len(data) == 0:
        raise ApplicationError("文件是空的", field="file")
    if len(data) > settings.IMPORT_MAX_BYTES:
        limit = settings.IMPORT_MAX_BYTES // (1024 * 1024)
        raise ApplicationError(f"文件过大，不能超过 {limit} MB", field="file")
    if name.endswith(".xlsx"):
        return _read_xlsx(data)
    if name.endswith(".csv"):
        return _read_csv(data)
    raise ApplicationError("只能导入 .xlsx 或 .csv 格式的表格文件", field="file")


def _read_xlsx(data: bytes) -> list[list[Any]]:
    if not data.startswith(_XLSX_MAGIC):
        raise ApplicationError("文件不是有效的 .xlsx 表格（文件内容与扩展名不符）", field="file")
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            unpacked = 0
            for info in archive.infolist():
                unpacked += info.file_size
                if info.compress_size and info.file_size / info.compress_size > _MAX_RATIO:
                    raise ApplicationError("文件压缩比异常，疑似恶意压缩文件，已拒绝", field="file")
            if unpacked > settings.IMPORT_MAX_UNPACKED_BYTES:
                raise ApplicationError("文件解压后过大，已拒绝", field="file")
            if "xl/workbook.xml" not in archive.namelist():
                raise ApplicationError("文件不是有效的 .xlsx 表格", field="file")
        workbook = CalamineWorkbook.from_filelike(io.BytesIO(data))
        if not workbook.sheet_names:
            raise ApplicationError("表格中没有工作表", field="file")
        rows = workbook.get_sheet_by_index(0).to_python(skip_empty_area=False)
    except ApplicationError:
        raise
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, RuntimeError, Exception) as exc:
        raise ApplicationError("文件已损坏或不是有效的 .xlsx 表格，无法读取", field="file") from exc
    return [list(r) for r in rows]


def _read_csv(data: bytes) -> list[list[Any]]:
    if b"\x00" in data[:4096]:
        raise ApplicationError("文件不是文本格式的 .csv 表格", field="file")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ApplicationError("无法识别 .csv 文件的字符编码，请另存为 UTF-8", field="file")
    try:
        return [row for row in csv.reader(io.StringIO(text))]
    except csv.Error as exc:
        raise ApplicationError(f".csv 文件格式错误：{exc}", field="file") from exc


def cell_text(value: Any) -> str:
    """A cell as trimmed text; spreadsheet floats like 13800000000.0 lose their '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, dt.datetime):
        return value.date().isoformat()
    return str(value).strip()


def parse_date(value: Any) -> dt.date | None:
    """Accepts spreadsheet dates and the common written forms 2020-01-31, 2020/1/31, 2020.1.31, 20200131."""
    if value in (None, ""):
        return None
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    text = cell_text(value).replace("/", "-").replace(".", "-").replace("年", "-").replace("月", "-").rstrip("日")
    if text.isdigit() and len(text) == 8:
        text = f"{text[:4]}-{text[4:6]}-{text[6:]}"
    parts = text.split("-")
    if len(parts) != 3 or not all(p.isdigit() for p in parts):
        raise ValueError("日期格式应为 YYYY-MM-DD")
    try:
        return dt.date(int(parts[0]), int(parts[1]), int(parts[2]))
    except ValueError:
        raise ValueError("日期不存在") from None


#: The first characters that make Excel, LibreOffice or WPS read a cell as a formula (or DDE).
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(value: Any) -> Any:
    """`value` as it may be written to a cell: a string starting with a formula trigger gets a
    leading `'` so it stays text; anything else (numbers, dates, None, other text) is unchanged."""
    if isinstance(value, str) and value.startswith(FORMULA_TRIGGERS):
        return "'" + value
    return value


def _append(sheet: Worksheet, values: Iterable[Any]) -> None:
    sheet.append([formula_safe(v) for v in values])
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str):
            cell.data_type = "s"  # never "f": a string cell is never evaluated


def _bytes(workbook: Workbook) -> bytes:
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def write_xlsx(sheets: Sequence[tuple[str, Sequence[str], Iterable[Sequence[Any]]]]) -> bytes:
    """An .xlsx with one sheet per (title, headers, rows); headers bold on a grey band."""
    workbook = Workbook()
    workbook.remove(workbook.active)  # type: ignore[arg-type]
    for title, headers, rows in sheets:
        sheet = workbook.create_sheet(title=title[:31])
        _append(sheet, headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
            cell.fill = PatternFill("solid", fgColor="DDDDDD")
        for row in rows:
            _append(sheet, row)
        for i, header in enumerate(headers, start=1):
            sheet.column_dimensions[sheet.cell(row=1, column=i).column_letter].width = max(12, len(header) * 2 + 4)
    return _bytes(workbook)


def write_form_xlsx(*, sheet_title: str, heading: str, subheading: str, headers: Sequence[str],
                    rows: Iterable[Sequence[Any]], footer: Sequence[Any] = (),
                    widths: Sequence[int] = ()) -> bytes:
    """A printed form on one sheet: a bold centred heading and a subheading, each merged across the
    table, then the bordered header row, the rows, a blank line and a footer line (填表人 …)."""
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.title = sheet_title[:31]
    span = max(len(headers), 1)
    for row_no, text in ((1, heading), (2, subheading)):
        sheet.merge_cells(start_row=row_no, start_column=1, end_row=row_no, end_column=span)
        cell = sheet.cell(row=row_no, column=1, value=formula_safe(text))
        cell.data_type = "s"
    sheet["A1"].font = Font(bold=True, size=14)
    sheet["A1"].alignment = Alignment(horizontal="center")
    _append(sheet, headers)
    thin = Side(style="thin")
    for cell in sheet[3]:
        cell.font, cell.border = Font(bold=True), Border(top=thin, bottom=thin, left=thin, right=thin)
    for row in rows:
        _append(sheet, row)
    if footer:
        sheet.append([])
        _append(sheet, footer)
    for i, width in enumerate(widths, start=1):
        sheet.column_dimensions[sheet.cell(row=3, column=i).column_letter].width = width
    return _bytes(workbook)


def write_csv(headers: Sequence[str], rows: Iterable[Sequence[Any]]) -> bytes:
    """A UTF-8 .csv (with BOM, so Excel reads the Chinese) with the same formula protection."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([formula_safe(h) for h in headers])
    for row in rows:
        writer.writerow(["" if v is None else formula_safe(v) for v in row])
    return buffer.getvalue().encode("utf-8-sig")


XLSX_CONTENT_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
CSV_CONTENT_TYPE = "text/csv; charset=utf-8"
