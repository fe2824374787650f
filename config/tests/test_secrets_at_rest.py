"""No clear token at rest: after an invitation, a resend, a password reset (its link opened but
the new password not yet chosen) and a feed-address regeneration, no text or binary column of
any table holds a link token, neither while the e-mails wait to be sent nor after they were,
and no log line does either. Values in Django's signed format (sessions) are decoded first, so a
token hidden in base64 is found too. The development outbox (DEBUG only) is the one exception
and is off here, as in production."""

import base64
import binascii
import logging
import re
import zlib
from collections.abc import Iterator

import pytest
from django.core import mail
from django.db import connection
from django.test import override_settings
from django.urls import reverse

from mentora.invitations.models import Invitation
from mentora.testing.smtp import database_backend_settings, run_database_worker

# Transactional: the e-mails' tasks are really enqueued on commit, and the real worker runs them.
pytestmark = pytest.mark.django_db(transaction=True)


def stored_values() -> Iterator[tuple[str, bytes]]:
    """Every value of every table, as bytes, with the table's name."""
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


def clear_tokens_at_rest(tokens: list[str]) -> list[str]:
    found = []
    for table, value in stored_values():
        for reading in readings(value):
            found += [f"{table}: {token[:8]}…" for token in tokens if token.encode() in reading]
    return found


@override_settings(TASKS=database_backend_settings(), DEBUG=False)
def test_no_clear_token_is_stored_anywhere(client, cast, caplog):
    caplog.set_level(logging.DEBUG)
    admin = cast.north_admin
    client.force_login(admin)
    client.post(
        reverse("invitation_create", args=[cast.north.pk]),
        {"email": "invitee@example.com", "lifetime_days": "7"},
    )
    invitation = Invitation.objects.get(email="invitee@example.com")
    client.post(reverse("invitation_resend", args=[invitation.pk]))
    client.logout()
    client.post("/accounts/password/reset/", {"email": cast.north_mentor.email})
    with_pending_mail = list(stored_values())  # three messages queued, their tasks waiting

    run_database_worker()
    invitation_tokens = re.findall(r"/invitations/accept/([^/\s\"]+)/", " ".join(m.body for m in mail.outbox))
    [reset_path] = re.findall(r"(/accounts/password/reset/key/\S+/)", " ".join(m.body for m in mail.outbox))
    reset_key = reset_path.rstrip("/").rsplit("/", 1)[-1].split("-", 1)[1]
    assert len(set(invitation_tokens)) == 2 and len(reset_key) > 20

    # The invitee opens the reset link: allauth keeps the key in the session until the new
    # password is chosen, which this person has not done yet.
    client.get(reset_path, follow=True)
    # A mentor makes a calendar address; it is shown once, in the answer.
    client.force_login(cast.north_mentor)
    feed_page = client.post(reverse("calendar_subscription"), {"action": "regenerate"}).content.decode()
    [feed_token] = set(re.findall(r"/schedule/calendar/feed/([^/\s\"]+)\.ics", feed_page))

    tokens = [*invitation_tokens, reset_key, feed_token]
    assert [
        f"{table}: {token[:8]}…"
        for table, value in with_pending_mail
        for reading in readings(value)
        for token in tokens
        if token.encode() in reading
    ] == []
    assert clear_tokens_at_rest(tokens) == []
    assert [token[:8] for token in tokens if token in caplog.text] == []
