"""The old on/off categories become choices per kind: migrate back to before kinds, store the
old choices, migrate forward, and read them with today's models."""

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from mentora.accounts.models import User as CurrentUser
from mentora.notifications.kinds import LEGACY_CATEGORY_KINDS, EmailChoice, Kind
from mentora.notifications.models import NotificationSetting
from mentora.notifications.selectors import settings_for

BEFORE = [("notifications", "0002_category_completion")]


@pytest.mark.django_db(transaction=True)
def test_a_category_turned_off_turns_its_kinds_off():
    executor = MigrationExecutor(connection)
    executor.migrate(BEFORE)
    old = executor.loader.project_state(BEFORE).apps
    User = old.get_model("accounts", "User")
    Preference = old.get_model("notifications", "NotificationPreference")
    quiet = User.objects.create(email="quiet@example.com", password="!")
    chatty = User.objects.create(email="chatty@example.com", password="!")
    Preference.objects.create(user=quiet, category="MEMBERSHIP", email_enabled=False)
    Preference.objects.create(user=quiet, category="FOLLOWUP_COMMENTS", email_enabled=False)
    Preference.objects.create(user=chatty, category="MEMBERSHIP", email_enabled=True)

    executor = MigrationExecutor(connection)
    executor.migrate(executor.loader.graph.leaf_nodes())

    off = set(LEGACY_CATEGORY_KINDS["MEMBERSHIP"]) | set(LEGACY_CATEGORY_KINDS["FOLLOWUP_COMMENTS"])
    assert set(NotificationSetting.objects.filter(user_id=quiet.pk).values_list("kind", flat=True)) == off
    choices = settings_for(CurrentUser.objects.get(pk=quiet.pk))
    assert all(choices[kind] == (EmailChoice.OFF, True) for kind in off)
    assert choices[Kind.ASSIGNED][0] == EmailChoice.IMMEDIATE
    assert not NotificationSetting.objects.filter(user_id=chatty.pk).exists()


def test_every_old_category_names_kinds():
    assert set(LEGACY_CATEGORY_KINDS) == {
        "MEMBERSHIP",
        "ASSIGNMENTS",
        "FOLLOWUP_COMMENTS",
        "OBSERVATIONS",
        "COMPLETION",
    }
    assert all(LEGACY_CATEGORY_KINDS.values())
