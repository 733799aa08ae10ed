"""The "excellent" quota cut of a unit failing the spot check comes from the rule set of the unit's
region (issue 13 items 2 and 4): 常州 cites 常人社发〔2011〕11号 第二十三条 (1%—2%); a region whose
document is silent gets the default, which says it is one."""

from __future__ import annotations

from decimal import Decimal

import pytest

from jxjy.core.testing import make_region, make_unit
from jxjy.stats.services.assessments import quota_cut_range

pytestmark = pytest.mark.django_db


def test_a_changzhou_units_quota_cut_is_1_to_2_percent_cited_art23(world):
    jiangsu = make_region("320000", "江苏省")
    tianning = make_region("320402", "天宁区", make_region("320400", "常州市", jiangsu, "changzhou-2011"))
    (low, high), basis = quota_cut_range(make_unit(tianning, "天宁区某厂"), 2025)
    assert (low, high) == (Decimal(1), Decimal(2))
    assert basis == "常人社发〔2011〕11号 第二十三条（核减1%—2%）"


def test_a_fuzhou_units_quota_cut_is_the_default_and_says_so(world):
    (low, high), basis = quota_cut_range(world.gl_hospital, 2025)
    assert (low, high) == (Decimal(1), Decimal(2))
    assert basis.startswith("默认（default）：来源文件未规定核减比例")
