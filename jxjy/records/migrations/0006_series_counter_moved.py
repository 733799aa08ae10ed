"""A certificate series keeps its prefix; its counter now lives in the one numbering table
(numbering/0002 copied next_number − 1 as the last number issued)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("records", "0005_verification_override"),
        ("numbering", "0002_from_old_counters"),
    ]
    operations = [
        migrations.RemoveConstraint(model_name="certificateseries", name="series_next_number_positive"),
        migrations.RemoveField(model_name="certificateseries", name="next_number"),
    ]
