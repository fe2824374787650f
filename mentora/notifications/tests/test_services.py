import pytest

from mentora.audit.models import AuditEvent
from mentora.notifications.models import Category, NotificationPreference
from mentora.notifications.services import notification_preferences_update

pytestmark = pytest.mark.django_db


def test_update_stores_changes_and_audits_once(cast):
    after = notification_preferences_update(
        user=cast.north_mentor,
        email_enabled={Category.OBSERVATIONS: False, Category.MEMBERSHIP: True, "NOT_A_CATEGORY": False},
        ip="198.51.100.3",
    )
    assert after[Category.OBSERVATIONS] is False and after[Category.MEMBERSHIP] is True
    assert list(NotificationPreference.objects.values_list("category", "email_enabled")) == [
        (Category.OBSERVATIONS, False)
    ]
    event = AuditEvent.objects.get(action="user.notification_preferences")
    assert event.before[Category.OBSERVATIONS] is True and event.after[Category.OBSERVATIONS] is False


def test_update_without_changes_writes_nothing(cast):
    notification_preferences_update(user=cast.north_mentor, email_enabled={Category.MEMBERSHIP: True})
    assert not NotificationPreference.objects.exists()
    assert not AuditEvent.objects.exists()
