# The notifications now live in jxjy.notifications (copied by its migration 0002).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('training', '0003_settings_from_rule_sets'),
        ('notifications', '0002_from_training_and_providers'),
    ]

    operations = [
        migrations.DeleteModel(
            name='Notification',
        ),
    ]
