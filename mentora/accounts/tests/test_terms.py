from datetime import timedelta

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import ConsentRecord, TermsVersion
from mentora.accounts.services import consent_record_create
from mentora.audit.models import AuditEvent
from mentora.testing.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_a_fresh_database_has_current_terms_in_both_languages():
    terms = TermsVersion.objects.current()
    assert terms is not None
    assert "personal data" in terms.text_for("en")
    assert "personuppgifter" in terms.text_for("sv")


def test_current_terms_are_the_latest_published_not_a_future_one():
    first = TermsVersion.objects.current()
    later = TermsVersion.objects.create(
        version="2027-01", text="New", published_at=timezone.now() - timedelta(minutes=1)
    )
    TermsVersion.objects.create(
        version="2099-01", text="Future", published_at=timezone.now() + timedelta(days=9)
    )
    assert TermsVersion.objects.current() == later != first


def test_terms_page_is_public_and_in_the_visitors_language(client):
    response = client.get(reverse("terms"))
    assert response.status_code == 200
    assert "Terms of use and privacy" in response.content.decode()
    assert "personal data" in response.content.decode()
    response = client.get(reverse("terms"), HTTP_ACCEPT_LANGUAGE="sv")
    assert "personuppgifter" in response.content.decode()


def test_consent_is_recorded_once_per_version_with_address(cast):
    terms = TermsVersion.objects.current()
    ConsentRecord.objects.filter(user=cast.outsider).delete()
    consent_record_create(user=cast.outsider, terms_version=terms, ip="203.0.113.1")
    consent_record_create(user=cast.outsider, terms_version=terms, ip="203.0.113.2")
    consent = ConsentRecord.objects.get(user=cast.outsider)
    assert (consent.user, consent.terms_version, consent.ip) == (cast.outsider, terms, "203.0.113.1")
    assert AuditEvent.objects.filter(action="user.consent").count() == 1


# --- Re-consent -------------------------------------------------------------------------------


def publish(client, cast, *, version, major):  # type: ignore[no-untyped-def]
    client.force_login(cast.system_admin)
    response = client.post(
        reverse("terms_publish"),
        {
            "version": version,
            "is_major": "1" if major else "0",
            "text": f"Terms {version}",
            "text_sv": f"Villkor {version}",
        },
    )
    assert response.status_code == 302
    return TermsVersion.objects.get(version=version)


def test_a_major_version_blocks_everything_until_accepted_then_lets_through(client, cast):
    terms = publish(client, cast, version="2027-01", major=True)
    client.force_login(cast.north_mentor)
    for url in (reverse("home"), reverse("mentor_applications"), reverse("profile"), reverse("my_data")):
        response = client.get(url)
        assert response.status_code == 302, url
        assert response.url.startswith(reverse("terms_accept"))
    # An htmx request is told where to go instead of getting a redirected fragment.
    response = client.get(reverse("mentor_applications"), HTTP_HX_REQUEST="true")
    assert response.headers["HX-Redirect"] == reverse("terms_accept")
    # Signing out and the terms themselves stay reachable.
    assert client.get(reverse("terms")).status_code == 200
    page = client.get(reverse("terms_accept")).content.decode()
    assert "Terms 2027-01" in page

    # Not ticking the box is an error, not an acceptance.
    response = client.post(reverse("terms_accept"), {"next": reverse("mentor_applications")})
    assert "Tick the box" in response.content.decode()
    assert not ConsentRecord.objects.filter(user=cast.north_mentor, terms_version=terms).exists()

    response = client.post(
        reverse("terms_accept"),
        {
            "accept": "on",
            "next": reverse("mentor_applications"),
        },
        REMOTE_ADDR="203.0.113.5",
    )
    assert response.status_code == 302 and response.url == reverse("mentor_applications")
    consent = ConsentRecord.objects.get(user=cast.north_mentor, terms_version=terms)
    assert consent.ip == "203.0.113.5"
    assert client.get(reverse("mentor_applications")).status_code == 200


def test_a_major_version_is_asked_at_the_next_sign_in_of_a_session_already_open(client, cast):
    client.force_login(cast.north_mentor)
    assert client.get(reverse("home")).status_code == 200
    publish(Client(), cast, version="2027-02", major=True)
    response = client.get(reverse("home"))
    assert response.status_code == 302 and response.url.startswith(reverse("terms_accept"))


def test_a_minor_version_is_announced_but_not_required(client, cast):
    terms = publish(client, cast, version="2027-01a", major=False)
    client.force_login(cast.north_mentor)
    response = client.get(reverse("home"))
    assert response.status_code == 200
    assert "The terms of use were updated." in response.content.decode()
    client.post(reverse("terms_accept"), {"accept": "on"})
    assert ConsentRecord.objects.filter(user=cast.north_mentor, terms_version=terms).exists()
    assert "The terms of use were updated." not in client.get(reverse("home")).content.decode()


def test_people_who_have_not_accepted_the_current_major_version_are_listed(client, cast):
    publish(client, cast, version="2027-01", major=True)
    client.force_login(cast.north_mentor)
    client.post(reverse("terms_accept"), {"accept": "on"})
    client.force_login(cast.system_admin)
    client.post(reverse("terms_accept"), {"accept": "on"})  # administrators too
    page = client.get(reverse("terms_not_accepted")).content.decode()
    assert cast.south_mentor.email in page
    assert cast.north_mentor.email not in page
    assert cast.system_admin.email not in page


def test_publishing_refuses_a_version_name_in_use(client, cast):
    publish(client, cast, version="2027-01", major=True)
    client.post(reverse("terms_accept"), {"accept": "on"})
    response = client.post(
        reverse("terms_publish"), {"version": "2027-01", "is_major": "1", "text": "x", "text_sv": "y"}
    )
    assert response.status_code == 200
    assert "already exists" in response.content.decode()
    assert AuditEvent.objects.filter(action="terms.publish").count() == 1


def test_someone_created_without_consent_accepts_at_first_sign_in(client, cast):
    person = UserFactory(email="new.staff@example.com", accepted_terms=False)
    client.force_login(person)
    response = client.get(reverse("home"))
    assert response.url.startswith(reverse("terms_accept"))
