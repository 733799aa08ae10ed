from __future__ import annotations

from typing import Any

import pytest

from jxjy.core.testing import World

from . import data


@pytest.fixture
def stats_data(world: World) -> dict[str, Any]:
    return data.build(world)
