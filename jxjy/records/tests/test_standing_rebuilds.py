"""Rebuilds of standings: requested by an officer for a region of their jurisdiction, run by the task
worker in batches with progress, resumable after the last person done; a changed rule-set file
queues rebuilds of the regions that use it."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.core.testing import make_professional
from jxjy.records.models import RebuildStatus, Standing, StandingRebuild
from jxjy.records.services.standings import (
    standing_rebuild_task,
    standings_queue_stale,
    standings_rebuild,
    standings_stale,
)
from jxjy.rules import ruleset_version

from .helpers import recognised

pytestmark = pytest.mark.django_db


def test_an_officer_requests_a_rebuild_of_a_region_and_sees_it_done(world, client_for,
                                                                      django_capture_on_commit_callbacks):
    recognised(world.people["tj_engineer"], dt.date(2025, 4, 1), hours=72)
    client = client_for("hr_fuzhou")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/records/standings/rebuilds/", {"region": world.taijiang.pk, "reason": "核对职称"})
    assert response.status_code == 302
    job = StandingRebuild.objects.get()
    assert (job.status, job.total, job.done, job.region) == (RebuildStatus.DONE, 1, 1, world.taijiang)
    page = client.get("/records/standings/rebuilds/").content.decode()
    assert "核对职称" in page and "已完成" in page and "1 / 1" in page
    # a region outside the officer's jurisdiction is refused like a missing one
    client.post("/records/standings/rebuilds/", {"region": world.luojiang.pk, "reason": "越权"})
    assert StandingRebuild.objects.count() == 1
    assert client_for("unit_tj_company").get("/records/standings/rebuilds/").status_code == 404


def test_a_rebuild_resumes_after_the_last_person_it_finished(world):
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(4)]
    job = StandingRebuild.objects.create(region=world.taijiang, reason="续算", total=5, done=3,
                                         last_professional_id=people[1].pk, status=RebuildStatus.RUNNING)
    standing_rebuild_task.call(job.pk)
    job.refresh_from_db()
    assert job.status == RebuildStatus.DONE and job.done == job.total
    done = set(Standing.objects.values_list("professional_id", flat=True))
    assert done == {people[2].pk, people[3].pk}  # only those after the last person finished


def test_a_changed_rule_set_file_queues_a_rebuild_of_its_regions(world, client_for,
                                                                   django_capture_on_commit_callbacks):
    recognised(world.people["tj_engineer"], dt.date(2025, 4, 1), hours=72)
    standings_rebuild()
    assert standings_stale() == []
    Standing.objects.filter(ruleset_id="fuzhou-2009").update(ruleset_version="0ld0ld0ld0ld")
    [(ruleset_id, version, n)] = standings_stale()
    assert (ruleset_id, version) == ("fuzhou-2009", "0ld0ld0ld0ld") and n >= 5
    # an officer sees only the stale standings of their own jurisdiction
    assert "fuzhou-2009" in client_for("hr_fuzhou").get("/records/standings/rebuilds/").content.decode()
    assert "fuzhou-2009" not in client_for("hr_quanzhou").get("/records/standings/rebuilds/").content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        [job] = standings_queue_stale()
    assert job.region == world.fuzhou and job.from_totals
    job.refresh_from_db()
    assert job.status == RebuildStatus.DONE and standings_stale() == []
    assert set(Standing.objects.filter(ruleset_id="fuzhou-2009").values_list("ruleset_version", flat=True)) == {
        ruleset_version("fuzhou-2009")}
