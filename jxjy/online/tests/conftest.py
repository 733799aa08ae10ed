from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone


class Clock:
    """A hand-moved clock for the heartbeat and exam timing tests."""

    def __init__(self) -> None:
        self.now = timezone.now().replace(microsecond=0)

    def advance(self, seconds: float) -> None:
        self.now += dt.timedelta(seconds=seconds)

    def __call__(self) -> dt.datetime:
        return self.now


@pytest.fixture
def clock(monkeypatch: pytest.MonkeyPatch) -> Clock:
    c = Clock()
    monkeypatch.setattr("django.utils.timezone.now", c)
    return c


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path) -> None:  # type: ignore[no-untyped-def]
    settings.MEDIA_ROOT = str(tmp_path / "media")
