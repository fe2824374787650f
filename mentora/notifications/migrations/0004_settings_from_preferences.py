"""Each old category's choice becomes its kinds' choice: a category with e-mail off turns e-mail
off for each of its kinds (in-app stays on); a category left on keeps the kinds' defaults, so
nothing is stored for it. Run again before the old table goes, it changes nothing twice."""

from django.db import migrations

# Frozen here: a migration must not follow later edits of kinds.py.
CATEGORY_KINDS = {
    "MEMBERSHIP": [
        "MENTOR_ADDED",
        "MENTOR_REMOVED",
        "MEMBERSHIP_ACTIVATED",
        "MEMBERSHIP_DEACTIVATED",
        "INVITATION_ACCEPTED",
        "INVITATION_EXPIRING",
        "INVITATION_REMINDER",
    ],
    "ASSIGNMENTS": ["ASSIGNED", "UNASSIGNED"],
    "FOLLOWUP_COMMENTS": ["FOLLOWUP_CREATED", "FOLLOWUP_COMMENT"],
    "OBSERVATIONS": ["OBSERVATION"],
    "COMPLETION": ["COMPLETION"],
}


def copy_preferences(apps, schema_editor):  # type: ignore[no-untyped-def]
    NotificationPreference = apps.get_model("notifications", "NotificationPreference")
    NotificationSetting = apps.get_model("notifications", "NotificationSetting")
    for preference in NotificationPreference.objects.filter(email_enabled=False).iterator():
        for kind in CATEGORY_KINDS.get(preference.category, []):
            NotificationSetting.objects.update_or_create(
                user_id=preference.user_id,
                kind=kind,
                defaults={"email": "OFF"},
                create_defaults={"email": "OFF", "in_app": True},
            )


class Migration(migrations.Migration):
    dependencies = [("notifications", "0003_notification_setting")]

    operations = [migrations.RunPython(copy_preferences, migrations.RunPython.noop)]
