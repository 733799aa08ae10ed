from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

import pytest

from jxjy.core.testing import World
from jxjy.providers.models import BaseApplication, CEBase
from jxjy.providers.services.accreditation import base_accredit, base_application_create

DAY = dt.date(2026, 3, 2)


def apply(world: World, *, user: str = "provider_fz", provider: Any = None, tier: str = "city",
          series: list[str] | None = None, subjects: list[str] | None = None, forms: list[str] | None = None,
          submit: bool = True) -> BaseApplication:
    return base_application_create(
        actor=world.users[user], provider=provider or world.fz_provider, tier=tier,
        scope_series=["health"] if series is None else series,
        scope_subjects=subjects or ["professional"], scope_forms=forms or ["centralized"],
        facilities="多媒体教室3间，200座报告厅", places="福州市鼓楼区五四路100号",
        full_time_teachers=5, part_time_teachers=12, management_rules="考勤制度、收费公示制度、证书管理制度",
        submit=submit,
    )


def accredit(world: World, *, officer: str = "hr_fuzhou", **kw: Any) -> CEBase:
    application = apply(world, **kw)
    return base_accredit(actor=world.users[officer], application=application, valid_from=DAY,
                         valid_to=dt.date(2028, 12, 31))


@pytest.fixture
def fz_base(world: World) -> CEBase:
    return accredit(world)


SCORES_GOOD = {f: Decimal("18") for f in
               ("score_running", "score_management", "score_development", "score_quality", "score_certificates")}
SCORES_POOR = {f: Decimal("10") for f in SCORES_GOOD}
