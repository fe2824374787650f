from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("invitations", "0003_replacedinvitationlink"),
    ]

    operations = [
        migrations.AddField(
            model_name="invitation",
            name="expiry_notified_at",
            field=models.DateTimeField(blank=True, null=True, verbose_name="inviter told of expiry"),
        ),
    ]
