# The notifications now live in jxjy.notifications (copied by its migration 0002).

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('providers', '0001_initial'),
        ('notifications', '0002_from_training_and_providers'),
    ]

    operations = [
        migrations.RemoveConstraint(
            model_name='reminder',
            name='one_reminder_per_kind',
        ),
        migrations.DeleteModel(
            name='Reminder',
        ),
    ]
