"""The old categories go. Their choices are copied once more first (a change made after 0004
ran), which changes nothing for rows already copied."""

import importlib

from django.db import migrations

copy_preferences = importlib.import_module(
    "mentora.notifications.migrations.0004_settings_from_preferences"
).copy_preferences


class Migration(migrations.Migration):
    dependencies = [
        ("notifications", "0004_settings_from_preferences"),
    ]

    operations = [
        migrations.RunPython(copy_preferences, migrations.RunPython.noop),
        migrations.DeleteModel(name="NotificationPreference"),
    ]
