"""The honest-progress rules for one heartbeat (issue 7 §2; 常人社发〔2011〕11号 第九条 网上学习:
online hours must be real study time). Pure rules, no database."""

from __future__ import annotations

import pytest

from jxjy.online.config import DEFAULTS, OnlineConfig
from jxjy.online.heartbeat import Beat, Verdict, clamp_to_cap, judge_beat, merge_span

CONFIG = OnlineConfig(**{k.lower(): float(v) for k, v in DEFAULTS.items()})  # 15 s beats, 10 min idle


def judge(beat: Beat, *, wall: float = 15, last: float = 100, video: bool = True, another: bool = False,
          covered: float | None = 200) -> Verdict:
    return judge_beat(config=CONFIG, is_video=video, wall_seconds=wall, last_position=last, beat=beat,
                      lease_held=not another, covered_until=covered)


def test_normal_speed_playback_earns_the_wall_clock_time() -> None:
    verdict = judge(Beat(position=115))
    assert verdict.seconds == 15
    assert verdict.span == (100, 115)
    assert verdict.flags == []


def test_small_jitter_within_tolerance_still_counts_but_never_more_than_wall_time() -> None:
    assert judge(Beat(position=116.5)).seconds == 15
    assert judge(Beat(position=114)).seconds == 14


def test_seeking_forward_earns_nothing_and_is_flagged() -> None:
    verdict = judge(Beat(position=400))
    assert verdict.seconds == 0
    assert verdict.reasons == ["seek"]
    assert verdict.flags == ["seek"]


def test_sped_up_playback_earns_nothing_and_is_flagged() -> None:
    verdict = judge(Beat(position=130, rate=2.0))
    assert verdict.seconds == 0
    assert verdict.flags == ["speed"]


def test_a_player_that_lies_about_its_rate_is_caught_by_position_running_ahead_of_the_clock() -> None:
    verdict = judge(Beat(position=130, rate=1.0))  # 30 s of video in 15 s of wall time
    assert verdict.seconds == 0
    assert "seek" in verdict.flags


def test_slightly_slow_or_fast_rates_within_tolerance_count() -> None:
    assert judge(Beat(position=115, rate=1.04)).seconds == 15
    assert judge(Beat(position=115, rate=1.06)).seconds == 0


def test_a_hidden_tab_earns_nothing() -> None:
    verdict = judge(Beat(position=115, visible=False))
    assert verdict.seconds == 0
    assert verdict.reasons == ["hidden"]


def test_a_closed_tab_earns_nothing_for_the_gap_before_the_next_beat() -> None:
    verdict = judge(Beat(position=115), wall=600)
    assert verdict.seconds == 0
    assert verdict.reasons == ["gap"]


def test_idling_for_the_configured_minutes_earns_nothing_and_is_flagged() -> None:
    assert judge(Beat(position=115, idle_seconds=CONFIG.idle_seconds - 1)).seconds == 15
    verdict = judge(Beat(position=115, idle_seconds=CONFIG.idle_seconds))
    assert verdict.seconds == 0
    assert verdict.flags == ["idle"]


def test_a_session_without_the_persons_study_lease_earns_nothing() -> None:
    verdict = judge(Beat(position=115), another=True)
    assert verdict.seconds == 0
    assert verdict.flags == ["concurrent"]


def test_seeking_back_earns_nothing_for_that_beat_but_is_not_suspicious() -> None:
    verdict = judge(Beat(position=20))
    assert verdict.seconds == 0
    assert verdict.flags == []


def test_a_paused_video_earns_only_what_it_played() -> None:
    verdict = judge(Beat(position=104, playing=False))
    assert verdict.seconds == 4
    assert "paused" in verdict.reasons


def test_documents_earn_visible_interactive_wall_time() -> None:
    assert judge(Beat(position=None), video=False).seconds == 15
    assert judge(Beat(position=None, visible=False), video=False).seconds == 0


@pytest.mark.parametrize(("remaining", "expected"), [(100, 15), (10, 10), (0, 0), (-5, 0)])
def test_the_daily_cap_clamps_what_a_beat_earns(remaining: float, expected: float) -> None:
    verdict = clamp_to_cap(judge(Beat(position=115)), remaining_today=remaining)
    assert verdict.seconds == expected
    assert (verdict.span is None) == (expected == 0)
    if expected < 15:
        assert "daily_cap" in verdict.reasons


def test_watched_spans_merge_and_are_clipped_to_the_video() -> None:
    spans = merge_span([], (0, 15), limit=60)
    spans = merge_span(spans, (30, 45), limit=60)
    spans = merge_span(spans, (15, 30), limit=60)
    assert spans == [[0, 45]]
    assert merge_span(spans, (50, 70), limit=60) == [[0, 45], [50, 60]]


def test_no_gap_between_watched_spans_is_bridged_so_watched_time_never_exceeds_credit() -> None:
    spans: list[list[float]] = []
    for n in range(15):  # 15 micro-spans of 2 s, 4 s apart: 30 s credited
        spans = merge_span(spans, (4 * n, 4 * n + 2), limit=60)
    assert sum(e - s for s, e in spans) == 30
    assert merge_span([[0, 10]], (10.3, 20), limit=60) == [[0, 10], [10.3, 20]]


def test_a_beat_sooner_than_the_minimum_interval_earns_nothing() -> None:
    assert CONFIG.min_beat_seconds == 9
    assert judge(Beat(position=108.9), wall=8.9).reasons == ["too_soon"]
    assert judge(Beat(position=108.9), wall=8.9).seconds == 0
    assert judge(Beat(position=109), wall=9).seconds == 9


def test_a_video_beat_earns_nothing_without_the_segments_of_that_part_of_the_video() -> None:
    verdict = judge(Beat(position=115), covered=None)
    assert verdict.seconds == 0 and verdict.flags == ["no_media"]
    assert judge(Beat(position=115), covered=100).seconds == 0


def test_a_video_beat_earns_only_as_far_as_the_fetched_segments_reach() -> None:
    verdict = judge(Beat(position=115), covered=106)
    assert verdict.seconds == 6 and verdict.span == (100, 106)
    assert "not_fetched" in verdict.reasons


def test_what_the_client_reports_can_only_reduce_credit_never_exceed_the_servers_clock() -> None:
    # the best report possible earns the wall time, no more
    assert judge(Beat(position=117, rate=1.0, visible=True, idle_seconds=0)).seconds == 15
    assert judge(Beat(position=None), video=False, wall=15).seconds == 15
