"""Assessments under 常人社发〔2011〕11号: industry authorities (第十八、十九条), units (第二十二、二十三条)
and commendations (第二十条, 第二十四条); each reproducible from the figures it cites."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest

from jxjy.core.errors import ApplicationError, ConflictError, PermissionDenied
from jxjy.core.testing import World
from jxjy.stats.choices import AUTHORITY_ITEMS, UNIT_ITEMS, AssessmentOutcome, CommendationArticle
from jxjy.stats.scope import scope_for
from jxjy.stats.services.assessments import (
    assessment_authority_record,
    assessment_notice_publish,
    assessment_unit_record,
    commendation_award,
    excellent_quota_cut,
    figures_now,
)
from jxjy.stats.services.reports import annual_report_request

pytestmark = pytest.mark.django_db


def _all_pass(catalogue: list[tuple[str, str]]) -> dict[str, tuple[bool, str]]:
    return {code: (True, "") for code, _ in catalogue}


def test_an_authority_without_a_filed_plan_is_notified_第十九条(world: World) -> None:
    items = _all_pass(AUTHORITY_ITEMS) | {"plan_filed": (False, "未制定本行业专业科目培训计划并报送备案")}
    a = assessment_authority_record(actor=world.users["hr_fuzhou"], authority=world.fz_health, year=2025, items=items)
    assert a.outcome == AssessmentOutcome.NOTIFIED
    assert "未制定本行业专业科目培训计划" in a.notice_text and "第十九条" in a.notice_text
    assert a.figures["plans_filed"] == 0 and a.figures["officers"] == 1  # auth_fz_health
    assessment_notice_publish(actor=world.users["hr_fuzhou"], assessment=a)
    assert a.published_at is not None
    with pytest.raises(ConflictError):
        assessment_notice_publish(actor=world.users["hr_fuzhou"], assessment=a)


def test_an_authority_meeting_every_item_of_第十八条_passes_and_may_be_commended_第二十条(world: World) -> None:
    a = assessment_authority_record(actor=world.users["hr_fuzhou"], authority=world.fz_health, year=2025,
                                    items=_all_pass(AUTHORITY_ITEMS))
    assert a.outcome == AssessmentOutcome.PASSED and a.notice_text == ""
    c = commendation_award(actor=world.users["hr_fuzhou"], assessment=a, article=CommendationArticle.ART20,
                           reason="继续教育工作成绩显著")
    assert c.figures["figures"] == a.figures


def test_a_failed_unit_check_cuts_its_excellent_quota_by_1_to_2_percent_第二十三条(world: World) -> None:
    actor = world.users["hr_gulou"]
    items = _all_pass(UNIT_ITEMS) | {"funding": (False, "继续教育经费未落实")}
    with pytest.raises(ApplicationError):  # the cut must be stated
        assessment_unit_record(actor=actor, unit=world.gl_hospital, year=2025, items=items)
    with pytest.raises(ApplicationError):  # and lie within 1–2 %
        assessment_unit_record(actor=actor, unit=world.gl_hospital, year=2025, items=items,
                               quota_cut_percent=Decimal("2.5"))
    a = assessment_unit_record(actor=actor, unit=world.gl_hospital, year=2025, items=items,
                               quota_cut_percent=Decimal("1.5"))
    assert a.outcome == AssessmentOutcome.FAILED
    assert excellent_quota_cut(world.gl_hospital, 2025) == Decimal("1.5")
    assert excellent_quota_cut(world.gl_hospital, 2024) == Decimal(0)
    assert excellent_quota_cut(world.gl_school, 2025) == Decimal(0)
    with pytest.raises(ConflictError):  # a failed unit is not commended (第二十四条)
        commendation_award(actor=actor, assessment=a, article=CommendationArticle.ART24, reason="优秀")


def test_a_passed_unit_has_no_quota_cut_and_may_be_commended_第二十四条(world: World) -> None:
    actor = world.users["hr_gulou"]
    with pytest.raises(ApplicationError):
        assessment_unit_record(actor=actor, unit=world.gl_school, year=2025, items=_all_pass(UNIT_ITEMS),
                               quota_cut_percent=Decimal(1))
    a = assessment_unit_record(actor=actor, unit=world.gl_school, year=2025, items=_all_pass(UNIT_ITEMS))
    assert a.quota_cut_percent is None
    c = commendation_award(actor=actor, assessment=a, article=CommendationArticle.ART24, reason="考核优秀",
                           person_name="王校长")
    assert str(c) == "2025年度表彰：王校长"


def test_an_assessment_is_reproducible_from_the_figures_it_cites(world: World, stats_data: Any) -> None:
    actor = world.users["hr_province"]
    annual_report_request(actor=actor, scope=scope_for(actor), year=2025)  # fills compliance for 2025
    a = assessment_unit_record(actor=world.users["hr_fuzhou"], unit=world.tj_company, year=2025,
                               items=_all_pass(UNIT_ITEMS))
    assert a.figures == figures_now(a)
    assert a.figures["people"] == 1 and a.figures["hours"] == 72.0
    assert a.figures["public_subject_people"] == 1 and a.figures["compliance_compliant"] == 1
    assert a.figures["class_trainees"] == 2 and a.figures["fees"] == 200.0  # A班 (fee 200) and B班 (free)


def test_only_the_units_own_hr_bureau_chain_may_assess(world: World) -> None:
    with pytest.raises(PermissionDenied):
        assessment_unit_record(actor=world.users["hr_quanzhou"], unit=world.gl_school, year=2025,
                               items=_all_pass(UNIT_ITEMS))


def test_every_item_must_be_answered_and_a_failed_item_explained(world: World) -> None:
    actor = world.users["hr_fuzhou"]
    partial = dict(list(_all_pass(AUTHORITY_ITEMS).items())[:3])
    with pytest.raises(ApplicationError):
        assessment_authority_record(actor=actor, authority=world.fz_health, year=2025, items=partial)
    with pytest.raises(ApplicationError):
        assessment_authority_record(actor=actor, authority=world.fz_health, year=2025,
                                    items=_all_pass(AUTHORITY_ITEMS) | {"staffing": (False, "")})
