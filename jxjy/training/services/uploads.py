"""Checking uploaded files by their content, not only their name: résumés, evidence, sign-in sheets."""

from __future__ import annotations

from dataclasses import dataclass

from jxjy.core.errors import ApplicationError

MAX_UPLOAD_BYTES = 10 * 1024 * 1024

_SIGNATURES: dict[str, tuple[bytes, ...]] = {
    ".pdf": (b"%PDF-",),
    ".jpg": (b"\xff\xd8\xff",),
    ".jpeg": (b"\xff\xd8\xff",),
    ".png": (b"\x89PNG\r\n\x1a\n",),
    ".docx": (b"PK\x03\x04",),
    ".xlsx": (b"PK\x03\x04",),
    ".pptx": (b"PK\x03\x04",),
    ".doc": (b"\xd0\xcf\x11\xe0",),
    ".ppt": (b"\xd0\xcf\x11\xe0",),
    ".xls": (b"\xd0\xcf\x11\xe0",),
}

DOCUMENTS = frozenset({".pdf", ".doc", ".docx", ".jpg", ".jpeg", ".png"})
IMAGES = frozenset({".jpg", ".jpeg", ".png"})
SCANS = frozenset({".pdf", ".jpg", ".jpeg", ".png"})
SPREADSHEETS_AND_SCANS = frozenset({".xlsx", ".xls", ".pdf", ".jpg", ".jpeg", ".png"})
COURSEWARE = frozenset({".pdf", ".doc", ".docx", ".ppt", ".pptx"})


@dataclass(frozen=True)
class CheckedUpload:
    name: str
    data: bytes


def check_upload(*, name: str, data: bytes, allowed: frozenset[str], field: str = "file",
                 max_bytes: int = MAX_UPLOAD_BYTES) -> CheckedUpload:
    """The file if its extension is allowed, its content matches that extension and it is not too large."""
    lower = (name or "").lower()
    ext = "." + lower.rsplit(".", 1)[-1] if "." in lower else ""
    kinds = "、".join(sorted(allowed))
    if ext not in allowed:
        raise ApplicationError(f"文件类型不允许，只能上传 {kinds} 文件", field=field)
    if not data:
        raise ApplicationError("文件是空的", field=field)
    if len(data) > max_bytes:
        raise ApplicationError(f"文件过大，不能超过 {max_bytes // (1024 * 1024)} MB", field=field)
    if not any(data.startswith(sig) for sig in _SIGNATURES[ext]):
        raise ApplicationError("文件内容与扩展名不符，已拒绝", field=field)
    safe = name.replace("/", "_").replace("\\", "_")[-150:]
    return CheckedUpload(name=safe, data=data)
