import pytest

from mentora.notifications.models import Category, NotificationPreference
from mentora.notifications.selectors import email_preferences_for, wants_email

pytestmark = pytest.mark.django_db


def test_every_category_is_on_by_default(cast):
    assert all(wants_email(cast.north_mentor, category) for category in Category)
    assert email_preferences_for(cast.north_mentor) == dict.fromkeys(Category.values, True)


def test_a_category_turned_off_is_off_for_that_user_only(cast):
    NotificationPreference.objects.create(
        user=cast.north_mentor, category=Category.OBSERVATIONS, email_enabled=False
    )
    assert not wants_email(cast.north_mentor, Category.OBSERVATIONS)
    assert wants_email(cast.north_mentor, Category.ASSIGNMENTS)
    assert wants_email(cast.south_mentor, Category.OBSERVATIONS)


def test_an_inactive_account_gets_no_email(cast):
    cast.outsider.is_active = False
    cast.outsider.save()
    assert not wants_email(cast.outsider, Category.MEMBERSHIP)
