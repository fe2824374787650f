"""No clear token at rest: after an invitation, a resend, a password reset and a feed-address
regeneration, no text or binary column of any table holds a link token, neither while the
e-mails wait to be sent nor after they were, and no log line does either. Values in Django's
signed format are decoded first, so a token hidden in base64 is found too; the task queue's rows
(arguments and results) are among the tables scanned, and sessions are also read back decrypted,
as the application itself reads them. The development outbox (DEBUG only, mentora/core/outbox.py)
is the one exception and is off here, as in production."""

import base64
import binascii
import logging
import re
import zlib
from collections.abc import Iterator

import pytest
from django.contrib.sessions.backends.db import SessionStore
from django.contrib.sessions.models import Session
from django.core import mail
from django.db import connection
from django.test import Client, override_settings
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from config.settings import base
from mentora.core.logs import ContextFilter
from mentora.invitations.models import Invitation
from mentora.mail.models import Message
from mentora.testing.smtp import database_backend_settings, run_database_worker

# Transactional: the e-mails' tasks are really enqueued on commit, and the real worker runs them.
pytestmark = pytest.mark.django_db(transaction=True)

SUBSCRIPTION = reverse("calendar_subscription")


def stored_values() -> Iterator[tuple[str, bytes]]:
    """Every value of every table (all of them, not only the models': many-to-many tables and
    third-party apps' included), as bytes, with the table's name."""
    with connection.cursor() as cursor:
        for table in connection.introspection.table_names():
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - our own table names
            for row in cursor.fetchall():
                for value in row:
                    if value is None:
                        continue
                    if isinstance(value, memoryview | bytes | bytearray):
                        yield table, bytes(value)
                    else:
                        yield table, str(value).encode()


def readings(value: bytes) -> Iterator[bytes]:
    """The value, and what it says once decoded when it is in Django's signed format
    (base64 payload, compressed when it starts with a dot)."""
    yield value
    payload = value.split(b":", 1)[0]
    compressed = payload.startswith(b".")
    try:
        decoded = base64.urlsafe_b64decode(payload.lstrip(b".") + b"=" * (-len(payload.lstrip(b".")) % 4))
        yield zlib.decompress(decoded) if compressed else decoded
    except (binascii.Error, zlib.error, ValueError):
        return


def found_in(values: list[tuple[str, bytes]], tokens: list[str]) -> list[str]:
    return [
        f"{table}: {token[:8]}…"
        for table, value in values
        for reading in readings(value)
        for token in tokens
        if token.encode() in reading
    ]


def decrypted_sessions() -> dict[str, str]:
    """Every stored session as the application reads it (decrypted, decoded), by session key."""
    return {
        session.session_key: str(SessionStore().decode(session.session_data))
        for session in Session.objects.all()
    }


def tokens_in_sessions(tokens: list[str]) -> list[str]:
    return [
        f"session {key[:6]}…: {token[:8]}…"
        for key, data in decrypted_sessions().items()
        for token in tokens
        if token in data
    ]


@override_settings(TASKS=database_backend_settings(), DEBUG=False)
def test_no_clear_token_is_stored_anywhere(client, cast, caplog):
    caplog.set_level(logging.DEBUG)
    # What reaches a log is what passes the filter every production handler has (Django's own
    # "Conflict: /invitations/accept/<token>/" warning included).
    caplog.handler.addFilter(ContextFilter())
    client.force_login(cast.north_admin)
    client.post(
        reverse("invitation_create", args=[cast.north.pk]),
        {"email": "invitee@example.com", "lifetime_days": "7"},
    )
    invitation = Invitation.objects.get(email="invitee@example.com")
    client.post(reverse("invitation_resend", args=[invitation.pk]))
    resetting = Client()  # someone who forgot their password, in a browser of their own
    resetting.post("/accounts/password/reset/", {"email": cast.north_mentor.email})
    # Three messages queued, each body encrypted; their tasks wait with nothing but an id.
    waiting = Message.objects.filter(kind__in=["invitation", "account-password-reset-key"])
    assert waiting.count() == 3 and not waiting.filter(body_encrypted=False).exists()
    # Every queued task (the deliveries, the invitations' reminders) is given ids and times only.
    arguments = {
        (task.task_path, tuple(sorted(task.args_kwargs["kwargs"]))) for task in DBTaskResult.objects.all()
    }
    assert arguments == {
        ("mentora.mail.tasks.deliver_message", ("message_id",)),
        ("mentora.invitations.tasks.send_invitation_reminder", ("expires_at", "invitation_id")),
    }
    deliveries = DBTaskResult.objects.filter(task_path="mentora.mail.tasks.deliver_message")
    assert sorted(task.args_kwargs["kwargs"]["message_id"] for task in deliveries) == sorted(
        waiting.values_list("pk", flat=True)
    )
    with_pending_mail = list(stored_values())

    run_database_worker()
    assert not Message.objects.filter(body__isnull=False).exists()  # bodies dropped once delivered
    assert deliveries.filter(status="SUCCESSFUL").count() == 3
    invitation_tokens = re.findall(r"/invitations/accept/([^/\s\"]+)/", " ".join(m.body for m in mail.outbox))
    [reset_path] = re.findall(r"(/accounts/password/reset/key/\S+/)", " ".join(m.body for m in mail.outbox))
    reset_key = reset_path.rstrip("/").rsplit("/", 1)[-1].split("-", 1)[1]
    assert len(set(invitation_tokens)) == 2 and len(reset_key) > 20

    # The person opens the reset link: allauth keeps the key in their session until the new
    # password is chosen. Stored encrypted, so the database holds nothing readable of it.
    opened = resetting.get(reset_path, follow=True)
    # The invitee opens the replaced link (a page that says so) and the newest one.
    invitee = Client()
    for token in invitation_tokens:
        assert invitee.get(reverse("invitation_accept", args=[token])).status_code < 500
    set_password_url = opened.redirect_chain[-1][0]
    # The customer admin makes a calendar address; it is shown once, in the answer, and kept
    # nowhere.
    feed_page = client.post(SUBSCRIPTION, {"action": "regenerate"}).content.decode()
    [feed_token] = set(re.findall(r"/schedule/calendar/feed/([^/\s\"]+)\.ics", feed_page))
    assert feed_token not in client.get(SUBSCRIPTION).content.decode()

    tokens = [*invitation_tokens, reset_key, feed_token]
    assert found_in(with_pending_mail, tokens) == []
    assert found_in(list(stored_values()), tokens) == []
    assert tokens_in_sessions([*invitation_tokens, feed_token]) == []
    resetting_key = resetting.session.session_key
    assert tokens_in_sessions([reset_key]) == [f"session {resetting_key[:6]}…: {reset_key[:8]}…"]

    # The new password chosen, the key leaves the session too.
    chosen = resetting.post(
        set_password_url, {"password1": "Brand-new-secret-2026", "password2": "Brand-new-secret-2026"}
    )
    assert chosen.status_code == 302, chosen.context["form"].errors
    run_database_worker()  # the "your password was changed" notice
    assert tokens_in_sessions(tokens) == []
    assert found_in(list(stored_values()), tokens) == []
    assert [token[:8] for token in tokens if token in caplog.text] == []


def test_every_production_log_handler_redacts_tokens():
    """The filter the scan above applies to its captured logs is on every handler production
    configures, so what the scan reads is what a log would hold."""
    handlers = base.LOGGING["handlers"]
    assert handlers and all("context" in handler.get("filters", []) for handler in handlers.values())
    assert base.LOGGING["filters"]["context"]["()"] == "mentora.core.logs.ContextFilter"
