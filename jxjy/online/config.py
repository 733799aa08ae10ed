"""Tunable numbers of online learning, read from settings (`ONLINE_…`) with these defaults.

They are operational choices of the platform, not regulatory numbers: the rules engine keeps
those (distance caps and the like)."""

from __future__ import annotations

from dataclasses import dataclass

from django.conf import settings

DEFAULTS: dict[str, float] = {
    # the player posts a heartbeat this often (seconds)
    "HEARTBEAT_SECONDS": 15,
    # no interaction for this long (minutes) earns nothing and the player asks "are you still there?"
    "IDLE_MINUTES": 10,
    # most online study time counted for one person on one day (hours)
    "DAILY_CAP_HOURS": 8,
    # playback rate accepted as normal speed: 1.0 ± this
    "RATE_TOLERANCE": 0.05,
    # position may run ahead of wall-clock time by this share plus SLACK_SECONDS (network jitter)
    "CLOCK_TOLERANCE": 0.1,
    "SLACK_SECONDS": 2,
    # a gap between heartbeats longer than this many intervals is not study time (tab closed, offline)
    "MAX_GAP_INTERVALS": 2,
    # share of a video that must have been watched at normal speed to complete it
    "COMPLETION_RATIO": 0.95,
    # a beat sooner than this share of HEARTBEAT_SECONDS after the session's previous accepted beat
    # is answered but earns nothing (9 s with the defaults); a session sending more than
    # EARLY_BEATS_FLAG of them is flagged
    "MIN_BEAT_SHARE": 0.6,
    "EARLY_BEATS_FLAG": 5,
    # most heartbeats one person may send in a minute, all sessions together (beyond: 429)
    "MAX_BEATS_PER_MINUTE": 30,
    # videos are delivered in segments of this many bytes through session-bound signed URLs
    "SEGMENT_BYTES": 256 * 1024,
    # a signed courseware URL works for this many minutes (the heartbeat answers a fresh one)
    "MEDIA_URL_MINUTES": 10,
    # a presence check (在线确认) must be answered within this many seconds (默认（default）); how
    # often one comes is each course's setting (presence_min_seconds..presence_max_seconds)
    "PRESENCE_ANSWER_SECONDS": 60,
}


@dataclass(frozen=True)
class OnlineConfig:
    heartbeat_seconds: float
    idle_minutes: float
    daily_cap_hours: float
    rate_tolerance: float
    clock_tolerance: float
    slack_seconds: float
    max_gap_intervals: float
    completion_ratio: float
    min_beat_share: float
    early_beats_flag: float
    max_beats_per_minute: float
    segment_bytes: float
    media_url_minutes: float
    presence_answer_seconds: float

    @property
    def max_gap_seconds(self) -> float:
        return self.heartbeat_seconds * self.max_gap_intervals + self.slack_seconds

    @property
    def min_beat_seconds(self) -> float:
        return self.heartbeat_seconds * self.min_beat_share

    @property
    def lease_seconds(self) -> float:
        """The study lease lapses when its session has not beaten for this long."""
        return self.max_gap_seconds

    @property
    def idle_seconds(self) -> float:
        return self.idle_minutes * 60

    @property
    def daily_cap_seconds(self) -> float:
        return self.daily_cap_hours * 3600


def online_config() -> OnlineConfig:
    """The values in force now (settings are read on every call so tests can override them)."""
    values = {k: float(getattr(settings, f"ONLINE_{k}", v)) for k, v in DEFAULTS.items()}
    return OnlineConfig(**{k.lower(): v for k, v in values.items()})
