"""Download file names in Chinese (issue 15 item 8), as RFC 5987 `filename*` with an ASCII fallback."""

from __future__ import annotations

from urllib.parse import unquote

from jxjy.core.downloads import ascii_fallback, content_disposition


def _real_name(header: str) -> str:
    return unquote(header.split("filename*=UTF-8''", 1)[1])


def test_the_real_name_travels_as_rfc_5987_and_the_fallback_is_ascii():
    header = content_disposition("2025年度验证花名册-鼓楼区人民医院.xlsx")
    assert header.startswith('attachment; filename="')
    assert _real_name(header) == "2025年度验证花名册-鼓楼区人民医院.xlsx"
    fallback = header.split('filename="', 1)[1].split('"', 1)[0]
    assert fallback.isascii() and fallback.endswith(".xlsx")


def test_inline_pdfs_and_unsafe_characters():
    header = content_disposition('证书"\r\n/../x.pdf', inline=True)
    assert header.startswith("inline; ")
    assert "\r" not in header and "\n" not in header and "/" not in _real_name(header)


def test_a_name_without_latin_letters_gets_a_readable_fallback():
    assert ascii_fallback("花名册导入模板.xlsx") == "download.xlsx"
    assert ascii_fallback("花名册导入错误清单-12.xlsx") == "download-12.xlsx"


def test_the_roster_template_downloads_with_a_chinese_name(world, client_for):
    response = client_for("unit_gl_hospital").get("/people/import/template.xlsx")
    assert response.status_code == 200
    assert _real_name(response["Content-Disposition"]) == "花名册导入模板.xlsx"


def test_no_view_writes_its_own_content_disposition():
    """One helper (jxjy.core.downloads) names every download."""
    import pathlib
    import re

    root = pathlib.Path(__file__).resolve().parents[2]
    offenders = [
        str(path.relative_to(root)) for path in root.rglob("*.py")
        if "tests" not in path.parts and path.name != "downloads.py"
        and re.search(r"Content-Disposition\"\] = f?[\"']", path.read_text(encoding="utf-8"))
    ]
    assert offenders == []
