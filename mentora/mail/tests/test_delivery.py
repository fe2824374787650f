import datetime
import random
import smtplib

import pytest
import time_machine
from django.core import mail

from mentora.mail.delivery import (
    classify,
    message_deliver,
    messages_claim_due,
    messages_fail_interrupted,
    messages_prune,
    retry_delay,
)
from mentora.mail.models import Failure, Message, State
from mentora.mail.services import message_create, message_retry
from mentora.mail.tests.fakes import FakeConnection

pytestmark = pytest.mark.django_db

START = datetime.datetime(2026, 11, 2, 9, 0, tzinfo=datetime.UTC)


def pending(**overrides):  # type: ignore[no-untyped-def]
    """A message as the action left it, its first delivery task not yet run."""
    fields = {
        "kind": "probe",
        "to": "a@example.com",
        "language": "en",
        "subject": "S",
        "text": "T",
        "html": "",
    }
    return message_create(**{**fields, **overrides})


@pytest.mark.parametrize(
    ("error", "temporary", "failure"),
    [
        (ConnectionRefusedError(111, "Connection refused"), True, ""),
        (TimeoutError("timed out"), True, ""),
        (smtplib.SMTPServerDisconnected("Connection unexpectedly closed"), True, ""),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (450, b"Mailbox busy")}), True, ""),
        (
            smtplib.SMTPRecipientsRefused({"a@example.com": (550, b"No such user")}),
            False,
            Failure.MAILBOX_UNKNOWN,
        ),
        (smtplib.SMTPRecipientsRefused({"a@example.com": (552, b"Mailbox full")}), False, Failure.REJECTED),
        (smtplib.SMTPDataError(554, b"Spam"), False, Failure.REJECTED),
        (smtplib.SMTPDataError(451, b"Try later"), True, ""),
        (smtplib.SMTPSenderRefused(421, b"Too busy", "no-reply@x"), True, ""),
        (smtplib.SMTPAuthenticationError(535, b"Bad credentials"), True, ""),
        (ValueError("a bug"), False, Failure.ERROR),
    ],
)
def test_failures_are_temporary_or_permanent(error, temporary, failure):
    outcome = classify(error)
    assert (outcome.temporary, outcome.failure) == (temporary, failure)


def test_backoff_doubles_from_a_minute_up_to_two_hours_with_jitter():
    rng = random.Random(7)
    for attempt, ceiling in [(1, 60), (2, 120), (3, 240), (7, 3840), (8, 7200), (30, 7200)]:
        delay = retry_delay(attempt, rng=rng).total_seconds()
        assert ceiling / 2 <= delay <= ceiling


def test_a_temporary_failure_is_retried_for_24_hours_then_the_message_fails(monkeypatch):
    down = FakeConnection([ConnectionRefusedError(111, "refused")] * 1000)
    monkeypatch.setattr("mentora.mail.delivery.get_connection", down)
    with time_machine.travel(START, tick=False) as clock:
        message = pending()
        while True:
            state = message_deliver(message_id=message.pk)
            message.refresh_from_db()
            if state == State.FAILED:
                break
            assert state == State.PENDING
            assert message.next_attempt_at > datetime.datetime.now(tz=datetime.UTC)
            clock.move_to(message.next_attempt_at)
        elapsed = datetime.datetime.now(tz=datetime.UTC) - START
    assert elapsed == datetime.timedelta(hours=24)  # the last attempt is at the deadline
    assert message.failure == Failure.UNREACHABLE
    assert "refused" in message.last_error
    assert 15 <= message.attempts <= 30


def test_a_message_not_yet_due_or_already_claimed_is_not_sent(monkeypatch):
    connection = FakeConnection()
    monkeypatch.setattr("mentora.mail.delivery.get_connection", connection)
    message = pending()
    Message.objects.filter(pk=message.pk).update(state=State.SENDING)
    assert message_deliver(message_id=message.pk) == ""  # another worker holds it
    Message.objects.filter(pk=message.pk).update(
        state=State.PENDING, next_attempt_at=datetime.datetime(2999, 1, 1, tzinfo=datetime.UTC)
    )
    assert message_deliver(message_id=message.pk) == ""  # not due
    assert connection.sent == []


def test_two_deliveries_of_the_same_message_send_it_once(monkeypatch):
    connection = FakeConnection()
    monkeypatch.setattr("mentora.mail.delivery.get_connection", connection)
    message = pending()
    assert message_deliver(message_id=message.pk) == State.SENT
    assert message_deliver(message_id=message.pk) == ""
    assert len(connection.sent) == 1


def test_a_worker_that_died_mid_attempt_leaves_a_failed_message_never_resent(monkeypatch, settings):
    with time_machine.travel(START, tick=False) as clock:
        message = pending()
        # The worker claimed it, then died before recording the outcome.
        Message.objects.filter(pk=message.pk).update(state=State.SENDING, claimed_at=START, attempts=1)
        clock.shift(datetime.timedelta(seconds=settings.MAIL_SENDING_TIMEOUT_SECONDS - 1))
        assert messages_fail_interrupted() == 0
        clock.shift(datetime.timedelta(seconds=2))
        assert messages_fail_interrupted() == 1
        assert messages_claim_due() == []
    message.refresh_from_db()
    assert (message.state, message.failure) == (State.FAILED, Failure.INTERRUPTED)
    assert message.can_retry  # a person decides; the body is still there (encrypted if secret)
    assert message_retry(message=message).state == State.PENDING


def test_the_sweep_enqueues_due_messages_once_until_their_task_is_overdue(settings):
    with time_machine.travel(START, tick=False) as clock:
        message = pending()
        assert messages_claim_due() == []  # its first task is on the queue
        clock.shift(datetime.timedelta(seconds=settings.MAIL_SENDING_TIMEOUT_SECONDS + 1))
        assert messages_claim_due() == [message.pk]  # that task was lost
        assert messages_claim_due() == []
        Message.objects.filter(pk=message.pk).update(enqueued_at=None)  # a retry became due
        assert messages_claim_due() == [message.pk]


def test_finished_messages_are_pruned_after_the_retention_period(
    settings, django_capture_on_commit_callbacks
):
    with time_machine.travel(START, tick=False) as clock:
        with django_capture_on_commit_callbacks(execute=True):
            sent = pending()
        waiting = pending(to="b@example.com")
        clock.shift(datetime.timedelta(days=settings.MAIL_RETENTION_DAYS + 1))
        assert messages_prune() == 1
    assert list(Message.objects.values_list("pk", flat=True)) == [waiting.pk]
    assert not Message.objects.filter(pk=sent.pk).exists()
    assert len(mail.outbox) == 1
