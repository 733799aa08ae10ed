"""The honest-progress rules: what one heartbeat of the player may earn. Pure functions, no I/O.

The server credits only what it can see itself: the wall-clock time between two accepted beats of
the session, while the session held the person's study lease, and — for a video — only as far as
the session has fetched the courseware's segments. What the client reports (position, rate,
visibility, idle time) can only take credit away: a position behind the clock earns less, a rate
off 1×, a hidden page or an idle learner earn nothing. Seeks forward, sped-up playback, hidden or
closed tabs, a second stream of the same person, beats without media and idling earn nothing."""

from __future__ import annotations

from dataclasses import dataclass, field

from .choices import SessionFlag
from .config import OnlineConfig


@dataclass(frozen=True)
class Beat:
    position: float | None  # seconds into the video; None for documents and pages
    rate: float = 1.0
    visible: bool = True
    idle_seconds: float = 0.0  # since the learner's last interaction
    playing: bool = True


@dataclass
class Verdict:
    seconds: float
    span: tuple[float, float] | None = None  # the part of the video watched honestly, exactly `seconds` long
    reasons: list[str] = field(default_factory=list)  # why less than the wall time counted
    flags: list[str] = field(default_factory=list)  # suspicious behaviour

    def nothing(self, reason: str, flag: str | None = None) -> Verdict:
        self.seconds, self.span = 0.0, None
        self.reasons.append(reason)
        if flag:
            self.flags.append(flag)
        return self


def judge_beat(
    *, config: OnlineConfig, is_video: bool, wall_seconds: float, last_position: float, beat: Beat,
    lease_held: bool = True, covered_until: float | None = None,
) -> Verdict:
    """How many seconds this heartbeat earns, and why not more.

    `wall_seconds` is the server's time since the session's previous accepted beat; `lease_held`
    says whether the session held the person's study lease for the whole of it; `covered_until`
    is how far into the video (from `last_position`, contiguously) the segments this session
    fetched reach — None means no segment was fetched."""
    verdict = Verdict(seconds=0.0)
    if wall_seconds <= 0:
        return verdict.nothing("no_time")
    if wall_seconds < config.min_beat_seconds:
        return verdict.nothing("too_soon")
    if wall_seconds > config.max_gap_seconds:
        return verdict.nothing("gap")  # the tab was closed, asleep or offline between beats
    if not lease_held:
        return verdict.nothing("concurrent", SessionFlag.CONCURRENT)
    if not beat.visible:
        return verdict.nothing("hidden")
    if beat.idle_seconds >= config.idle_seconds:
        return verdict.nothing("idle", SessionFlag.IDLE)
    if not is_video:
        verdict.seconds = wall_seconds
        return verdict
    if abs(beat.rate - 1.0) > config.rate_tolerance:
        return verdict.nothing("speed", SessionFlag.SPEED)
    if beat.position is None:
        return verdict.nothing("no_position")
    advance = beat.position - last_position
    if advance < 0:
        return verdict.nothing("seek_back")
    if advance > wall_seconds * (1 + config.clock_tolerance) + config.slack_seconds:
        return verdict.nothing("seek", SessionFlag.SEEK)
    if advance == 0:
        return verdict.nothing("paused")
    if covered_until is None or covered_until <= last_position:
        return verdict.nothing("no_media", SessionFlag.NO_MEDIA)
    seconds = min(advance, wall_seconds)
    if covered_until < last_position + seconds:
        seconds = covered_until - last_position
        verdict.reasons.append("not_fetched")
    verdict.seconds = seconds
    if verdict.seconds < wall_seconds - config.slack_seconds and "not_fetched" not in verdict.reasons:
        verdict.reasons.append("paused")
    verdict.span = (last_position, last_position + verdict.seconds) if verdict.seconds > 0 else None
    return verdict


def clamp_to_cap(verdict: Verdict, *, remaining_today: float, reason: str = "daily_cap") -> Verdict:
    """The daily cap: no more than what is left of today's counted online hours (the watched span
    shrinks with it, so the cap limits completion too). Also used with `reason="presence"` for
    the part of an interval after a presence check fell due."""
    if verdict.seconds > remaining_today:
        allowed = max(0.0, remaining_today)
        if verdict.span is not None:
            start = verdict.span[0]
            verdict.span = (start, start + allowed) if allowed > 0 else None
        verdict.seconds = allowed
        verdict.reasons.append(reason)
    return verdict


def merge_span(spans: list[list[float]], span: tuple[float, float], *, limit: float) -> list[list[float]]:
    """Adds a watched span to a sorted list of disjoint spans (clipped to the video's length).
    Spans merge only where they touch or overlap: no gap is bridged, so the watched total never
    exceeds the credited time."""
    start, end = max(0.0, span[0]), min(limit, span[1])
    if end <= start:
        return spans
    merged: list[list[float]] = []
    for s, e in sorted([*spans, [start, end]]):
        if merged and s <= merged[-1][1]:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [[s, e] for s, e in merged]


def watched_total(spans: list[list[float]]) -> float:
    return sum(e - s for s, e in spans)
