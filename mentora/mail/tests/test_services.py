import json

import pytest
from django.core import mail
from django.test import override_settings
from django_tasks import default_task_backend

from mentora.core.crypto import decrypt
from mentora.mail.delivery import body_of
from mentora.mail.models import BODY_PURPOSE, Failure, Message, State
from mentora.mail.rendering import render_email
from mentora.mail.services import email_queue, message_cancel, message_create, message_retry
from mentora.mail.tests.fakes import FakeConnection

pytestmark = pytest.mark.django_db

SECRET_LINK = "http://testserver/invitations/accept/very-secret-token-0123456789/"


def queue(**overrides):  # type: ignore[no-untyped-def]
    fields = {
        "kind": "probe",
        "to": "someone@example.com",
        "language": "en",
        "subject": "Subject",
        "text": f"Open {SECRET_LINK}",
        "html": f'<a href="{SECRET_LINK}">Open</a>',
        **overrides,
    }
    return message_create(**fields)


def test_a_message_is_sent_by_the_worker_after_commit_with_stable_headers(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        message = queue(unsubscribe_url="http://testserver/notifications/unsubscribe/x/")
        assert mail.outbox == []  # nothing leaves before the transaction commits
    assert message.state == State.PENDING
    for callback in callbacks:
        callback()
    [sent] = mail.outbox
    assert (sent.subject, sent.to, sent.body) == ("Subject", ["someone@example.com"], f"Open {SECRET_LINK}")
    assert sent.alternatives[0][0] == f'<a href="{SECRET_LINK}">Open</a>'
    headers = sent.message()
    assert headers["Message-ID"] == message.message_id
    assert message.message_id.endswith("@testserver>")
    assert headers["Auto-Submitted"] == "auto-generated"
    assert headers["List-Unsubscribe"] == "<http://testserver/notifications/unsubscribe/x/>"
    assert headers["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    message.refresh_from_db()
    assert (message.state, message.attempts, message.body) == (State.SENT, 1, None)
    assert message.sent_at is not None


def test_security_messages_carry_no_unsubscribe_header(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        queue(carries_secret=True)
    headers = mail.outbox[0].message()
    assert headers["List-Unsubscribe"] is None
    assert headers["Auto-Submitted"] == "auto-generated"


def test_a_body_with_a_secret_is_encrypted_at_rest_and_dropped_once_delivered(
    django_capture_on_commit_callbacks,
):
    with django_capture_on_commit_callbacks() as callbacks:
        message = queue(carries_secret=True)
    stored = bytes(Message.objects.get(pk=message.pk).body)
    assert b"very-secret-token" not in stored
    assert json.loads(decrypt(stored, purpose=BODY_PURPOSE))["text"] == f"Open {SECRET_LINK}"
    for callback in callbacks:
        callback()
    assert mail.outbox[0].body == f"Open {SECRET_LINK}"
    assert Message.objects.get(pk=message.pk).body is None


def test_a_body_without_a_secret_is_kept_in_clear_until_delivered(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks():
        message = queue(text="Hello", html="")
    message.refresh_from_db()
    assert not message.body_encrypted
    assert body_of(message)["text"] == "Hello"


def test_the_delivery_task_gets_only_the_message_id(django_capture_on_commit_callbacks):
    with override_settings(TASKS={"default": {"BACKEND": "django_tasks.backends.dummy.DummyBackend"}}):
        with django_capture_on_commit_callbacks(execute=True):
            message = queue(carries_secret=True)
        [result] = default_task_backend.results
        assert result.args == []
        assert result.kwargs == {"message_id": message.pk}


def test_a_rotated_secret_key_still_reads_pending_bodies(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks() as callbacks:
        queue(carries_secret=True)
    old = settings.SECRET_KEY
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = [old]
    for callback in callbacks:
        callback()
    assert mail.outbox[0].body == f"Open {SECRET_LINK}"


def test_a_body_whose_key_is_gone_fails_instead_of_sending_garbage(
    settings, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        message = queue(carries_secret=True)
    settings.SECRET_KEY = "a-new-key-" + "x" * 50
    settings.SECRET_KEY_FALLBACKS = []
    for callback in callbacks:
        callback()
    message.refresh_from_db()
    assert (message.state, message.failure) == (State.FAILED, Failure.UNREADABLE)
    assert mail.outbox == []


@override_settings(TASKS={"default": {"BACKEND": "mentora.mail.tests.fakes.UnreachableQueueBackend"}})
def test_a_queue_that_cannot_be_reached_loses_nothing_and_raises_nothing(django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message = queue()
    message.refresh_from_db()
    assert message.state == State.PENDING  # the sweep enqueues it again
    assert mail.outbox == []


def test_email_queue_renders_in_the_language_given(django_capture_on_commit_callbacks, cast):
    with django_capture_on_commit_callbacks(execute=True):
        message = email_queue(
            "mentor-added",
            {"user": cast.north_mentor, "customer": cast.north, "added_by": cast.north_admin},
            to=cast.north_mentor.email,
            language="sv",
            kind="mentor-added",
            user=cast.north_mentor,
            reply_to=cast.north_admin.email,
        )
    assert message.subject == "Du är nu mentor för North Org"
    assert message.user == cast.north_mentor
    assert mail.outbox[0].reply_to == [cast.north_admin.email]


def test_email_subject_and_text_are_plain_text_html_is_escaped(tmp_path, settings):
    (tmp_path / "emails").mkdir()
    (tmp_path / "emails" / "probe-subject.txt").write_text("Welcome to {{ name }}")
    (tmp_path / "emails" / "probe-body.txt").write_text("Hello from {{ name }}")
    (tmp_path / "emails" / "probe-body.html").write_text("<p>Hello from {{ name }}</p>")
    settings.TEMPLATES = [{**settings.TEMPLATES[0], "DIRS": [tmp_path, *settings.TEMPLATES[0]["DIRS"]]}]

    subject, text, html = render_email("probe", {"name": "Berg & Söner's <AB>"}, language="en")
    assert subject == "Welcome to Berg & Söner's <AB>"
    assert text == "Hello from Berg & Söner's <AB>"
    assert html == "<p>Hello from Berg &amp; Söner&#x27;s &lt;AB&gt;</p>"


def test_retry_sends_a_failed_message_again_and_cancel_drops_its_body(
    monkeypatch, django_capture_on_commit_callbacks
):
    import smtplib

    refusing = FakeConnection(
        [smtplib.SMTPRecipientsRefused({"someone@example.com": (550, b"No such user")})]
    )
    monkeypatch.setattr("mentora.mail.delivery.get_connection", refusing)
    with django_capture_on_commit_callbacks(execute=True):
        message = queue(carries_secret=True)
    message.refresh_from_db()
    assert (message.state, message.failure, message.last_error) == (
        State.FAILED,
        Failure.MAILBOX_UNKNOWN,
        "550 No such user",
    )
    with django_capture_on_commit_callbacks(execute=True):
        message = message_retry(message=message)
    assert Message.objects.get(pk=message.pk).state == State.SENT
    assert len(refusing.sent) == 1

    with django_capture_on_commit_callbacks(execute=False):
        other = queue(carries_secret=True)
    canceled = message_cancel(message=other)
    assert (canceled.state, canceled.body) == (State.CANCELED, None)
    assert message_retry(message=canceled).state == State.CANCELED  # nothing left to send


def test_allauth_mail_goes_through_the_message_row_encrypted(
    client, cast, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        client.post("/accounts/password/reset/", {"email": cast.north_mentor.email})
    message = Message.objects.get()
    assert (message.kind, message.user, message.carries_secret) == (
        "account-password-reset-key",
        cast.north_mentor,
        True,
    )
    assert b"/accounts/password/reset/key/" not in bytes(message.body)
    for callback in callbacks:
        callback()
    assert "/accounts/password/reset/key/" in mail.outbox[0].body
    assert Message.objects.get().body is None
