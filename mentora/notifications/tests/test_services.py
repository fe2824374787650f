import pytest

from mentora.audit.models import AuditEvent
from mentora.notifications.kinds import DEFAULT_EMAIL, EmailChoice, Kind
from mentora.notifications.models import NotificationSetting
from mentora.notifications.selectors import settings_for
from mentora.notifications.services import notification_settings_update, notification_unsubscribe

pytestmark = pytest.mark.django_db


def test_every_kind_has_its_default_until_chosen(cast):
    assert settings_for(cast.north_mentor) == {kind: (DEFAULT_EMAIL[kind], True) for kind in Kind}


def test_update_stores_the_changes_for_that_user_only_and_audits_once(cast):
    after = notification_settings_update(
        user=cast.north_mentor,
        choices={
            Kind.OBSERVATION: (EmailChoice.WEEKLY, False),
            Kind.ASSIGNED: (DEFAULT_EMAIL[Kind.ASSIGNED], True),  # unchanged
        },
        ip="198.51.100.3",
    )
    assert after[Kind.OBSERVATION] == (EmailChoice.WEEKLY, False)
    assert list(NotificationSetting.objects.values_list("user", "kind", "email", "in_app")) == [
        (cast.north_mentor.pk, Kind.OBSERVATION, EmailChoice.WEEKLY, False)
    ]
    assert settings_for(cast.south_mentor)[Kind.OBSERVATION] == (DEFAULT_EMAIL[Kind.OBSERVATION], True)
    event = AuditEvent.objects.get(action="user.notification_preferences")
    assert event.before == {"OBSERVATION": {"email": DEFAULT_EMAIL[Kind.OBSERVATION], "in_app": True}}
    assert event.after == {"OBSERVATION": {"email": "WEEKLY", "in_app": False}}


def test_update_without_changes_writes_nothing(cast):
    notification_settings_update(
        user=cast.north_mentor, choices={Kind.ASSIGNED: (EmailChoice.IMMEDIATE, True)}
    )
    assert not NotificationSetting.objects.exists()
    assert not AuditEvent.objects.exists()


def test_unsubscribe_turns_email_off_and_keeps_the_in_app_choice(cast):
    notification_settings_update(user=cast.north_mentor, choices={Kind.ASSIGNED: (EmailChoice.DAILY, False)})
    after = notification_unsubscribe(user=cast.north_mentor, kinds=[Kind.ASSIGNED, Kind.UNASSIGNED])
    assert after[Kind.ASSIGNED] == (EmailChoice.OFF, False)
    assert after[Kind.UNASSIGNED] == (EmailChoice.OFF, True)
    assert after[Kind.OBSERVATION][0] != EmailChoice.OFF
