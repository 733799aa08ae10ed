"""Verification reads its procedural numbers from the rule set of the unit's (or person's) region
(issue 13 items 2, 4 and 5c): 洛江 cites 泉洛政人社[2017]27号, 福州 (whose notice is silent) gets the
default and says so."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from jxjy.accounts.models import Role
from jxjy.core.errors import ApplicationError
from jxjy.core.testing import make_user
from jxjy.records.services import (
    verification_batch_create,
    verification_batch_submit,
    verification_exemption_record,
)
from jxjy.records.services.verification import verification_deadline

pytestmark = pytest.mark.django_db


def test_a_luojiang_units_deadline_is_the_end_of_february_of_the_next_year_cited(world):
    """申请单位应于验证年度第二年2月底前报送 (泉洛政人社[2017]27号 二（一）)."""
    deadline, basis = verification_deadline(2023, world.luojiang)
    assert deadline == dt.date(2024, 2, 29)
    assert not basis.is_default and basis.reference.startswith("泉洛政人社[2017]27号 二（一）")
    assert basis.ruleset_id == "quanzhou-luojiang-2017"


def test_a_fuzhou_units_deadline_is_the_default_and_says_so(world):
    """榕人专〔2009〕145号 sets no verification deadline: the system default (end of February) applies."""
    deadline, basis = verification_deadline(2024, world.gulou)  # 鼓楼区 inherits 福州's rule set
    assert deadline == dt.date(2025, 2, 28)
    assert basis.is_default and basis.reference.startswith("默认（default）：来源文件未规定")
    assert basis.ruleset_id == "fuzhou-2009"


def test_a_luojiang_batch_gets_the_cited_deadline_and_late_entries_forfeit_citing_2_3_2(world):
    admin = make_user("unit_lj_hospital", Role.UNIT_ADMIN, employer_unit=world.lj_hospital, region=world.luojiang)
    year = timezone.localdate().year - 1
    batch = verification_batch_create(actor=admin, year=year)
    assert batch.deadline == dt.date(year + 1, 2, 28 if (year + 1) % 4 else 29)
    batch.deadline = timezone.localdate() - dt.timedelta(days=1)
    batch.save(update_fields=["deadline"])
    verification_batch_submit(actor=admin, batch=batch)
    [entry] = batch.entries.all()
    assert entry.outcome == "forfeited"
    assert "视同放弃当年度验证（泉洛政人社[2017]27号 二（三）2" in entry.reason


def test_a_fuzhou_late_entry_forfeits_by_the_default_and_the_reason_says_it_is_one(world):
    year = timezone.localdate().year - 1
    admin = world.users["unit_gl_hospital"]
    batch = verification_batch_create(actor=admin, year=year, deadline=timezone.localdate() - dt.timedelta(days=1))
    verification_batch_submit(actor=admin, batch=batch)
    [entry] = batch.entries.all()
    assert entry.outcome == "forfeited" and "默认（default）" in entry.reason


def test_exemptions_are_limited_to_two_years_in_total_per_person_not_per_entry(world):
    """除长期外出培训、病假等特殊情况外（且不超2年） (泉洛政人社[2017]27号 二（三）2): 2021–22 and
    then 2023–24 would be four years; refused, naming the exemption already recorded."""
    hr = world.users["hr_quanzhou"]
    doctor = world.people["lj_doctor"]
    verification_exemption_record(actor=hr, professional=doctor, reason="sick_leave", first_year=2021, last_year=2022)
    with pytest.raises(ApplicationError) as refused:
        verification_exemption_record(actor=hr, professional=doctor, reason="long_training_away",
                                      first_year=2023, last_year=2024)
    message = refused.value.message
    assert "每人累计不超过2年（泉洛政人社[2017]27号 二（三）2" in message
    assert "黄医生已登记2021–2022年度（" in message and "将累计4年" in message
    assert refused.value.field == "first_year"
    with pytest.raises(ApplicationError, match="累计3年"):
        verification_exemption_record(actor=hr, professional=doctor, reason="sick_leave", first_year=2023,
                                      last_year=2023)
    assert doctor.verification_exemptions.count() == 1


def test_a_second_exemption_within_the_total_is_recorded(world):
    hr = world.users["hr_quanzhou"]
    doctor = world.people["lj_doctor"]
    verification_exemption_record(actor=hr, professional=doctor, reason="sick_leave", first_year=2021, last_year=2021)
    verification_exemption_record(actor=hr, professional=doctor, reason="long_training_away", first_year=2023,
                                  last_year=2023)
    assert doctor.verification_exemptions.count() == 2
