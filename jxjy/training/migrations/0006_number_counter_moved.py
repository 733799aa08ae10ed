"""The approval and certificate-block counters now live in the one numbering table
(numbering/0002 copied them)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("training", "0005_class_target_region"),
        ("numbering", "0002_from_old_counters"),
    ]
    operations = [migrations.DeleteModel(name="NumberCounter")]
