"""The 刷课 tactics of public scripts, each played against the real endpoints with a hand-moved
clock (issue 14: credit only what the server itself can see). Every tactic earns 0 seconds,
while an honest player at 1× earns at least 95 % of the time it really played."""

from __future__ import annotations

import json
import random
from dataclasses import dataclass, field
from typing import Any

import pytest
from django.test import Client

from jxjy.online.media import segment_of
from jxjy.online.models import SegmentFetch, StudySession, UnitProgress
from jxjy.online.services.learning import enrolment_create

from .builders import FAKE_VIDEO, build_course

pytestmark = pytest.mark.django_db

SEGMENT = 128  # bytes: the 2 KiB test video in 17 segments of about 3.5 s (60 s video)


@pytest.fixture(autouse=True)
def _small_segments(settings):  # type: ignore[no-untyped-def]
    settings.ONLINE_SEGMENT_BYTES = SEGMENT


@pytest.fixture
def courses(world):  # type: ignore[no-untyped-def]
    learner = world.users["pro_gl_doctor"]
    made = []
    for code in ("OC-CHEAT-1", "OC-CHEAT-2"):
        course = build_course(provider_admin=world.users["provider_fz"], officer=world.users["hr_fuzhou"], code=code,
                              units=(("video", 60),))
        enrolment_create(actor=learner, course=course)
        made.append(course)
    return made


@dataclass
class Window:
    """One player window as a script or a browser drives it, through the HTTP API."""

    client: Client
    unit: Any
    started: dict[str, Any] = field(default_factory=dict)
    results: list[Any] = field(default_factory=list)

    def open(self, *, takeover: bool = False) -> Any:
        url = f"/api/v1/online/units/{self.unit.pk}/sessions" + ("?takeover=1" if takeover else "")
        response = self.client.post(url, content_type="application/json")
        if response.status_code == 200:
            self.started = response.json()
        return response

    def fetch_until(self, position: float) -> None:
        """Downloads the segments up to media time `position` (what the browser's buffering does)."""
        last = segment_of(position, duration=self.unit.duration_seconds, size=len(FAKE_VIDEO), segment_bytes=SEGMENT)
        for index in range(last + 1):
            response = self.client.get(self.started["media_url"], HTTP_RANGE=f"bytes={index * SEGMENT}-")
            assert response.status_code == 206

    def beat(self, **body: Any) -> Any:
        response = self.client.post(self.started["heartbeat_url"], data=json.dumps(body), content_type="application/json")
        self.results.append(response)
        return response

    @property
    def counted(self) -> float:
        return sum(r.json()["counted_seconds"] for r in self.results if r.status_code == 200)


def credited(unit: Any) -> float:
    progress = UnitProgress.objects.filter(unit=unit).first()
    return progress.credited_seconds if progress else 0.0


def completed(unit: Any) -> bool:
    return UnitProgress.objects.filter(unit=unit, completed_at__isnull=False).exists()


@pytest.fixture
def window(courses, client_for):  # type: ignore[no-untyped-def]
    def make(course_index: int = 0, client: Client | None = None) -> Window:
        return Window(client=client or client_for("pro_gl_doctor"), unit=courses[course_index].units.get())

    return make


def test_an_honest_player_at_normal_speed_earns_at_least_95_percent_of_its_real_viewing_time(window, clock):  # type: ignore[no-untyped-def]
    latency = random.Random(14)  # noqa: S311 - reproducible network delays, not cryptography
    player = window()
    assert player.open().status_code == 200
    sent_at = 0.0  # on the server's clock, since the session opened
    for k in range(1, 6):  # a timer beat every 15 s of the player's time; the 5th after the video ended
        played = min(60.0, 15.0 * k)
        player.fetch_until(min(60, played + 10))  # the browser buffers ahead
        if k == 2:  # a player event (pause, seek, visibility) between two timer beats
            clock.advance(3)
            sent_at += 3
            player.beat(position=played - 12)
        arrives = 15.0 * k + latency.uniform(0, 0.8)  # each beat is delayed by the network
        clock.advance(arrives - sent_at)
        sent_at = arrives
        player.beat(position=played)
    assert all(r.status_code == 200 for r in player.results)
    assert player.counted >= 0.95 * 60
    assert credited(player.unit) >= 0.95 * 60 and completed(player.unit)
    assert StudySession.objects.get(pk=player.started["session_id"]).flags == []


def test_forged_beats_without_downloading_the_video_earn_nothing(window, clock):  # type: ignore[no-untyped-def]
    script = window()
    script.open()
    for n in range(1, 5):
        clock.advance(15)
        assert script.beat(position=15 * n, rate=1.0, visible=True, idle_seconds=0).status_code == 200
    assert script.counted == 0 and credited(script.unit) == 0 and not completed(script.unit)
    assert script.results[0].json()["reasons"] == ["no_media"]
    assert StudySession.objects.get(pk=script.started["session_id"]).flags == ["no_media"]


def test_forged_beats_past_the_downloaded_part_of_the_video_earn_nothing(window, clock):  # type: ignore[no-untyped-def]
    script = window()
    script.open()
    script.fetch_until(5)  # only the first seconds are downloaded (e.g. to look like a player)
    for n in range(1, 5):
        clock.advance(15)
        script.beat(position=15 * n)
    # segments 0 and 1 (256 of 2,052 bytes) hold the first 7.49 s: that much, no more
    assert credited(script.unit) == pytest.approx(2 * SEGMENT / len(FAKE_VIDEO) * 60)
    assert not completed(script.unit)


def test_micro_beats_earn_nothing_and_are_flagged_and_rate_limited(window, clock):  # type: ignore[no-untyped-def]
    script = window()
    script.open()
    script.fetch_until(60)
    position = 0.0
    for _ in range(40):  # every 0.5 s, each claiming the old 2 s of slack
        clock.advance(0.5)
        position += 2
        script.beat(position=min(position, 60))
    statuses = [r.status_code for r in script.results]
    assert statuses.count(429) == 10  # beyond 30 beats a minute for one person
    assert script.counted == 0 and credited(script.unit) == 0 and not completed(script.unit)
    too_soon = [r.json()["reasons"] for r in script.results if r.status_code == 200]
    assert too_soon.count(["too_soon"]) >= 25
    assert "early_beats" in StudySession.objects.get(pk=script.started["session_id"]).flags


@pytest.mark.parametrize("beat_every", [0.5, 9, 15])
def test_sped_up_playback_claiming_normal_speed_earns_nothing(window, clock, beat_every):  # type: ignore[no-untyped-def]
    script = window()
    script.open()
    script.fetch_until(60)  # a 4× player downloads 4× as fast
    elapsed = 0.0
    while elapsed < 30:
        clock.advance(beat_every)
        elapsed += beat_every
        script.beat(position=min(60.0, 4 * elapsed), rate=1.0)  # where it really is, claiming 1×
    assert script.counted == 0 and credited(script.unit) == 0 and not completed(script.unit)
    assert "seek" in StudySession.objects.get(pk=script.started["session_id"]).flags


def test_two_courses_at_once_the_second_window_must_take_over_and_the_first_then_earns_nothing(window, clock):  # type: ignore[no-untyped-def]
    first, second = window(0), window(1)
    first.open()
    first.fetch_until(60)
    refused = second.open()
    assert refused.status_code == 409
    assert refused.json()["detail"].startswith("您正在其他窗口或设备学习《第1讲》")
    assert second.open(takeover=True).status_code == 200
    second.fetch_until(60)
    for n in range(1, 5):
        clock.advance(15)
        assert first.beat(position=15 * n).status_code == 409
        second.beat(position=15 * n)
    assert first.results[0].json()["detail"] == "已在其他窗口或设备接管学习，本窗口已停止计时"
    assert credited(first.unit) == 0
    assert credited(first.unit) + credited(second.unit) <= 60  # one stream's worth of 60 s


def test_two_courses_by_reopening_a_session_before_each_beat_earn_nothing(window, clock):  # type: ignore[no-untyped-def]
    a, b = window(0), window(1)
    for n in range(1, 9):
        clock.advance(7.5)
        player = a if n % 2 else b
        player.open(takeover=True)  # take the lease back, then beat at once
        player.fetch_until(60)
        player.beat(position=7.5 * n)
    assert credited(a.unit) == 0 and credited(b.unit) == 0


def test_two_courses_by_ending_a_session_before_each_beat_earn_no_more_than_the_wall_clock(window, clock):  # type: ignore[no-untyped-def]
    a, b = window(0), window(1)
    a.open()
    a.fetch_until(60)
    clock.advance(10)
    b.open(takeover=True)  # the other window, opened while the first is playing
    b.fetch_until(60)
    clock.advance(4)
    assert a.beat(position=14, end=True).status_code == 409  # the first window's goodbye earns nothing
    clock.advance(1)
    b.beat(position=5)  # 5 s after takeover: too soon, nothing
    assert b.counted == 0
    clock.advance(5)
    b.beat(position=10)  # what it played since it took over, on the server's clock
    assert credited(a.unit) == 0 and credited(b.unit) == 10


def test_a_beat_after_the_other_window_closed_is_not_credited_for_the_time_before_it_opened(window, clock):  # type: ignore[no-untyped-def]
    a, b = window(0), window(1)
    a.open()
    a.fetch_until(60)
    clock.advance(14)
    a.beat(position=14, end=True)  # the first window closes, having earned its 14 s
    b.open()  # no takeover needed now
    b.fetch_until(60)
    clock.advance(1)
    assert b.beat(position=1).json()["counted_seconds"] == 0  # too soon: 1 s after opening
    clock.advance(14)
    assert b.beat(position=15).json()["counted_seconds"] == 15
    assert credited(a.unit) + credited(b.unit) == 29  # 29 s of wall time, 29 s credited


def test_patched_visibility_and_idle_time_earn_nothing_without_the_media(window, clock):  # type: ignore[no-untyped-def]
    script = window()
    script.open()
    for n in range(1, 5):
        clock.advance(15)
        script.beat(position=15 * n, visible=True, idle_seconds=0, playing=True)
    assert script.counted == 0 and not completed(script.unit)


def test_a_hidden_page_earns_nothing_even_with_the_media_downloaded(window, clock):  # type: ignore[no-untyped-def]
    player = window()
    player.open()
    player.fetch_until(60)
    clock.advance(15)
    assert player.beat(position=15, visible=False).json()["reasons"] == ["hidden"]
    assert player.counted == 0


def test_replayed_beats_earn_nothing(window, clock):  # type: ignore[no-untyped-def]
    player = window()
    player.open()
    player.fetch_until(60)
    clock.advance(15)
    assert player.beat(position=15).json()["counted_seconds"] == 15
    for wait in (0, 5, 15, 15):  # the same request sent again, at once and later
        clock.advance(wait)
        player.beat(position=15)
    assert player.counted == 15 and credited(player.unit) == 15
    player.beat(position=15, end=True)
    clock.advance(15)
    assert player.beat(position=30).status_code == 409  # and nothing after the session ended


def test_beats_after_the_session_lapsed_earn_nothing_and_its_media_link_expires(window, clock, monkeypatch):  # type: ignore[no-untyped-def]
    player = window()
    player.open()
    player.fetch_until(60)
    clock.advance(15)
    assert player.beat(position=15).json()["counted_seconds"] == 15
    clock.advance(600)  # the tab slept: the gap earns nothing
    assert player.beat(position=30).json()["reasons"] == ["gap"]
    assert player.counted == 15
    # the signed courseware URL is short-lived
    import time as real_time

    later = real_time.time() + 11 * 60
    monkeypatch.setattr("django.core.signing.time.time", lambda: later)
    expired = player.client.get(player.started["media_url"], HTTP_RANGE="bytes=0-")
    assert expired.status_code == 403 and "课件链接已过期" in expired.content.decode()


def test_a_lapsed_lease_lets_another_window_start_and_the_lapsed_one_is_told_to_stop(window, clock):  # type: ignore[no-untyped-def]
    a, b = window(0), window(1)
    a.open()
    clock.advance(120)  # a stopped beating two minutes ago: its lease lapsed
    assert b.open().status_code == 200
    response = a.beat(position=10)
    assert response.status_code == 409 and "停止计时" in response.json()["detail"]


def test_segment_urls_belong_to_one_session_of_one_learner(window, clock, world, client_for):  # type: ignore[no-untyped-def]
    player = window()
    player.open()
    other = client_for("hr_fuzhou")  # an officer who may see the course, but not this learner's stream
    assert other.get(player.started["media_url"], HTTP_RANGE="bytes=0-").status_code == 403
    forged = player.started["media_url"][:-3] + "xyz"
    assert player.client.get(forged, HTTP_RANGE="bytes=0-").status_code == 403
    assert not SegmentFetch.objects.exists()
    one = player.client.get(player.started["media_url"], HTTP_RANGE="bytes=0-")
    assert one.status_code == 206 and one["Content-Range"] == f"bytes 0-{SEGMENT - 1}/{len(FAKE_VIDEO)}"
    assert list(SegmentFetch.objects.values_list("index", flat=True)) == [0]


def test_a_heartbeat_costs_a_small_constant_number_of_queries(window, clock, django_assert_max_num_queries):  # type: ignore[no-untyped-def]
    """The whole request: login session and user (2), the savepoint pair (2; none outside tests'
    transaction), the lease locked, the session with its unit, enrolment and progress (one
    locked query), the segments, and the updates of session, progress, day row and lease: 11,
    whatever the number of segments, beats or sessions before (issue 14 §9)."""
    player = window()
    player.open()
    player.fetch_until(60)
    clock.advance(15)
    player.beat(position=15)
    for n in (2, 3):
        clock.advance(15)
        with django_assert_max_num_queries(11):
            assert player.beat(position=15 * n).json()["counted_seconds"] == 15


def test_downloading_the_video_just_before_a_beat_earns_only_the_time_since_the_download(window, clock):  # type: ignore[no-untyped-def]
    script = window()
    script.open()
    clock.advance(13)  # the script idles, then fetches everything right before beating
    script.fetch_until(60)
    clock.advance(2)
    assert script.beat(position=15).json()["counted_seconds"] == 2  # no media reached it before then
    clock.advance(15)
    assert script.beat(position=30).json()["counted_seconds"] <= 15
    assert credited(script.unit) <= 17


def test_a_beat_kept_through_an_expired_login_and_sent_again_earns_no_more_than_the_fetched_segments(window, clock, world):  # type: ignore[no-untyped-def]
    """The player keeps a beat the server refused for an expired login (401) and sends it again
    after the learner logs in; the server judges it on its own clock and segment records, so a
    retried (or forged) beat claiming more than was delivered earns only what was delivered."""
    player = window()
    player.open()
    player.fetch_until(20)  # segments 0..5: the first 21.2 s of the video
    clock.advance(15)
    assert player.beat(position=15).json()["counted_seconds"] == 15
    player.client.logout()  # the login expires
    clock.advance(15)
    assert player.beat(position=30).status_code == 401
    player.client.force_login(world.users["pro_gl_doctor"])  # the one-click re-login
    clock.advance(5)
    retried = player.beat(position=30)  # the kept beat, sent again
    reach = 6 * SEGMENT / len(FAKE_VIDEO) * 60
    assert retried.status_code == 200 and retried.json()["counted_seconds"] == pytest.approx(reach - 15, abs=0.01)
    assert credited(player.unit) == pytest.approx(reach)
    # the next window resumes at the last credited second, on any device
    again = window()
    assert again.open().json()["resume_position"] == pytest.approx(reach, abs=0.01)
