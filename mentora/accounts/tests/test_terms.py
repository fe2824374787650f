from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from mentora.accounts.models import ConsentRecord, TermsVersion
from mentora.accounts.services import consent_record_create
from mentora.audit.models import AuditEvent

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
