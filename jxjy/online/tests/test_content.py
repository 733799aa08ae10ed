"""Honest content (issue 14 §5): a course's 学时 cannot exceed what its courseware holds — video
durations read by the server from the files, documents' reading time from their text — at the
rule set's 学时 length (default 45 minutes), checked at submission and again at review; HTML
courseware is sanitised against an allow-list and rendered as formatted text."""

from __future__ import annotations

import io
import struct

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from jxjy.online import content
from jxjy.online.models import Course, Unit
from jxjy.online.services import catalogue
from jxjy.online.services.catalogue import ContentTooShort

from .builders import build_course, fake_mp4, generated_video

pytestmark = pytest.mark.django_db


def test_a_6_hour_course_with_2_minutes_of_content_is_refused_at_submission(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, hours="6",
                          units=(("video", 120),), video=fake_mp4(120))
    with pytest.raises(ContentTooShort) as refused:
        catalogue.course_submit(actor=world.users["provider_fz"], course=course)
    assert refused.value.status == 422 and refused.value.field == "hours"
    assert refused.value.message == (
        "课程学时（6.0 学时）超过课件内容：课件内容共 2 分钟，按每学时 45 分钟（本系统默认）最多可计 0.0 学时。"
        "请补充课件或调低学时"
    )
    page = client_for("provider_fz").post(f"/online/courses/{course.pk}/submit/", follow=True).content.decode()
    assert "超过课件内容" in page
    course.refresh_from_db()
    assert course.status == "draft"


def test_a_course_whose_content_carries_its_hours_is_submitted(world):  # type: ignore[no-untyped-def]
    # 5 minutes of video at 45 minutes a 学时 carry 0.1 学时, and no more
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, hours="0.1",
                          units=(("video", 300),), video=fake_mp4(300))
    assert catalogue.course_submit(actor=world.users["provider_fz"], course=course).status == "submitted"
    assert str(catalogue.course_content(course).max_hours) == "0.1"


def test_the_check_is_made_again_at_review(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, hours="0.1",
                          units=(("video", 300),), video=fake_mp4(300))
    catalogue.course_submit(actor=world.users["provider_fz"], course=course)
    Course.objects.filter(pk=course.pk).update(hours="6")  # e.g. a course submitted before the check existed
    course.refresh_from_db()
    with pytest.raises(ContentTooShort):
        catalogue.course_approve(actor=world.users["hr_fuzhou"], course=course)
    page = client_for("hr_fuzhou").post(f"/online/courses/{course.pk}/review/", {"decision": "approve"}, follow=True)
    assert "超过课件内容" in page.content.decode()
    course.refresh_from_db()
    assert course.status == "submitted"
    assert catalogue.course_reject(actor=world.users["hr_fuzhou"], course=course, note="学时与课件不符").status == "rejected"


def test_a_videos_duration_is_read_from_its_file_not_taken_from_what_was_typed(world):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, units=())
    for name, data, kind, seconds in (("a.mp4", fake_mp4(120), "video/mp4", 120),
                                      ("b.webm", generated_video(6), "video/webm", 6)):
        unit = catalogue.unit_add(actor=world.users["provider_fz"], course=course, title=name, kind="video",
                                  duration_seconds=36000, file=SimpleUploadedFile(name, data, content_type=kind))
        assert (unit.duration_seconds, unit.content_seconds) == (seconds, seconds), name


def test_a_header_claiming_hours_for_a_few_kilobytes_is_not_believed() -> None:
    mvhd = struct.pack(">I4sB3xIIII", 28, b"mvhd", 0, 0, 0, 1000, 36000 * 1000)  # says 10 hours
    moov = struct.pack(">I4s", 8 + len(mvhd), b"moov") + mvhd
    video = struct.pack(">I4s4sI", 16, b"ftyp", b"isom", 0) + moov + bytes(40_000)
    assert content.video_duration_seconds(io.BytesIO(video)) == 36000
    assert content.plausible_video_seconds(36000, len(video)) == len(video) // content.MIN_BYTES_PER_SECOND


def test_a_file_whose_duration_cannot_be_read_counts_no_content(world):  # type: ignore[no-untyped-def]
    from .builders import FAKE_VIDEO

    course = build_course(provider_admin=world.users["provider_fz"], officer=None, units=(), hours="0.1")
    unit = catalogue.unit_add(actor=world.users["provider_fz"], course=course, title="x", kind="video",
                              duration_seconds=3600, file=SimpleUploadedFile("x.webm", FAKE_VIDEO, content_type="video/webm"))
    assert (unit.duration_seconds, unit.content_seconds) == (3600, 0)
    assert catalogue.course_content_problem(course) is not None


def test_documents_count_their_reading_time_at_the_default_speed(world):  # type: ignore[no-untyped-def]
    from weasyprint import HTML

    course = build_course(provider_admin=world.users["provider_fz"], officer=None, units=(), hours="0.1")
    page = catalogue.unit_add(actor=world.users["provider_fz"], course=course, title="阅读", kind="html",
                              html_body="<p>" + "继续教育" * 375 + "</p>")  # 1,500 characters at 300 a minute
    assert (page.duration_seconds, page.content_seconds) == (300, 300)
    pdf = HTML(string="<p>" + " ".join(["continuing"] * 200) + "</p>").write_pdf()
    lecture = catalogue.unit_add(actor=world.users["provider_fz"], course=course, title="讲义", kind="pdf",
                                 file=SimpleUploadedFile("l.pdf", pdf, content_type="application/pdf"))
    chars = content.pdf_text_chars(io.BytesIO(pdf))
    assert chars >= 1500 and lecture.content_seconds == content.reading_seconds(chars, content.Decimal(300))
    scanned = catalogue.unit_add(actor=world.users["provider_fz"], course=course, title="扫描件", kind="pdf",
                                 duration_seconds=600,
                                 file=SimpleUploadedFile("s.pdf", HTML(string="<p></p>").write_pdf(), content_type="application/pdf"))
    assert (scanned.duration_seconds, scanned.content_seconds) == (600, 0)


PAYLOAD = ('<h2>第一节</h2><p onclick="steal()">法规<strong>要点</strong></p><script>alert(1)</script>'
           '<img src=x onerror=alert(1)><a href="javascript:alert(2)">链接</a><iframe src="https://x.example"></iframe>'
           '<style>body{display:none}</style><a href="https://www.gov.cn/">政府网</a>')


def test_html_courseware_is_stored_sanitised_and_rendered_as_formatted_text(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, units=())
    unit = catalogue.unit_add(actor=world.users["provider_fz"], course=course, title="阅读", kind="html",
                              duration_seconds=60, html_body=PAYLOAD)
    for bad in ("<script", "alert", "onerror", "onclick", "javascript:", "<img", "<iframe", "<style", "display:none"):
        assert bad not in unit.html_body, bad
    assert "<h2>第一节</h2>" in unit.html_body and "<strong>要点</strong>" in unit.html_body
    assert 'href="https://www.gov.cn/"' in unit.html_body

    # a row stored before sanitising existed is sanitised on the way out too
    Unit.objects.filter(pk=unit.pk).update(html_body=PAYLOAD)
    page = client_for("provider_fz").get(f"/online/units/{unit.pk}/").content.decode()
    article = page[page.index('id="courseware"'):]
    article = article[: article.index("</article>")]
    assert "<h2>第一节</h2>" in article and "<strong>要点</strong>" in article  # formatted, not &lt;h2&gt;
    assert "&lt;" not in article
    for bad in ("<script", "onerror", "onclick", "javascript:", "<img", "<iframe"):
        assert bad not in article, bad


def test_the_course_page_shows_the_content_check_to_provider_and_officer(world, client_for):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, hours="6",
                          units=(("video", 120),), video=fake_mp4(120))
    for name in ("provider_fz", "hr_fuzhou"):
        page = client_for(name).get(f"/online/courses/{course.pk}/").content.decode()
        assert "服务器读出的课件内容共 2 分钟" in page and 'id="content-problem"' in page, name


def test_the_hour_length_comes_from_the_courses_rule_set(world):  # type: ignore[no-untyped-def]
    """河南 states 86学时 as 64小时 (三（四）): about 44.65 minutes a 学时, so 45 minutes of video carry
    1.0 学时 there, while the default 45 minutes elsewhere also give 1.0 and 44 minutes only 0.9."""
    from jxjy.core.testing import make_region

    henan = make_region("410000", "河南省", None, "henan-2012")
    course = build_course(provider_admin=world.users["provider_fz"], officer=None, hours="1",
                          units=(("video", 2680),), video=fake_mp4(2680))  # 44 min 40 s
    measured = catalogue.course_content(course)
    assert measured.is_default and str(measured.max_hours) == "0.9"
    assert catalogue.course_content_problem(course) is not None
    Course.objects.filter(pk=course.pk).update(region=henan)
    course.refresh_from_db()
    measured = catalogue.course_content(course)
    assert not measured.is_default and "86学时（64小时）" in measured.basis
    assert str(measured.max_hours) == "1.0" and catalogue.course_content_problem(course) is None
