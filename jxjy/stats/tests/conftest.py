from __future__ import annotations

from typing import Any

import pytest

from jxjy.core.testing import World
from jxjy.records.services.standings import standings_rebuild

from . import data


@pytest.fixture
def stats_data(world: World) -> dict[str, Any]:
    classes = data.build(world)
    standings_rebuild(reason="测试数据")  # people made through the ORM get their standings here
    return classes
