"""A rebuild of the standings writes only what changed: a rebuild after no change writes no row and
leaves every standing's 计算时间 and 原因 as they were; a rule-set change rewrites exactly the
standings judged by the stale version; a standing changed past the services is put right."""

from __future__ import annotations

import datetime as dt

import pytest

from jxjy.core.testing import make_professional
from jxjy.records.models import Standing, StandingVerdict
from jxjy.records.services.standings import standings_rebuild_counted, standings_verify
from jxjy.rules import ruleset_version

from .helpers import recognised

pytestmark = pytest.mark.django_db


def _stamps() -> dict[tuple[int, str, int, int], tuple[dt.datetime, str]]:
    return {(s.professional_id, s.kind, s.start_year, s.end_year): (s.computed_at, s.reason)
            for s in Standing.objects.all()}


def test_a_rebuild_after_no_change_writes_no_standing_榕人专2009_145号_一(world):
    """72 学时 a year (榕人专〔2009〕145号 一): judged again with nothing changed, every verdict comes
    out as stored, so nothing is written."""
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(3)]
    recognised(people[0], dt.date(2025, 4, 1), hours=72)
    recognised(people[1], dt.date(2025, 4, 1), hours=30)
    first = standings_rebuild_counted()  # the fixture's people were made past the services
    assert first.written > 0
    before = _stamps()
    again = standings_rebuild_counted(reason="再次重算", batch=2)
    assert again.people == first.people and again.written == 0
    assert _stamps() == before  # 计算时间 and 原因 still say when and why each content was set
    assert standings_verify()[1] == []


def test_a_rebuild_puts_right_exactly_the_standings_changed_past_the_services(world):
    person = make_professional(world.tj_company, "员工甲")
    other = make_professional(world.tj_company, "员工乙")
    recognised(person, dt.date(2025, 4, 1), hours=72)
    recognised(other, dt.date(2025, 4, 1), hours=72)
    standings_rebuild_counted()  # the fixture's people were made past the services
    Standing.objects.filter(professional=person, start_year=2025).update(verdict="short", shortfall=12)
    before = _stamps()
    outcome = standings_rebuild_counted(reason="核对")
    assert outcome.written == 1
    fixed = Standing.objects.get(professional=person, kind="annual", start_year=2025)
    assert fixed.verdict == StandingVerdict.MET and fixed.shortfall == 0 and fixed.reason == "核对"
    after = _stamps()
    changed = {key for key in after if after[key] != before[key]}
    assert changed == {(person.pk, "annual", 2025, 2025)}


def test_a_rule_change_rebuild_rewrites_exactly_the_standings_of_the_stale_version(world):
    """A changed rule-set file leaves the standings it judged with a stale version; the rebuild from
    the stored summaries writes those and no other."""
    people = [make_professional(world.tj_company, f"员工{i}") for i in range(3)]
    for p in people:
        recognised(p, dt.date(2025, 4, 1), hours=40)
    standings_rebuild_counted()  # the fixture's people were made past the services
    stale = Standing.objects.filter(professional__in=people[:2], ruleset_id="fuzhou-2009")
    stale_keys = {(s.professional_id, s.kind, s.start_year, s.end_year) for s in stale}
    assert stale.update(ruleset_version="0ld0ld0ld0ld") == len(stale_keys) > 0
    before = _stamps()
    outcome = standings_rebuild_counted(from_totals=True, reason="规则集 fuzhou-2009 已更新")
    assert outcome.written == len(stale_keys)
    after = _stamps()
    assert {key for key in after if after[key] != before[key]} == stale_keys
    assert set(Standing.objects.filter(ruleset_id="fuzhou-2009").values_list("ruleset_version", flat=True)) == {
        ruleset_version("fuzhou-2009")}
    s = Standing.objects.get(professional=people[0], kind="annual", start_year=2025)
    assert s.reason == "规则集 fuzhou-2009 已更新" and s.verdict == StandingVerdict.SHORT and s.shortfall == 32
