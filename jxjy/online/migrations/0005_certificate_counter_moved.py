"""The pass-certificate counter now lives in the one numbering table (numbering/0002 copied it)."""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("online", "0004_presence_challenges"),
        ("numbering", "0002_from_old_counters"),
    ]
    operations = [migrations.DeleteModel(name="CertificateCounter")]
