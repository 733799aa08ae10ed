"""numbering/0002 moves the three old counters into the one table: the next number of every series is
the one the old counter would have issued (no number issued twice, none skipped)."""

from __future__ import annotations

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from jxjy.core.testing import build_world
from jxjy.numbering.models import NumberCounter


@pytest.mark.django_db(transaction=True)
def test_the_old_counters_carry_on_in_the_one_numbering_table() -> None:
    world = build_world()
    bureau, region, authority = world.bureaus["350102"], world.fuzhou, world.fz_health
    executor = MigrationExecutor(connection)
    before = [("numbering", "0001_initial")]
    executor.migrate(before)  # also takes back the migrations that dropped the old counters
    old = MigrationExecutor(connection)._create_project_state(with_applied_migrations=True).apps
    old.get_model("training", "NumberCounter").objects.create(hr_bureau_id=bureau.pk, series="approval", year=2026, last=7)
    old.get_model("training", "NumberCounter").objects.create(hr_bureau_id=bureau.pk, series="certificate", year=2026,
                                                              last=120)
    series = old.get_model("records", "CertificateSeries")
    series.objects.create(hr_bureau_id=bureau.pk, prefix="350102RS", next_number=5)
    series.objects.create(authority_id=authority.pk, prefix="350100HE1", next_number=1)
    old.get_model("online", "CertificateCounter").objects.create(region_id=region.pk, year=2026, last_number=3)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())
    rows = {(c.series, c.scope, c.year): c.last for c in NumberCounter.objects.all()}
    assert rows == {
        ("approval", f"bureau:{bureau.pk}", 2026): 7,
        ("class_certificate", f"bureau:{bureau.pk}", 2026): 120,
        ("ce_certificate", f"bureau:{bureau.pk}", 0): 4,
        ("ce_certificate", f"authority:{authority.pk}", 0): 0,
        ("pass_certificate", f"region:{region.pk}", 2026): 3,
    }
