"""Moves the three old counters (training approval/certificate blocks, CE certificate series, pass
certificates) and the CE-base numbers into the one numbering table."""

import re

from django.db import migrations


def forwards(apps, schema_editor):  # type: ignore[no-untyped-def]
    Counter = apps.get_model("numbering", "NumberCounter")
    rows: dict[tuple[str, str, int], int] = {}
    for old in apps.get_model("training", "NumberCounter").objects.all():
        series = {"approval": "approval", "certificate": "class_certificate"}[old.series]
        rows[(series, f"bureau:{old.hr_bureau_id}", old.year)] = old.last
    for cs in apps.get_model("records", "CertificateSeries").objects.all():
        scope = f"bureau:{cs.hr_bureau_id}" if cs.hr_bureau_id else f"authority:{cs.authority_id}"
        rows[("ce_certificate", scope, 0)] = cs.next_number - 1
    for old in apps.get_model("online", "CertificateCounter").objects.all():
        rows[("pass_certificate", f"region:{old.region_id}", old.year)] = old.last_number
    pattern = re.compile(r"继教基地〔(\d{4})〕(\d+)号$")
    for base in apps.get_model("providers", "CEBase").objects.exclude(number=""):
        m = pattern.search(base.number)
        if m:
            key = ("ce_base", f"bureau:{base.bureau_id}", int(m.group(1)))
            rows[key] = max(rows.get(key, 0), int(m.group(2)))
    for (series, scope, year), last in rows.items():
        Counter.objects.update_or_create(series=series, scope=scope, year=year, defaults={"last": last})


class Migration(migrations.Migration):
    dependencies = [
        ("numbering", "0001_initial"),
        ("training", "0003_settings_from_rule_sets"),
        ("records", "0005_verification_override"),
        ("online", "0002_study_lease_and_segments"),
        ("providers", "0001_initial"),
    ]
    operations = [migrations.RunPython(forwards, migrations.RunPython.noop)]
