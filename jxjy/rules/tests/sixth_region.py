"""The made-up sixth region (fixtures/sixth-region/haibin-2020.yaml), loaded through the normal rule-set
loader: the five real files and the fixture are copied into one directory and the loader's data
directory points there for the test (its caches cleared before and after). No code knows the region."""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from jxjy.rules import loader

FIXTURE_DIR = Path(__file__).with_name("fixtures") / "sixth-region"
SIXTH_RULESET_ID = "haibin-2020"


def _clear() -> None:
    for cached in (loader.ruleset_ids, loader.load_ruleset, loader.ruleset_version):
        cached.cache_clear()


@contextmanager
def sixth_region_rulesets(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[Path]:
    """Makes ``haibin-2020`` a rule set like the five in jxjy/rules/data for the duration."""
    data = tmp_path / "rulesets"
    data.mkdir()
    for source in [*loader.DATA_DIR.glob("*.yaml"), *FIXTURE_DIR.glob("*.yaml")]:
        shutil.copy(source, data / source.name)
    original = loader.DATA_DIR
    _clear()
    monkeypatch.setattr(loader, "DATA_DIR", data)
    try:
        yield data
    finally:
        monkeypatch.setattr(loader, "DATA_DIR", original)
        _clear()


@pytest.fixture
def sixth_region(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> Iterator[str]:
    """The sixth region's rule set id, loadable for the test's duration."""
    with sixth_region_rulesets(monkeypatch, tmp_path):
        yield SIXTH_RULESET_ID
