"""What a courseware unit holds, measured by the server — never what the provider types.

- A video's duration is read from its container: MP4/MOV (`moov/mvhd`, boxes walked by seeking, so
  a large file is not read whole) and WebM/Matroska (`Segment/Info/Duration × TimecodeScale`).
- A document's reading time is its text's length at a reading speed (procedure
  `reading_chars_per_minute`, a default where the rule set states none): the text of a PDF
  (pypdf) or of an HTML page after sanitising.
- HTML is sanitised with nh3 (Rust's ammonia) against an allow-list, so a page renders as
  formatted text and never runs a script or an event handler.

A file whose duration or text cannot be read counts 0 seconds of content: the course's hours must
then be carried by units that can be measured (`course_content_problem`)."""

from __future__ import annotations

import math
import re
import struct
from decimal import Decimal
from typing import IO

import nh3

# --- HTML ----------------------------------------------------------------------------------------
ALLOWED_TAGS = {
    "p", "br", "h2", "h3", "h4", "h5", "strong", "b", "em", "i", "u", "s", "sub", "sup", "blockquote",
    "ul", "ol", "li", "dl", "dt", "dd", "table", "thead", "tbody", "tr", "th", "td", "caption",
    "a", "hr", "pre", "code", "span",
}
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"colspan", "rowspan"}, "td": {"colspan", "rowspan"}}
URL_SCHEMES = {"http", "https", "mailto"}


def html_sanitise(html: str) -> str:
    """The page with only the allowed tags and attributes; scripts, styles, event handlers,
    `javascript:` links and unknown tags removed (their text kept, except of script/style)."""
    return nh3.clean(
        html, tags=ALLOWED_TAGS, attributes=ALLOWED_ATTRIBUTES, url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer nofollow", clean_content_tags={"script", "style"},
    )


def text_chars(text: str) -> int:
    """Characters that are read: everything but white space."""
    return len(re.sub(r"\s+", "", text))


def html_text_chars(html: str) -> int:
    text = nh3.clean(html, tags=set(), clean_content_tags={"script", "style"})
    return text_chars(re.sub(r"&[a-zA-Z]+;|&#\d+;", " ", text))


def reading_seconds(chars: int, chars_per_minute: Decimal) -> int:
    if chars <= 0 or chars_per_minute <= 0:
        return 0
    return math.ceil(Decimal(chars) * 60 / chars_per_minute)


def pdf_text_chars(stream: IO[bytes]) -> int:
    """Characters of the PDF's extractable text (a scanned PDF has none); 0 when it cannot be read."""
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(stream)
        return sum(text_chars(page.extract_text() or "") for page in reader.pages)
    except (PyPdfError, ValueError, KeyError, TypeError, struct.error, RecursionError):
        return 0


# --- Video ---------------------------------------------------------------------------------------
_HEAD_BYTES = 1024 * 1024  # WebM's Info element sits at the start; this much is read


def video_duration_seconds(stream: IO[bytes]) -> float | None:
    """The video's duration from its container, or None when it cannot be read."""
    stream.seek(0)
    head = stream.read(12)
    if len(head) < 8:
        return None
    if head[:4] == b"\x1a\x45\xdf\xa3":
        stream.seek(0)
        return _matroska_duration(stream.read(_HEAD_BYTES))
    if head[4:8] in (b"ftyp", b"moov", b"mdat", b"free", b"wide", b"skip"):
        return _mp4_duration(stream)
    return None


def _mp4_duration(stream: IO[bytes]) -> float | None:
    stream.seek(0, 2)
    size = stream.tell()
    offset = 0
    while offset + 8 <= size:
        stream.seek(offset)
        box_size, kind = struct.unpack(">I4s", stream.read(8))
        header = 8
        if box_size == 1:
            box_size = struct.unpack(">Q", stream.read(8))[0]
            header = 16
        elif box_size == 0:
            box_size = size - offset
        if box_size < header:
            return None
        if kind == b"moov":
            return _mvhd_in(stream.read(min(box_size - header, 64 * 1024 * 1024)))
        offset += box_size
    return None


def _mvhd_in(moov: bytes) -> float | None:
    offset = 0
    while offset + 8 <= len(moov):
        box_size, kind = struct.unpack(">I4s", moov[offset:offset + 8])
        if box_size < 8:
            return None
        if kind == b"mvhd":
            body = moov[offset + 8:offset + box_size]
            if not body:
                return None
            if body[0] == 1:
                timescale, duration = struct.unpack(">IQ", body[20:32])
            else:
                timescale, duration = struct.unpack(">II", body[12:20])
            return duration / timescale if timescale else None
        offset += box_size
    return None


def _ebml_vint(data: bytes, offset: int, *, keep_marker: bool) -> tuple[int, int]:
    first = data[offset]
    length = 1
    while length <= 8 and not first & (0x80 >> (length - 1)):
        length += 1
    if length > 8 or offset + length > len(data):
        raise ValueError("bad EBML number")
    value = first if keep_marker else first & (0xFF >> length)
    for byte in data[offset + 1:offset + length]:
        value = (value << 8) | byte
    return value, length


_SEGMENT, _INFO, _SCALE, _DURATION = 0x18538067, 0x1549A966, 0x2AD7B1, 0x4489
_UNKNOWN_SIZES = {(1 << (7 * n)) - 1 for n in range(1, 9)}


def _matroska_duration(data: bytes) -> float | None:
    """Walks EBML: into Segment, into Info, reading TimecodeScale (ns per tick, default 1 ms) and
    Duration (a float of ticks)."""
    try:
        offset, end = 0, len(data)
        scale, duration = 1_000_000, None
        while offset < end:
            element, n = _ebml_vint(data, offset, keep_marker=True)
            size, m = _ebml_vint(data, offset + n, keep_marker=False)
            body = offset + n + m
            if element in (_SEGMENT, _INFO):
                if element == _INFO:
                    end = min(len(data), body + size)
                offset = body  # descend
                continue
            if size in _UNKNOWN_SIZES:
                return None
            if element == _SCALE:
                scale = int.from_bytes(data[body:body + size], "big")
            elif element == _DURATION:
                duration = struct.unpack(">f" if size == 4 else ">d", data[body:body + size])[0]
            offset = body + size
        if duration is None or not math.isfinite(duration) or duration <= 0:
            return None
        return float(duration) * scale / 1e9
    except (ValueError, struct.error, IndexError):
        return None


# a video cannot play longer than its bytes allow at this bit rate (16 kbit/s, below any watchable
# video): a container header claiming hours for a few kilobytes is not believed beyond that
MIN_BYTES_PER_SECOND = 2000


def plausible_video_seconds(duration: float | None, size: int) -> int:
    """The content a video holds: its container's duration, bounded by what its size can carry."""
    if duration is None or not math.isfinite(duration) or duration <= 0:
        return 0
    return int(min(duration, size / MIN_BYTES_PER_SECOND))
