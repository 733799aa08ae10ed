"""Issue 14's browser journeys in Chromium: an honest learner plays a unit through a presence
check (在线确认) and completes it; a learner whose login expires mid-play sees the player pause
and say so, logs in again with one click and resumes at the last credited second without losing
credited time (常人社发〔2011〕11号 第九条: public subjects learned online; the time is the
learner's own and is never lost silently)."""

from __future__ import annotations

import time

import pytest
from django.contrib.sessions.models import Session

from jxjy.conftest import PASSWORD, login
from jxjy.core.testing import build_world
from jxjy.online.models import Course, PresenceChallenge, UnitProgress
from jxjy.online.services.learning import enrolment_create

from .builders import build_course, generated_video
from .test_browser import db, leave, shot, start_video

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def fast_player(settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_HEARTBEAT_SECONDS = 1
    settings.ONLINE_MAX_BEATS_PER_MINUTE = 600  # beats every second (and on every player event)
    settings.ONLINE_MAX_GAP_INTERVALS = 10  # a loaded machine may answer a beat late
    settings.ONLINE_PRESENCE_ANSWER_SECONDS = 30


def _course(world, seconds: int = 6, presence: tuple[int, int] = (3, 3)):  # type: ignore[no-untyped-def]
    course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"],
                          units=(("video", seconds),), video=generated_video(seconds))
    # a short presence interval, in seconds, for the test (providers set minutes: 1–240)
    Course.objects.filter(pk=course.pk).update(presence_min_seconds=presence[0], presence_max_seconds=presence[1])
    enrolment_create(actor=world.users["pro_gl_doctor"], course=course)
    return course


def _answer_open_check(page, *, name: str | None = None) -> None:  # type: ignore[no-untyped-def]
    """The learner reads the check and picks the right option (the test knows the key)."""
    page.wait_for_selector("#challenge:not([hidden])")
    cid = int(page.get_attribute("#player", "data-challenge"))
    key = db(lambda: PresenceChallenge.objects.get(pk=cid).answer)
    if name:
        shot(page, name)
    for index in key:
        page.check(f"#challenge-options input[value='{index}']")
    page.click("#challenge-submit")
    page.wait_for_selector("#challenge", state="hidden")


def test_an_honest_learner_plays_a_unit_through_a_presence_check_and_completes_it(live_server, page, phone_page, fast_player):  # type: ignore[no-untyped-def]
    world = build_world()
    course = _course(world)
    unit = course.units.get()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server, "pro_gl_doctor")
    page.goto(f"{live_server.url}/online/units/{unit.pk}/")
    start_video(page)
    _answer_open_check(page, name="presence-check-desktop")
    # the player resumed by itself; later checks are answered the same way until the unit is done
    deadline = time.monotonic() + 60
    while page.get_attribute("#player", "data-completed") != "1":
        assert time.monotonic() < deadline, page.inner_text("#player")
        if page.is_visible("#challenge"):
            _answer_open_check(page)
        elif page.evaluate("() => document.getElementById('courseware').paused"):
            page.evaluate("() => document.getElementById('courseware').play()")
        time.sleep(0.3)
    assert "本单元已完成" in page.inner_text("#counted")
    leave(page)
    progress = db(lambda: UnitProgress.objects.get(unit=unit))
    assert progress.completed_at is not None and progress.credited_seconds >= 0.95 * 6
    outcomes = db(lambda: list(PresenceChallenge.objects.values_list("outcome", flat=True)))
    assert "passed" in outcomes and "wrong" not in outcomes and "expired" not in outcomes

    # the same check on a phone reads well at 390 px
    login(phone_page, live_server, "pro_gl_doctor")
    Course.objects.filter(pk=course.pk).update(presence_min_seconds=1, presence_max_seconds=1)
    phone_page.goto(f"{live_server.url}/online/units/{unit.pk}/")
    start_video(phone_page, from_start=True)
    phone_page.wait_for_selector("#challenge:not([hidden])")
    shot(phone_page, "presence-check-phone")
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 390
    leave(phone_page)


def test_an_expired_login_pauses_says_so_and_one_click_relogin_resumes_without_losing_credited_time(live_server, page, phone_page, fast_player):  # type: ignore[no-untyped-def]
    world = build_world()
    course = _course(world, seconds=6, presence=(3600, 3600))
    unit = course.units.get()
    page.set_viewport_size({"width": 1366, "height": 900})
    login(page, live_server, "pro_gl_doctor")
    unit_url = f"{live_server.url}/online/units/{unit.pk}/"
    page.goto(unit_url)
    start_video(page)
    page.wait_for_function("() => Number(document.getElementById('player').dataset.unitSeconds || 0) >= 2")
    db(lambda: Session.objects.all().delete())  # the login expires on the server mid-play
    page.wait_for_selector("#halt:not([hidden])", timeout=15000)
    text = page.inner_text("#halt")
    assert "登录已过期" in text and "不会丢失" in text
    assert page.evaluate("() => document.getElementById('courseware').paused")
    assert page.get_attribute("#player", "data-halt") == "login"
    assert page.is_visible("#halt-login") and not page.is_visible("#halt-resume") and not page.is_visible("#offline")
    shot(page, "expired-login-desktop")
    credited_before = db(lambda: UnitProgress.objects.get(unit=unit).credited_seconds)
    assert credited_before >= 2

    # one click: the login page, then straight back to the unit, at the last credited second
    page.click("#halt-login")
    page.fill("#id_username", "pro_gl_doctor")
    page.fill("#id_password", PASSWORD)
    page.click("button[type=submit]")
    page.wait_for_url(unit_url)
    page.wait_for_selector("#player[data-ready='1']")
    page.wait_for_selector("#player[data-resumed]", state="attached")  # set once the media's metadata loaded
    resumed = float(page.get_attribute("#player", "data-resumed") or "nan")
    credited = db(lambda: UnitProgress.objects.get(unit=unit))
    assert credited.credited_seconds >= credited_before  # nothing lost
    assert abs(resumed - credited.position) < 0.01 and resumed <= credited.watched[-1][1] + 2.5
    page.wait_for_function("() => document.getElementById('courseware').readyState >= 1")
    page.wait_for_function(f"() => Math.abs(document.getElementById('courseware').currentTime - {resumed}) < 0.5")
    page.evaluate("() => { const v = document.getElementById('courseware'); v.muted = true; return v.play(); }")
    page.wait_for_selector("#player[data-completed='1']", timeout=30000)
    leave(page)
    progress = db(lambda: UnitProgress.objects.get(unit=unit))
    assert progress.completed_at is not None

    # the message on a phone
    login(phone_page, live_server, "pro_gl_doctor")
    phone_page.goto(unit_url)
    start_video(phone_page, from_start=True)
    time.sleep(1.5)
    db(lambda: Session.objects.all().delete())
    phone_page.wait_for_selector("#halt:not([hidden])", timeout=15000)
    shot(phone_page, "expired-login-phone")
    assert phone_page.evaluate("() => document.documentElement.scrollWidth") <= 390
    leave(phone_page)
