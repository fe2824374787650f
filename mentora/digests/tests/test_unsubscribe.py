"""Stopping a digest from its one-click link."""

import pytest
from django.urls import reverse

from mentora.audit.models import AuditEvent
from mentora.digests.models import DigestKind
from mentora.digests.unsubscribe import digest_unsubscribe_token, digest_unsubscribe_url
from mentora.notifications.kinds import DEFAULT_EMAIL, EmailChoice, Kind
from mentora.notifications.models import Notification, NotificationSetting
from mentora.notifications.selectors import settings_for

pytestmark = pytest.mark.django_db


def url(user, kind=DigestKind.DAILY) -> str:  # type: ignore[no-untyped-def]
    return reverse("digest_unsubscribe", args=[digest_unsubscribe_token(user=user, kind=kind)])


def test_a_get_changes_nothing(cast, client):
    before = settings_for(cast.north_mentor)
    body = client.get(url(cast.north_mentor)).content.decode()
    assert "Stop sending the “Daily digest” to north.mentor@example.com?" in body
    assert settings_for(cast.north_mentor) == before


def test_the_post_turns_off_every_kind_of_that_digest_and_lands_on_the_preferences(cast, client):
    mentor = cast.north_mentor
    NotificationSetting.objects.create(user=mentor, kind=Kind.EVENT_CHANGED, email=EmailChoice.WEEKLY)
    waiting = Notification.objects.create(
        user=mentor, kind=Kind.FOLLOWUP_COMMENT, text="c", url="/f/", email=EmailChoice.DAILY
    )
    response = client.post(url(mentor))
    assert response.status_code == 302 and response["Location"] == reverse("notification_preferences")
    after = settings_for(mentor)
    daily_by_default = [k for k, choice in DEFAULT_EMAIL.items() if choice == EmailChoice.DAILY]
    assert daily_by_default and all(after[k][0] == EmailChoice.OFF for k in daily_by_default)
    assert after[Kind.EVENT_CHANGED][0] == EmailChoice.WEEKLY  # the weekly digest is another link
    assert after[Kind.ATTENDANCE_ALERT][0] == EmailChoice.IMMEDIATE
    waiting.refresh_from_db()
    assert waiting.digested_at is not None  # it would otherwise bring the digest back
    assert AuditEvent.objects.filter(action="user.notification_preferences").count() == 1
    # Twice changes nothing more.
    client.post(url(mentor))
    assert AuditEvent.objects.filter(action="user.notification_preferences").count() == 1


def test_a_mail_clients_one_click_post_needs_no_session_or_csrf(cast):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(url(cast.north_mentor, DigestKind.WEEKLY))
    assert response.status_code == 302


@pytest.mark.parametrize("token", ["nonsense", "a" * 300])
def test_a_tampered_link_answers_404(cast, client, token):
    assert client.get(reverse("digest_unsubscribe", args=[token])).status_code == 404
    assert client.post(reverse("digest_unsubscribe", args=[token])).status_code == 404


def test_a_link_of_a_deactivated_account_answers_404(cast, client):
    link = url(cast.north_mentor)
    cast.north_mentor.is_active = False
    cast.north_mentor.save(update_fields=["is_active"])
    assert client.get(link).status_code == 404


def test_the_link_is_absolute(cast):
    link = digest_unsubscribe_url(user=cast.north_mentor, kind=DigestKind.DAILY)
    assert link.startswith("http://testserver/digests/unsubscribe/")
