"""Observations and calendar feed tokens moved out of the mentoring app. The migration path from
the schema before the move keeps every row: migrate back to it, write rows with the models of
that time, migrate forward, and read them with today's models."""

import datetime

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from mentora.observations.models import Observation
from mentora.schedule.models import CalendarFeedToken

BEFORE = [
    ("mentoring", "0002_calendar_feed_token"),
    ("observations", None),
    ("schedule", "0001_initial"),
]


@pytest.mark.django_db(transaction=True)
def test_rows_survive_the_move_out_of_mentoring():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state([("mentoring", "0002_calendar_feed_token")]).apps
    User = old.get_model("accounts", "User")
    author = User.objects.create(email="maja@example.com", password="!")
    customer = old.get_model("customers", "Customer").objects.create(name="North", customer_number="N-1")
    service = old.get_model("catalog", "Service").objects.create(name="Coaching", type="ON_REQUEST")
    application = old.get_model("applications", "Application").objects.create(
        kind="ON_REQUEST", number="A-2026-000001", customer=customer, service=service, status="NEW"
    )
    written = old.get_model("mentoring", "Observation").objects.create(
        application=application, author=author, body="Asks good questions."
    )
    created = timezone.now() - datetime.timedelta(days=3)
    old.get_model("mentoring", "CalendarFeedToken").objects.create(
        user=author, token_hash="a" * 64, created_at=created
    )

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    observation = Observation.objects.get()
    assert (observation.pk, observation.body, observation.author.email) == (
        written.pk,
        "Asks good questions.",
        "maja@example.com",
    )
    assert observation.application.number == "A-2026-000001"
    token = CalendarFeedToken.objects.get()
    assert (token.user.email, token.token_hash, token.created_at) == ("maja@example.com", "a" * 64, created)
    # New rows go on numbering after the old ones.
    later = Observation.objects.create(
        application=observation.application, author=observation.author, body="2"
    )
    assert later.pk > written.pk


def test_the_moved_models_live_in_their_new_tables():
    assert Observation._meta.db_table == "observations_observation"
    assert CalendarFeedToken._meta.db_table == "schedule_calendarfeedtoken"
