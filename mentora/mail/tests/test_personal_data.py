"""The mail app's part of a person's export and erasure (mentora.core.personal_data)."""

import pytest

from mentora.core.personal_data import Identity
from mentora.mail import personal_data
from mentora.mail.delivery import body_of
from mentora.mail.models import Message, State
from mentora.mail.services import message_create, messages_forget_person
from mentora.testing.factories import UserFactory

pytestmark = pytest.mark.django_db

EMAIL = "zelda.quibble@example.com"
REPLACEMENT = "deleted-1@deleted.invalid"


@pytest.fixture
def person():  # type: ignore[no-untyped-def]
    return UserFactory(email=EMAIL, first_name="Zelda", last_name="Quibblethwaite", phone="+46 70 999 88 77")


def identity_of(user) -> Identity:  # type: ignore[no-untyped-def]
    return Identity(
        user_id=user.pk,
        email=user.email,
        first_name=user.first_name,
        last_name=user.last_name,
        phone=user.phone,
        replacement=REPLACEMENT,
    )


def queue(*, to: str, subject: str = "Subject", text: str = "Hello", **fields) -> Message:  # type: ignore[no-untyped-def]
    return message_create(kind="probe", to=to, language="en", subject=subject, text=text, html="", **fields)


def test_the_persons_messages_keep_only_their_metadata_and_stop_going_out(person):
    sent = queue(to=EMAIL, subject="Your code", carries_secret=True)
    Message.objects.filter(pk=sent.pk).update(state=State.SENT, body=None, last_error="")
    waiting = queue(to="Zelda.Quibble@Example.com", subject="Invitation", text="Welcome Zelda")
    failed = queue(to=EMAIL, user=person)
    Message.objects.filter(pk=failed.pk).update(
        state=State.FAILED, last_error=f"550 <{EMAIL}>: no such mailbox"
    )

    assert messages_forget_person(identity=identity_of(person)) == 3

    rows = Message.objects.filter(pk__in=[sent.pk, waiting.pk, failed.pk]).order_by("pk")
    assert [(m.recipient, m.subject, m.body, m.last_error) for m in rows] == [(REPLACEMENT, "", None, "")] * 3
    assert [m.state for m in rows] == [State.SENT, State.CANCELED, State.CANCELED]
    assert all(m.next_attempt_at is None for m in rows if m.state == State.CANCELED)


def test_other_peoples_messages_still_go_out_without_the_persons_name_or_address(person):
    subject = queue(to="admin@example.com", subject="Zelda Quibblethwaite accepted your invitation")
    clear = queue(to="admin@example.com", text=f"Zelda Quibblethwaite ({EMAIL}) asked to be deleted.")
    secret = queue(to="admin@example.com", text="Dear ZELDA QUIBBLETHWAITE,", carries_secret=True)
    reply = queue(to="invitee@example.com", reply_to=EMAIL)
    unrelated = queue(to="admin@example.com", subject="Zelda Other joined", text="Zelda Other")

    messages_forget_person(identity=identity_of(person))

    subject.refresh_from_db()
    assert subject.subject == f"{REPLACEMENT} accepted your invitation"
    clear.refresh_from_db()
    assert body_of(clear)["text"] == f"{REPLACEMENT} ({REPLACEMENT}) asked to be deleted."
    secret.refresh_from_db()
    assert secret.body_encrypted and body_of(secret)["text"] == f"Dear {REPLACEMENT},"
    assert Message.objects.get(pk=reply.pk).reply_to == ""
    unrelated.refresh_from_db()
    assert (unrelated.subject, body_of(unrelated)["text"]) == ("Zelda Other joined", "Zelda Other")
    assert set(Message.objects.values_list("state", flat=True)) == {State.PENDING}


def test_the_export_lists_the_persons_messages_without_a_body(person):
    queue(to=EMAIL, subject="Your data is ready", carries_secret=True)
    queue(to="someone.else@example.com", subject="Not yours")

    [entry] = personal_data.export(person)["emails"]

    assert entry["to"] == EMAIL and entry["subject"] == "Your data is ready"
    assert entry["state"] == State.PENDING and entry["sent"] is None
    assert "body" not in entry and "text" not in entry
