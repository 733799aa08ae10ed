"""The honest-progress rules: what one heartbeat of the player may earn. Pure functions, no I/O.

A heartbeat says where the video is (`position`), how fast it plays (`rate`), whether the page
is visible, and how long ago the learner last touched it. Time counts only when wall-clock time
and position advance agree at normal speed; seeks forward, sped-up playback, hidden or closed
tabs, a second player of the same person and idling earn nothing."""

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
    span: tuple[float, float] | None = None  # the part of the video watched honestly
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
    another_session_active: bool,
) -> Verdict:
    """How many seconds this heartbeat earns, and why not more."""
    verdict = Verdict(seconds=0.0)
    if wall_seconds <= 0:
        return verdict.nothing("no_time")
    if wall_seconds > config.max_gap_seconds:
        return verdict.nothing("gap")  # the tab was closed, asleep or offline between beats
    if not beat.visible:
        return verdict.nothing("hidden")
    if beat.idle_seconds >= config.idle_seconds:
        return verdict.nothing("idle", SessionFlag.IDLE)
    if another_session_active:
        return verdict.nothing("concurrent", SessionFlag.CONCURRENT)
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
    verdict.seconds = min(advance, wall_seconds)
    if verdict.seconds < wall_seconds - config.slack_seconds:
        verdict.reasons.append("paused")
    verdict.span = (last_position, last_position + verdict.seconds) if verdict.seconds > 0 else None
    return verdict


def clamp_to_cap(verdict: Verdict, *, remaining_today: float) -> Verdict:
    """The daily cap: no more than what is left of today's counted online hours."""
    if verdict.seconds > remaining_today:
        allowed = max(0.0, remaining_today)
        if verdict.span is not None:
            start = verdict.span[0]
            verdict.span = (start, start + allowed) if allowed > 0 else None
        verdict.seconds = allowed
        verdict.reasons.append("daily_cap")
    return verdict


def merge_span(spans: list[list[float]], span: tuple[float, float], *, limit: float) -> list[list[float]]:
    """Adds a watched span to a sorted list of disjoint spans (clipped to the video's length)."""
    start, end = max(0.0, span[0]), min(limit, span[1])
    if end <= start:
        return spans
    merged: list[list[float]] = []
    for s, e in sorted([*spans, [start, end]]):
        if merged and s <= merged[-1][1] + 0.5:
            merged[-1][1] = max(merged[-1][1], e)
        else:
            merged.append([s, e])
    return [[round(s, 2), round(e, 2)] for s, e in merged]
