"""Refreshing the per-person compliance summary (PersonYearCompliance) of a region and year.

The rules engine runs per person, but on a few summarised records each: the records engine's
set-based `verdicts_for_people` streams two aggregate queries merged by person; verdicts are
written back in chunks, each in its own transaction, so progress is visible while it runs."""

from __future__ import annotations

from collections.abc import Callable

from django.db import transaction
from django.utils import timezone

from jxjy.people.models import Professional
from jxjy.records.compliance import annual, verdicts_for_people
from jxjy.regions.models import Region

from ..models import PersonYearCompliance

CHUNK = 5000


def _write(rows: list[PersonYearCompliance], year: int) -> None:
    with transaction.atomic():
        PersonYearCompliance.objects.filter(year=year, professional_id__in=[r.professional_id for r in rows]).delete()
        PersonYearCompliance.objects.bulk_create(rows, batch_size=CHUNK)


def compliance_refresh(*, region: Region, year: int, on_progress: Callable[[int, int], None] | None = None) -> int:
    """Recomputes every person's verdict for `year` in the region subtree; returns how many."""
    people = Professional.objects.filter(region__path__startswith=region.path)
    total = people.count()
    now = timezone.now()
    done = 0
    pending: list[PersonYearCompliance] = []
    for pk, ruleset_id, verdict in verdicts_for_people(people, annual(year)):
        pending.append(PersonYearCompliance(professional_id=pk, year=year, compliant=bool(verdict["compliant"]),
                                            ruleset_id=ruleset_id, computed_at=now))
        if len(pending) >= CHUNK:
            _write(pending, year)
            done += len(pending)
            pending = []
            if on_progress:
                on_progress(done, total)
    if pending:
        _write(pending, year)
        done += len(pending)
    # people who left the subtree since the last refresh keep no stale verdict here
    PersonYearCompliance.objects.filter(year=year, professional__region__path__startswith=region.path,
                                        computed_at__lt=now).delete()
    if on_progress:
        on_progress(done, total)
    return done
