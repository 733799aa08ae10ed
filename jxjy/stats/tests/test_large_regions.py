"""Large regions: the report's figures are a fixed number of aggregate queries, whatever the number of
people; the background job shows progress and records a failure instead of hanging."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from jxjy.core.testing import World, make_professional
from jxjy.stats.choices import ReportStatus
from jxjy.stats.scope import scope_for
from jxjy.stats.selectors.report import annual_report_figures
from jxjy.stats.services import reports as report_services

from . import data

pytestmark = pytest.mark.django_db


def _queries(world: World) -> int:
    scope = scope_for(world.users["hr_province"])
    with CaptureQueriesContext(connection) as ctx:
        annual_report_figures(scope, 2025)
    return len(ctx.captured_queries)


def test_the_figures_cost_the_same_number_of_queries_for_more_people(world: World, stats_data: Any) -> None:
    before = _queries(world)
    for i in range(25):
        person = make_professional(world.gl_hospital if i % 2 else world.lj_hospital, f"新人{i}",
                                   title=world.titles["主治医师"])
        world.people[f"new{i}"] = person
        data.record(world, f"new{i}", dt.date(2025, 5, 1 + i % 20), "professional", "centralized", 10 + i,
                    world.fz_provider if i % 3 else None, f"N{i}")
    assert _queries(world) == before
    assert before < 80


def test_a_failing_job_records_its_failure(world: World, monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("磁盘已满")

    monkeypatch.setattr(report_services, "annual_report_figures", broken)
    actor = world.users["hr_province"]
    report = report_services.annual_report_request(actor=actor, scope=scope_for(actor), year=2025)
    assert report.status == ReportStatus.FAILED and "磁盘已满" in report.error
    assert report.result is None and report.finished_at is not None
