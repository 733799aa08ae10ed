"""Serving courseware from Django's storage with HTTP range requests (RFC 9110 §14): video
players seek by asking for byte ranges, so a single range gets 206 Partial Content, a suffix
range (`bytes=-500`) the last bytes, and an unsatisfiable one 416 with `Content-Range: bytes */size`."""

from __future__ import annotations

import re
from collections.abc import Iterator

from django.core.files.storage import Storage, default_storage
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable(Exception):
    pass


def parse_range(header: str | None, size: int) -> tuple[int, int] | None:
    """The inclusive byte range asked for, or None to send the whole file (no header, a malformed
    one, or several ranges, which a server may answer in full). Raises Unsatisfiable."""
    if not header:
        return None
    match = _RANGE.match(header)
    if match is None:
        return None
    first, last = match.groups()
    if first == "" and last == "":
        return None
    if first == "":  # suffix range: the last N bytes
        length = int(last)
        if length == 0 or size == 0:
            raise Unsatisfiable
        return max(0, size - length), size - 1
    start = int(first)
    if last and int(last) < start:
        return None  # invalid syntax: ignored
    if start >= size:
        raise Unsatisfiable
    return start, min(int(last) if last else size - 1, size - 1)


def _stream(storage: Storage, name: str, start: int, length: int) -> Iterator[bytes]:
    with storage.open(name, "rb") as fh:
        fh.seek(start)
        remaining = length
        while remaining > 0:
            chunk = fh.read(min(CHUNK, remaining))
            if not chunk:
                break
            remaining -= len(chunk)
            yield chunk


def ranged_file_response(
    request: HttpRequest, name: str, *, content_type: str, storage: Storage | None = None
) -> HttpResponse | StreamingHttpResponse:
    storage = storage or default_storage
    size = storage.size(name)
    try:
        byte_range = parse_range(request.headers.get("Range"), size)
    except Unsatisfiable:
        response = HttpResponse(status=416)
        response["Content-Range"] = f"bytes */{size}"
        response["Accept-Ranges"] = "bytes"
        return response
    start, end = byte_range if byte_range is not None else (0, size - 1)
    length = max(0, end - start + 1)
    body: Iterator[bytes] = iter(()) if request.method == "HEAD" else _stream(storage, name, start, length)
    streaming = StreamingHttpResponse(body, status=206 if byte_range is not None else 200, content_type=content_type)
    streaming["Content-Length"] = str(length)
    streaming["Accept-Ranges"] = "bytes"
    streaming["Cache-Control"] = "private, max-age=3600"
    if byte_range is not None:
        streaming["Content-Range"] = f"bytes {start}-{end}/{size}"
    return streaming
