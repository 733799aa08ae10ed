"""The journey of issue 7's first "Done when" line in Chromium (常人社发〔2011〕11号 第九条: public
subjects learned and examined online, passing earns the 公共科目合格证): a generated video played
at normal speed to the end earns its time; sped-up and idle sessions do not; the exam is failed,
retaken and passed; the learning record and the pass certificate appear and the QR verifies."""

from __future__ import annotations

import subprocess
import time
from pathlib import Path

import pytest

from jxjy.conftest import login
from jxjy.core.testing import build_world
from jxjy.online.models import Enrolment, ExamAttempt, PassCertificate, Question, StudySession, UnitProgress
from jxjy.records.models import LearningRecord

from .builders import add_changzhou, build_course, generated_video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SHOTS = Path("/tmp/online-shots")  # noqa: S108


def shot(page, name: str) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=True)


def db(fn):  # type: ignore[no-untyped-def]
    """Reads from the test thread while the live server writes: SQLite's shared in-memory cache
    answers 'table is locked' instead of waiting, so retry briefly (PostgreSQL never needs it)."""
    from django.db import DatabaseError

    for _ in range(20):
        try:
            return fn()
        except DatabaseError:
            time.sleep(0.2)
    return fn()


def latest_session() -> StudySession:
    return db(lambda: StudySession.objects.order_by("-started_at", "-id").first())


def leave(page) -> None:  # type: ignore[no-untyped-def]
    """Closes the player and lets its last heartbeat land before the database is flushed."""
    page.goto("about:blank")
    time.sleep(1.5)


def start_video(page, *, rate: float = 1.0, from_start: bool = False) -> None:  # type: ignore[no-untyped-def]
    page.wait_for_selector("#player[data-ready='1']")
    page.wait_for_function("() => document.getElementById('courseware').readyState >= 1", timeout=20000)
    page.evaluate(
        """([rate, fromStart]) => { const v = document.getElementById('courseware'); v.muted = true;
        if (fromStart) v.currentTime = 0; v.playbackRate = rate; return v.play(); }""",
        [rate, from_start],
    )


def answer_paper(page, *, correct: bool) -> None:  # type: ignore[no-untyped-def]
    boxes = page.query_selector_all("fieldset.question")
    qids = [int(box.get_attribute("data-qid")) for box in boxes]
    keys = db(lambda: dict(Question.objects.filter(pk__in=qids).values_list("pk", "answer")))
    for box, qid in zip(boxes, qids, strict=True):
        key = keys[qid][0]
        choice = key if correct else 1 - key
        box.query_selector(f"input[value='{choice}']").check()
    page.wait_for_function("() => document.getElementById('save-state').textContent === '已保存'")


def qr_of(pdf: bytes, tmp_path: Path) -> str:
    (tmp_path / "c.pdf").write_bytes(pdf)
    subprocess.run(["pdftoppm", "-r", "150", "-png", "-f", "1", "-l", "1", str(tmp_path / "c.pdf"), str(tmp_path / "p")], check=True)  # noqa: S603,S607
    png = next(tmp_path.glob("p*.png"))
    return subprocess.run(["zbarimg", "--raw", "-q", str(png)], capture_output=True, text=True, check=True).stdout.strip()  # noqa: S603,S607


def test_video_earns_its_time_only_at_normal_speed_then_exam_fail_retake_pass_gives_record_and_certificate(
    live_server, page, settings, tmp_path
):  # type: ignore[no-untyped-def]
    settings.ONLINE_HEARTBEAT_SECONDS = 1
    settings.ONLINE_MAX_BEATS_PER_MINUTE = 600  # beats every second (and on every player event)
    settings.ONLINE_MAX_GAP_INTERVALS = 10  # a loaded CI machine may answer a beat late
    settings.ONLINE_IDLE_MINUTES = 10
    world = build_world()
    cz = add_changzhou(world)
    course = build_course(
        provider_admin=cz.provider_admin, officer=cz.officer, subject="public", code="CZ-GG-2026-01",
        units=(("video", 6),), video=generated_video(6), topics={"法规": 2, "职业道德": 2}, draw=2, pass_mark=75,
    )
    unit = course.units.get()
    login(page, live_server, "pro_cz")
    page.goto(f"{live_server.url}/online/")
    assert course.title in page.inner_text("#courses")
    shot(page, "catalogue-desktop")
    page.goto(f"{live_server.url}/online/courses/{course.pk}/")
    page.click("#enrol")
    page.click(f"#units a[href='/online/units/{unit.pk}/']")

    # 1. normal speed to the end: the unit is complete and its time counted, nothing flagged
    start_video(page)
    page.wait_for_selector("#player[data-completed='1']", timeout=30000)
    shot(page, "learn-desktop")
    learn_url = page.url
    leave(page)  # the live server shares one SQLite connection: read the database when the player is closed
    enrolment = db(lambda: Enrolment.objects.get(course=course, professional=cz.professional))
    progress = db(lambda: UnitProgress.objects.get(enrolment=enrolment, unit=unit))
    assert 5.5 <= progress.credited_seconds <= 7.5
    assert progress.completed_at is not None
    first = latest_session()
    assert first.flags == [] and 5.5 <= first.credited_seconds <= 7.5

    # 2. played again at 2× speed: nothing counts and the session is flagged
    page.goto(learn_url)
    start_video(page, rate=2.0, from_start=True)
    page.wait_for_function("() => document.getElementById('courseware').ended", timeout=15000)
    page.wait_for_function("() => (document.getElementById('player').dataset.reasons || '').includes('speed')")
    leave(page)
    fast = latest_session()
    sessions = db(lambda: list(StudySession.objects.order_by("id").values("id", "started_at", "ended_at", "last_credited_at", "credited_seconds", "flags", "beats")))
    assert fast.pk != first.pk
    assert fast.credited_seconds == 0 and "speed" in fast.flags, sessions

    # 3. idle: no interaction for the configured time — the player asks, and nothing counts
    settings.ONLINE_IDLE_MINUTES = 0.05  # 3 seconds
    page.goto(learn_url)
    start_video(page, from_start=True)
    page.wait_for_selector("#still-there:not([hidden])", timeout=10000)
    page.wait_for_function("() => (document.getElementById('player').dataset.reasons || '').includes('idle')")
    shot(page, "learn-idle-prompt-desktop")
    page.click("#still-yes")
    leave(page)
    idle = latest_session()
    assert "idle" in idle.flags
    assert idle.credited_seconds <= 3 + 1.5  # counted until the idle limit, not after
    settings.ONLINE_IDLE_MINUTES = 10

    # 4. the exam: fail, resume after a reload, retake and pass
    db(enrolment.refresh_from_db)
    assert enrolment.units_completed_at is not None
    page.goto(f"{live_server.url}/online/courses/{course.pk}/")
    page.click("#start-exam")
    page.wait_for_selector("#paper")
    answer_paper(page, correct=False)
    checked = page.eval_on_selector_all("#paper input:checked", "els => els.map(e => e.name + '=' + e.value)")
    page.reload()  # a dropped connection: the same paper, the answers kept, the same deadline
    assert page.eval_on_selector_all("#paper input:checked", "els => els.map(e => e.name + '=' + e.value)") == checked
    shot(page, "exam-desktop")
    page.click("#submit-paper")
    page.wait_for_selector("#result")
    assert "不合格" in page.inner_text("#result")
    page.goto(f"{live_server.url}/online/courses/{course.pk}/")
    page.click("#start-exam")
    page.wait_for_selector("#paper")
    answer_paper(page, correct=True)
    page.click("#submit-paper")
    page.wait_for_selector("#result")
    assert "合格" in page.inner_text("#result") and "不合格" not in page.inner_text("#result")
    assert list(ExamAttempt.objects.filter(enrolment=enrolment).values_list("number", "passed")) == [(1, False), (2, True)]

    # 5. the record and the certificate appear; the certificate's QR verifies
    page.goto(f"{live_server.url}/online/courses/{course.pk}/")
    assert "学习记录已认定" in page.inner_text("#record")
    certificate = PassCertificate.objects.get(enrolment=enrolment)
    assert certificate.number in page.inner_text("#certificate")
    shot(page, "course-passed-desktop")
    record = LearningRecord.objects.get(professional=cz.professional)
    assert (record.form, record.subject, record.hours) == ("distance", "public", course.hours)
    pdf = page.request.get(f"{live_server.url}/online/certificates/{certificate.pk}.pdf")
    assert pdf.status == 200 and pdf.body().startswith(b"%PDF")
    url = qr_of(pdf.body(), tmp_path)
    assert url.startswith(f"{live_server.url}/verify/")  # the one verification page, Ed25519-signed code
    page.goto(url)
    assert page.get_attribute("#verify-state", "data-state") == "valid" and certificate.number in page.inner_text("main")
    shot(page, "verify-desktop")
    page.goto(f"{live_server.url}/online/verify/{certificate.number}:forged")  # the old address redirects
    assert page.get_attribute("#verify-state", "data-state") == "invalid"
    leave(page)


def test_on_a_phone_the_player_resumes_where_the_server_last_saw_the_learner(live_server, phone_page, settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_HEARTBEAT_SECONDS = 1
    settings.ONLINE_MAX_BEATS_PER_MINUTE = 600
    world = build_world()
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          units=(("video", 6), ("html", 60)), video=generated_video(6))
    from jxjy.online.services.learning import enrolment_create

    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    unit = course.units.get(position=1)
    UnitProgress.objects.create(enrolment=enrolment, unit=unit, position=3.0, credited_seconds=3, watched=[[0, 3]])
    login(phone_page, live_server, "pro_gl_doctor")
    phone_page.goto(f"{live_server.url}/online/")
    shot(phone_page, "catalogue-phone")
    phone_page.goto(f"{live_server.url}/online/courses/{course.pk}/")
    shot(phone_page, "course-phone")
    phone_page.goto(f"{live_server.url}/online/units/{unit.pk}/")
    phone_page.wait_for_selector("#player[data-ready='1']")
    phone_page.wait_for_function("() => Math.abs(document.getElementById('courseware').currentTime - 3) < 0.5")
    assert "已计学习时间 3 秒" in phone_page.inner_text("#counted")
    shot(phone_page, "learn-phone")
    width = phone_page.evaluate("document.getElementById('courseware').getBoundingClientRect().width")
    assert width <= 390
    leave(phone_page)


def test_reports_and_the_providers_course_page_read_well_on_desktop_and_phone(live_server, browser, page, phone_page):  # type: ignore[no-untyped-def]
    from jxjy.online.services.learning import enrolment_create

    world = build_world()
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"])
    draft = build_course(provider_admin=world.users["provider_fz"], officer=None, code="OC-DRAFT")
    enrolment = enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    unit = course.units.get()
    UnitProgress.objects.create(enrolment=enrolment, unit=unit, credited_seconds=240, position=240)
    StudySession.objects.create(enrolment=enrolment, unit=unit, started_at=enrolment.enrolled_at,
                                last_beat_at=enrolment.enrolled_at, flags=["speed", "idle"], flagged=True)
    for pg, suffix in ((page, "desktop"), (phone_page, "phone")):
        login(pg, live_server, "hr_fuzhou")
        pg.goto(f"{live_server.url}/online/reports/")
        assert course.title in pg.inner_text("#course-reports")
        assert "倍速播放" in pg.inner_text("#suspicious") and "林医生" in pg.inner_text("#suspicious")
        shot(pg, f"reports-{suffix}")
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    provider = context.new_page()
    login(provider, live_server, "provider_fz")
    provider.goto(f"{live_server.url}/online/courses/{draft.pk}/")
    assert provider.is_visible("#unit-form") and provider.is_visible("#submit-course")
    shot(provider, "provider-course-desktop")
    context.close()


def test_a_second_window_asks_before_taking_over_and_the_first_window_then_stops(live_server, page, settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_HEARTBEAT_SECONDS = 1
    settings.ONLINE_MAX_BEATS_PER_MINUTE = 600
    settings.ONLINE_MAX_GAP_INTERVALS = 10
    from jxjy.online.services.learning import enrolment_create

    world = build_world()
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          units=(("video", 6), ("video", 6)), video=generated_video(6))
    enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    first_unit, second_unit = course.units.order_by("position")
    login(page, live_server, "pro_gl_doctor")
    page.goto(f"{live_server.url}/online/units/{first_unit.pk}/")
    start_video(page)
    other = page.context.new_page()  # a second tab of the same learner, on another unit
    other.goto(f"{live_server.url}/online/units/{second_unit.pk}/")
    other.wait_for_selector("#takeover:not([hidden])", timeout=15000)
    assert "第1讲" in other.inner_text("#takeover-text")
    shot(other, "learn-takeover-desktop")
    other.click("#takeover-yes")
    other.wait_for_selector("#player[data-ready='1']")
    page.wait_for_selector("#player[data-stopped='1']", timeout=15000)
    assert "停止计时" in page.inner_text("#halt-text") and page.is_visible("#halt-resume")
    assert page.evaluate("() => document.getElementById('courseware').paused")
    leave(other)
    leave(page)
