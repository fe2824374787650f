# Observations became their own app and the calendar feed token moved to the schedule. The rows
# stay where they are: each table is renamed to its new app's name and the models leave this
# app's state; observations.0001 and schedule.0002 take them into theirs without touching the
# database.

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('mentoring', '0002_calendar_feed_token'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            database_operations=[
                migrations.AlterModelTable(name='observation', table='observations_observation'),
                migrations.AlterModelTable(name='calendarfeedtoken', table='schedule_calendarfeedtoken'),
            ],
            state_operations=[
                migrations.DeleteModel(name='Observation'),
                migrations.DeleteModel(name='CalendarFeedToken'),
            ],
        ),
    ]
