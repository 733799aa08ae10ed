"""The class workflow reads its numbers from the rule set of the approving bureau's region (issue 13
items 2 and 4); a bureau's override in TrainingSettings wins and is shown beside the cited value."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.training.choices import NoticeMode
from jxjy.training.models import TrainingSettings
from jxjy.training.services.config import setting_basis, settings_for
from jxjy.training.services.notice import notice_start
from jxjy.training.services.plans import plan_deadline

pytestmark = pytest.mark.django_db
ON = dt.date(2026, 3, 2)


def test_luojiang_classes_are_applied_for_10_working_days_ahead_cited_1_5_2(world):
    cfg = settings_for(world.bureaus["350504"], ON)
    assert cfg.min_working_days == 10
    assert setting_basis(cfg, "min_working_days").startswith("泉洛政人社[2017]27号 一（五）2")


def test_luojiang_hours_are_recognised_within_30_days_and_plans_are_due_by_the_end_of_february(world):
    cfg = settings_for(world.bureaus["350504"], ON)
    assert cfg.recognition_days == 30
    assert setting_basis(cfg, "recognition_days").startswith("泉洛政人社[2017]27号 一（五）3")
    assert plan_deadline(2026, cfg) == dt.date(2026, 2, 28)
    assert setting_basis(cfg, "plan_deadline_month").startswith("泉洛政人社[2017]27号 一（五）1")


def test_fuzhou_notices_last_5_days_in_the_first_week_of_each_quarter_per_appendix_2(world):
    cfg = settings_for(world.bureaus["350100"], ON)
    assert (cfg.notice_days, cfg.notice_mode) == (5, NoticeMode.ROUNDS)
    assert setting_basis(cfg, "notice_mode").startswith("榕人专〔2009〕145号 附件2")
    assert notice_start(dt.date(2026, 3, 2), cfg) == dt.date(2026, 4, 1)


def test_fuzhou_states_no_lead_time_so_the_default_applies_and_says_so(world):
    cfg = settings_for(world.bureaus["350100"], ON)
    assert cfg.min_working_days == 10
    assert setting_basis(cfg, "min_working_days").startswith("默认（default）：来源文件未规定提前期限")


def test_a_region_without_a_rule_set_gets_the_defaults(world):
    cfg = settings_for(world.bureaus["350500"], ON)  # 泉州市 names no rule set
    assert cfg.notice_mode == NoticeMode.CONTINUOUS
    assert setting_basis(cfg, "notice_days").startswith("默认（default）")


def test_a_bureau_override_wins_and_is_shown_beside_the_cited_value(world):
    TrainingSettings.objects.create(hr_bureau=world.bureaus["350504"], min_working_days=15)
    cfg = settings_for(world.bureaus["350504"], ON)
    assert cfg.min_working_days == 15
    assert setting_basis(cfg, "min_working_days").startswith("本局设定（规则集规定为10：泉洛政人社[2017]27号 一（五）2")
    assert cfg.recognition_days == 30  # the fields it left empty still read the rule set
