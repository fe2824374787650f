from unittest import mock

import pytest
from django.db import DatabaseError
from django.test import override_settings

pytestmark = pytest.mark.django_db


def test_healthz_answers_200_when_the_database_answers(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "up"}


def test_healthz_answers_503_when_the_database_does_not(client):
    with mock.patch("mentora.core.views.connection.cursor", side_effect=DatabaseError("down")):
        response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "down"


def test_security_headers(client):
    response = client.get("/")
    assert "default-src 'self'" in response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"


def test_anonymous_landing_leads_to_sign_in(client):
    html = client.get("/").content.decode()
    assert 'href="/accounts/login/"' in html
    assert "Skip to content" in html


def test_navigation_by_role(client, cast):
    client.force_login(cast.system_admin)
    admin_html = client.get("/").content.decode()
    assert "Back office" in admin_html

    client.force_login(cast.north_mentor)
    mentor_html = client.get("/").content.decode()
    assert "Back office" not in mentor_html
    assert "North Org" in mentor_html


def test_person_with_several_customers_sees_them_all(client, cast):
    client.force_login(cast.both_mentor)
    html = client.get("/").content.decode()
    assert "North Org" in html
    assert "South Org" in html


def test_inactive_membership_shows_nothing_of_that_customer(client, cast):
    client.force_login(cast.north_mentor_inactive)
    assert "North Org" not in client.get("/").content.decode()


def test_htmx_request_for_a_missing_thing_gets_a_fragment(client, cast):
    client.force_login(cast.north_mentor)
    response = client.get("/no-such-page/", HTTP_HX_REQUEST="true")
    assert response.status_code == 404
    assert "<html" not in response.content.decode()
    assert 'role="alert"' in response.content.decode()


OUTBOX = {"DEBUG": True, "EMAIL_BACKEND": "mentora.core.outbox.OutboxEmailBackend"}


@override_settings(**OUTBOX)
def test_outbox_keeps_mail_and_shows_it_to_system_administrators(client, cast):
    from django.core.mail import EmailMultiAlternatives

    message = EmailMultiAlternatives(
        "Welcome", "Open http://testserver/accounts/login/ to start.", to=["new@example.com"]
    )
    message.attach_alternative("<p>Welcome <script>alert(1)</script></p>", "text/html")
    message.send()

    client.force_login(cast.system_admin)
    listing = client.get("/dev/outbox/").content.decode()
    assert "Welcome" in listing
    assert "new@example.com" in listing
    from mentora.core.models import OutboxMessage

    stored = OutboxMessage.objects.get()
    detail = client.get(f"/dev/outbox/{stored.pk}/").content.decode()
    assert '<a href="http://testserver/accounts/login/"' in detail  # links are clickable
    html = client.get(f"/dev/outbox/{stored.pk}/html/")
    assert "script-src" not in html["Content-Security-Policy"]  # default-src 'none': no scripts run
    assert html["Content-Security-Policy"].startswith("default-src 'none'")


@override_settings(**OUTBOX)
def test_outbox_is_for_system_administrators_only(client, cast):
    client.force_login(cast.north_admin)
    assert client.get("/dev/outbox/").status_code == 403
    client.logout()
    assert client.get("/dev/outbox/").status_code == 403


def test_outbox_does_not_exist_when_mail_is_really_sent(client, cast):
    client.force_login(cast.system_admin)
    assert client.get("/dev/outbox/").status_code == 404
