# The table exists already: mentoring.0003 renamed mentoring_observation to
# observations_observation. This only takes the model into this app's state.

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('applications', '0001_initial'),
        ('schedule', '0001_initial'),
        ('mentoring', '0003_observations_and_feed_tokens_move_out'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[],
            state_operations=[
                migrations.CreateModel(
                    name='Observation',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('body', models.TextField(verbose_name='observation')),
                        ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='written')),
                        ('application', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='observations', to='applications.application', verbose_name='application')),
                        ('attendee', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='observations', to='applications.attendee', verbose_name='about attendee')),
                        ('author', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='observations', to=settings.AUTH_USER_MODEL, verbose_name='author')),
                        ('event', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='observations', to='schedule.event', verbose_name='about event')),
                    ],
                    options={
                        'verbose_name': 'observation',
                        'verbose_name_plural': 'observations',
                        'ordering': ['-created_at', '-pk'],
                    },
                ),
            ],
        ),
    ]
