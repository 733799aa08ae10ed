"""The one way a download gets its file name: Chinese, as RFC 6266/5987 `filename*`.

Browsers use `filename*=UTF-8''…` (the real name, percent-encoded); the plain `filename` is an
ASCII fallback for the few clients that cannot read it.
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath
from urllib.parse import quote

from django.http import HttpResponse


def ascii_fallback(filename: str) -> str:
    path = PurePosixPath(filename.replace("/", "-").replace("\\", "-"))
    suffix = re.sub(r"[^A-Za-z0-9.]", "", path.suffix)
    stem = re.sub(r"[^A-Za-z0-9_-]+", "-", path.stem).strip("-_")
    if not re.search(r"[A-Za-z]", stem):
        stem = f"download-{stem}" if stem else "download"
    return f"{stem}{suffix}"


def content_disposition(filename: str, fallback: str | None = None, *, inline: bool = False) -> str:
    name = re.sub(r'[\r\n"]', "", filename).replace("/", "-").replace("\\", "-")
    kind = "inline" if inline else "attachment"
    return f"{kind}; filename=\"{fallback or ascii_fallback(name)}\"; filename*=UTF-8''{quote(name, safe='')}"


def name_download(response: HttpResponse, filename: str, *, inline: bool = False) -> HttpResponse:
    response["Content-Disposition"] = content_disposition(filename, inline=inline)
    return response
