"""Builders for online-learning tests: courses made through the services, a Changzhou region."""

from __future__ import annotations

import datetime as dt
import functools
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from jxjy.accounts.models import Role, User
from jxjy.core.testing import World, make_professional, make_region, make_unit, make_user
from jxjy.orgs.models import HRBureau, Provider

from ..choices import QuestionKind
from ..models import Course, Question
from ..services import catalogue

FAKE_VIDEO = b"\x1a\x45\xdf\xa3" + bytes(range(256)) * 8  # a WebM magic number and 2 KiB of bytes


DATA = Path(__file__).parent / "data"


def fake_mp4(seconds: int) -> bytes:
    """An MP4 whose movie header (moov/mvhd) says `seconds` long, padded to the bytes a video of
    that length must at least have (content.MIN_BYTES_PER_SECOND): the server reads its duration."""
    from ..content import MIN_BYTES_PER_SECOND

    mvhd = struct.pack(">I4sB3xIIII", 28, b"mvhd", 0, 0, 0, 1000, seconds * 1000)
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    ftyp = struct.pack(">I4s4sI", 16, b"ftyp", b"isom", 0)
    padding = max(0, seconds * MIN_BYTES_PER_SECOND - len(ftyp) - len(moov) - 8)
    return ftyp + struct.pack(">I4s", 8 + padding, b"mdat") + bytes(padding) + moov


@functools.cache
def generated_video(seconds: int = 6) -> bytes:
    """A real, playable VP8 WebM test pattern, made here with the ffmpeg binary that the
    imageio-ffmpeg wheel ships. Without that package the copy in tests/data (made by this same
    command) is used, so the browser tests run wherever Chromium does."""
    try:
        import imageio_ffmpeg
    except ImportError:
        return (DATA / f"testsrc-{seconds}s.webm").read_bytes()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "video.webm"
        subprocess.run(  # noqa: S603
            [imageio_ffmpeg.get_ffmpeg_exe(), "-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i",
             "testsrc=size=320x180:rate=10", "-t", str(seconds), "-c:v", "libvpx", "-b:v", "150k", "-y", str(out)],
            check=True,
        )
        return out.read_bytes()


@dataclass
class Changzhou:
    city: Any
    district: Any
    provider: Provider
    officer: User
    provider_admin: User
    professional: Any
    learner: User


def add_changzhou(world: World) -> Changzhou:
    """江苏 → 常州 (rule set changzhou-2011) → 天宁, with a provider, an officer and one learner."""
    jiangsu = make_region("320000", "江苏省")
    city = make_region("320400", "常州市", jiangsu, "changzhou-2011")
    district = make_region("320402", "天宁区", city)
    bureau = HRBureau.objects.create(name="常州市人社局", region=city)
    provider = Provider.objects.create(name="常州市公共科目培训中心", credit_code="12320400900000001X", region=city)
    unit = make_unit(district, "天宁区设计院")
    person = make_professional(unit, "周工", title=world.titles["工程师"])
    return Changzhou(
        city=city, district=district, provider=provider,
        officer=make_user("hr_changzhou", Role.HR_OFFICER, hr_bureau=bureau, region=city),
        provider_admin=make_user("provider_cz", Role.PROVIDER_ADMIN, provider=provider, region=city),
        professional=person,
        learner=make_user("pro_cz", Role.PROFESSIONAL, professional=person, region=district),
    )


def build_course(
    *,
    provider_admin: User,
    officer: User | None,
    code: str = "OC-2026-001",
    subject: str = "professional",
    units: tuple[tuple[str, int], ...] = (("video", 6),),
    video: bytes = FAKE_VIDEO,
    topics: dict[str, int] | None = None,
    draw: int = 2,
    pass_mark: int = 60,
    max_attempts: int = 3,
    exam_minutes: int = 30,
    hours: str = "3",
    reveal_key: bool = False,
) -> Course:
    """A course with units, a true/false bank per topic (`draw` of each drawn per paper) and,
    when `officer` is given, approved. Question i of a topic has answer 正确 when i is even."""
    course = catalogue.course_create(
        actor=provider_admin, code=code, title=f"{'公需科目' if subject == 'public' else '专业科目'}网络课程 {code}",
        subject=subject, valid_from=timezone.localdate() - dt.timedelta(days=30), hours=Decimal(hours),
        pass_mark=pass_mark, max_attempts=max_attempts, exam_minutes=exam_minutes,
        reveal_key_after_last_attempt=reveal_key,
    )
    for n, (kind, seconds) in enumerate(units, start=1):
        if kind == "video":
            mp4 = video[4:8] == b"ftyp"
            upload = SimpleUploadedFile(f"unit{n}.{'mp4' if mp4 else 'webm'}", video,
                                        content_type="video/mp4" if mp4 else "video/webm")
            catalogue.unit_add(actor=provider_admin, course=course, title=f"第{n}讲", kind=kind,
                               duration_seconds=seconds, file=upload)
        elif kind == "pdf":
            upload = SimpleUploadedFile(f"unit{n}.pdf", b"%PDF-1.4 test", content_type="application/pdf")
            catalogue.unit_add(actor=provider_admin, course=course, title=f"第{n}讲讲义", kind=kind,
                               duration_seconds=seconds, file=upload)
        else:
            catalogue.unit_add(actor=provider_admin, course=course, title=f"第{n}讲阅读", kind=kind,
                               duration_seconds=seconds, html_body="<p>阅读材料</p>")
    for topic, count in (topics or {"法规": 4, "职业道德": 4}).items():
        for i in range(count):
            catalogue.question_add(actor=provider_admin, course=course, topic=topic, kind=QuestionKind.TRUE_FALSE,
                                   stem=f"{topic}判断题{i + 1}", options=[], answer=[0 if i % 2 == 0 else 1])
        catalogue.blueprint_item_set(actor=provider_admin, course=course, topic=topic, kind=QuestionKind.TRUE_FALSE,
                                     count=min(draw, count))
    if officer is not None:
        if catalogue.course_content_problem(course) is None:
            catalogue.course_submit(actor=provider_admin, course=course)
            catalogue.course_approve(actor=officer, course=course)
        else:
            # Tests of learning and exams use media seconds long, which carry no 学时: such a course is
            # listed through the same services with only the content check left out (that check
            # has its own tests in test_content.py).
            with mock.patch.object(catalogue, "course_content_problem", return_value=None):
                catalogue.course_submit(actor=provider_admin, course=course)
                catalogue.course_approve(actor=officer, course=course)
    course.refresh_from_db()
    return course


def fetch_segments(session: Any, *, first: int = 0, last: int | None = None) -> None:
    """What an honest player's download does: the session fetches its video's segments (all of
    them, or first..last) through the signed URL (recorded by the service the media view calls)."""
    from ..config import online_config
    from ..media import segment_count
    from ..services.delivery import segments_record

    unit = session.unit
    count = segment_count(unit.file_size, int(online_config().segment_bytes))
    segments_record(session=session, first=first, last=count - 1 if last is None else last)


def answers_for(question_ids: list[int], *, correct: bool) -> dict[int, list[int]]:
    keys = {q.pk: q.answer for q in Question.objects.filter(pk__in=question_ids)}
    return {qid: keys[qid] if correct else [1 - keys[qid][0]] for qid in question_ids}
