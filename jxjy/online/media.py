"""Serving courseware from Django's storage with HTTP range requests (RFC 9110 §14): video
players seek by asking for byte ranges, so a single range gets 206 Partial Content, a suffix
range (`bytes=-500`) the last bytes, and an unsatisfiable one 416 with `Content-Range: bytes */size`."""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Iterator

from django.core.files.storage import Storage, default_storage
from django.http import HttpRequest, HttpResponse, StreamingHttpResponse

CHUNK = 64 * 1024
_RANGE = re.compile(r"^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$", re.IGNORECASE)


class Unsatisfiable(Exception):
    pass


def segment_count(size: int, segment_bytes: int) -> int:
    return max(1, math.ceil(size / segment_bytes))


def segment_of(position: float, *, duration: float, size: int, segment_bytes: int) -> int:
    """The segment holding media time `position`, assuming bytes spread evenly over the video
    (constant bit rate: a choice, see the README)."""
    if duration <= 0:
        return 0
    offset = int(max(0.0, min(position, duration)) / duration * size)
    return min(offset // segment_bytes, segment_count(size, segment_bytes) - 1)


def segment_end_time(index: int, *, duration: float, size: int, segment_bytes: int) -> float:
    """Media time where segment `index` ends."""
    if index >= segment_count(size, segment_bytes) - 1:
        return float(duration)
    return min(float(duration), (index + 1) * segment_bytes / size * duration)


def covered_until(start: float, fetched: dict[int, float], *, duration: float, size: int, segment_bytes: int) -> float | None:
    """How far into the video, from `start`, the fetched segments let a 1× player have got by now.

    `fetched` maps a segment to how many seconds ago the session first fetched it. The segments
    must follow each other without a hole, and none can have been played before it arrived: media
    time m of segment k was played at the earliest when k arrived, so a player at 1× reaches at
    most max(start, start of k) + (seconds since k arrived). Fetching everything just before a
    beat earns only the time since the fetch. None when the segment at `start` was not fetched."""
    index = segment_of(start, duration=duration, size=size, segment_bytes=segment_bytes)
    if index not in fetched:
        return None
    reach = float(duration)
    while index in fetched:
        begins = 0.0 if index == 0 else segment_end_time(index - 1, duration=duration, size=size, segment_bytes=segment_bytes)
        reach = min(reach, max(start, begins) + fetched[index])
        if index + 1 not in fetched:
            reach = min(reach, segment_end_time(index, duration=duration, size=size, segment_bytes=segment_bytes))
        index += 1
    return reach


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
    request: HttpRequest, name: str, *, content_type: str, storage: Storage | None = None,
    segment_bytes: int | None = None, size: int | None = None,
    on_segments: Callable[[int, int], None] | None = None,
) -> HttpResponse | StreamingHttpResponse:
    """Answers a range request. With `segment_bytes`, no answer runs past the end of the segment
    the range starts in (a player then asks for the next one), and `on_segments(first, last)` is
    told which segments are being sent."""
    storage = storage or default_storage
    size = storage.size(name) if size is None else size
    try:
        byte_range = parse_range(request.headers.get("Range"), size)
        if segment_bytes is not None:
            start = byte_range[0] if byte_range is not None else 0
            if size == 0:
                raise Unsatisfiable
            segment_end = (start // segment_bytes + 1) * segment_bytes - 1
            byte_range = (start, min(byte_range[1] if byte_range is not None else size - 1, segment_end))
            if on_segments is not None:
                on_segments(start // segment_bytes, byte_range[1] // segment_bytes)
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
