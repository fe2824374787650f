import pytest
from django.urls import reverse

from mentora.notifications.models import Category
from mentora.notifications.selectors import wants_email

pytestmark = pytest.mark.django_db


def test_preferences_page_needs_sign_in(client):
    response = client.get(reverse("notification_preferences"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_preferences_page_shows_labelled_checkboxes_and_saves(client, cast):
    client.force_login(cast.north_mentor)
    html = client.get(reverse("notification_preferences")).content.decode()
    assert 'for="id_OBSERVATIONS"' in html
    assert "Follow-up comments" in html
    response = client.post(reverse("notification_preferences"), {"MEMBERSHIP": "on", "ASSIGNMENTS": "on"})
    assert response["Location"] == reverse("notification_preferences")
    assert wants_email(cast.north_mentor, Category.MEMBERSHIP)
    assert not wants_email(cast.north_mentor, Category.OBSERVATIONS)
    assert not wants_email(cast.north_mentor, Category.FOLLOWUP_COMMENTS)


def test_profile_page_links_to_the_preferences(client, cast):
    client.force_login(cast.north_mentor)
    html = client.get(reverse("profile")).content.decode()
    assert reverse("notification_preferences") in html
