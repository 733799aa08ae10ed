"""Every existing person gets one open placement: their current unit and region, from 1990-01-01
(nothing earlier is known, so the first placement is taken to have always held; see
records/README.md, "Which region judges a year")."""

from __future__ import annotations

from typing import Any
import datetime as dt

from django.db import migrations

HISTORY_START = dt.date(1990, 1, 1)  # people.services.placements.HISTORY_START


def forwards(apps: Any, schema_editor: Any) -> None:
    Professional = apps.get_model("people", "Professional")
    Placement = apps.get_model("people", "Placement")
    have = set(Placement.objects.filter(valid_to__isnull=True).values_list("professional_id", flat=True))
    batch = []
    for pk, unit_id, region_id in Professional.objects.order_by("pk").values_list(
        "pk", "unit_id", "region_id"
    ).iterator(chunk_size=5000):
        if pk in have:
            continue
        batch.append(Placement(professional_id=pk, unit_id=unit_id, region_id=region_id,
                               valid_from=HISTORY_START))
        if len(batch) >= 5000:
            Placement.objects.bulk_create(batch)
            batch = []
    Placement.objects.bulk_create(batch)


def backwards(apps: Any, schema_editor: Any) -> None:
    apps.get_model("people", "Placement").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("people", "0002_placements_transfers")]
    operations = [migrations.RunPython(forwards, backwards)]
