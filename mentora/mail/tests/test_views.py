import smtplib

import pytest
from django.core import mail

from mentora.mail.models import Failure, Message, State
from mentora.mail.services import message_create
from mentora.mail.tests.fakes import FakeConnection

pytestmark = pytest.mark.django_db

SECRET = "http://testserver/invitations/accept/a-secret-token-in-the-body/"


@pytest.fixture
def failed(monkeypatch, django_capture_on_commit_callbacks):  # type: ignore[no-untyped-def]
    refusing = FakeConnection(
        [smtplib.SMTPRecipientsRefused({"gone@example.com": (550, b"5.1.1 No such user")})]
    )
    monkeypatch.setattr("mentora.mail.delivery.get_connection", refusing)
    with django_capture_on_commit_callbacks(execute=True):
        message = message_create(
            kind="invitation",
            to="gone@example.com",
            language="en",
            subject="You are invited",
            text=f"Open {SECRET}",
            html=f"<a href='{SECRET}'>Open</a>",
            carries_secret=True,
        )
    message.refresh_from_db()
    return message


def test_system_administrators_see_failed_messages_without_their_body(client, cast, failed):
    client.force_login(cast.system_admin)
    html = client.get("/mail/?state=FAILED").content.decode()
    assert "gone@example.com" in html
    assert "The mailbox is unknown" in html
    assert "550 5.1.1 No such user" in html
    assert "a-secret-token" not in html
    assert "You are invited" not in html  # not even the subject
    assert "Failed (1)" in html


def test_a_system_administrator_retries_and_cancels(client, cast, failed, django_capture_on_commit_callbacks):
    client.force_login(cast.system_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/mail/{failed.pk}/retry/", {"state": "FAILED"})
    assert response.status_code == 302
    assert response["Location"] == "/mail/?state=FAILED"
    failed.refresh_from_db()
    assert failed.state == State.SENT  # the fake server accepts it the second time
    assert len(mail.outbox) == 0  # the fake connection got it, not the locmem outbox

    other = message_create(kind="probe", to="x@example.com", language="en", subject="S", text="T", html="")
    client.post(f"/mail/{other.pk}/cancel/", {"state": "<script>"})
    other.refresh_from_db()
    assert (other.state, other.body) == (State.CANCELED, None)
    response = client.post(f"/mail/{other.pk}/retry/")
    assert response["Location"] == "/mail/"
    assert Message.objects.get(pk=other.pk).state == State.CANCELED


@pytest.mark.parametrize("who", ["north_admin", "north_mentor", "professional", "outsider"])
def test_only_system_administrators_reach_outgoing_mail(client, cast, failed, who):
    client.force_login(getattr(cast, who))
    assert client.get("/mail/").status_code == 403
    assert client.post(f"/mail/{failed.pk}/retry/").status_code == 403
    assert client.post(f"/mail/{failed.pk}/cancel/").status_code == 403
    failed.refresh_from_db()
    assert (failed.state, failed.failure) == (State.FAILED, Failure.MAILBOX_UNKNOWN)


def test_anonymous_visitors_are_sent_to_sign_in(client, failed):
    assert client.get("/mail/")["Location"].startswith("/accounts/login/")
    assert client.post(f"/mail/{failed.pk}/cancel/")["Location"].startswith("/accounts/login/")
    failed.refresh_from_db()
    assert failed.state == State.FAILED


def test_a_missing_message_answers_404_and_bad_filters_show_everything(client, cast):
    client.force_login(cast.system_admin)
    assert client.post("/mail/999999/retry/").status_code == 404
    assert client.get("/mail/?state=NOPE&page=abc").status_code == 200


def test_the_navigation_leads_system_administrators_only(client, cast):
    client.force_login(cast.system_admin)
    assert 'href="/mail/"' in client.get("/").content.decode()
    client.force_login(cast.north_admin)
    assert 'href="/mail/"' not in client.get("/").content.decode()
