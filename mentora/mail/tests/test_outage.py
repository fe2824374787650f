"""Delivery against a real SMTP server (aiosmtpd) on loopback, through each task backend's real
queue and worker: the database queue always, RQ when Redis is configured (CI's PostgreSQL and
Redis run). Not for pytest-xdist with RQ: parallel test processes would share the one queue."""

import pytest
from django.db import transaction
from django.test import override_settings
from django.utils import timezone

from mentora.mail.models import Failure, Message, State
from mentora.mail.services import message_create
from mentora.mail.tasks import enqueue_due_messages
from mentora.testing.smtp import (
    WORKERS,
    SinkHandler,
    database_backend_settings,
    free_port,
    redis_configured,
    rq_backend_settings,
    rq_queue_empty,
    smtp_settings,
    smtp_sink,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(
    params=[
        "database",
        pytest.param(
            "rq", marks=pytest.mark.skipif(not redis_configured(), reason="RQ needs Redis (REDIS_URL unset)")
        ),
    ]
)
def backend(request):  # type: ignore[no-untyped-def]
    """The task backend under test; yields the function that runs its worker until idle."""
    tasks = database_backend_settings() if request.param == "database" else rq_backend_settings()
    with override_settings(TASKS=tasks):
        if request.param == "rq":
            rq_queue_empty()
        yield WORKERS[request.param]
        if request.param == "rq":
            rq_queue_empty()


@pytest.fixture
def port():  # type: ignore[no-untyped-def]
    port = free_port()
    with override_settings(**smtp_settings(port)):
        yield port


def queue_messages(count: int, *, domain: str = "example.com") -> list[Message]:
    with transaction.atomic():
        return [
            message_create(
                kind="probe",
                to=f"person{n}@{domain}",
                language="en",
                subject=f"Message {n}",
                text=f"Body {n}",
                html="",
                carries_secret=n % 2 == 0,
            )
            for n in range(count)
        ]


def time_passes() -> None:
    """Every waiting retry becomes due (the backoff itself is tested in test_delivery.py)."""
    Message.objects.filter(state=State.PENDING).update(next_attempt_at=timezone.now())


def sweep_and_work(run_worker) -> None:  # type: ignore[no-untyped-def]
    enqueue_due_messages.call()
    run_worker()


def test_a_server_down_while_50_are_queued_gets_all_50_exactly_once_when_back(backend, port):
    messages = queue_messages(50)
    backend()  # every first attempt meets a closed port
    assert Message.objects.filter(state=State.PENDING, attempts=1).count() == 50
    assert all("Connection" in error for error in Message.objects.values_list("last_error", flat=True))

    with smtp_sink(SinkHandler(), port) as sink:
        time_passes()
        sweep_and_work(backend)
        time_passes()
        sweep_and_work(backend)  # nothing left to send twice
    assert len(sink.received) == 50
    assert sorted(sink.message_ids()) == sorted(m.message_id for m in messages)
    assert sorted(str(m["To"]) for m in sink.received) == sorted(f"person{n}@example.com" for n in range(50))
    assert Message.objects.filter(state=State.SENT, attempts=2, body__isnull=True).count() == 50


def test_a_connection_dropped_after_data_is_retried_and_arrives_once(backend, port):
    [message] = queue_messages(1)
    with smtp_sink(SinkHandler(drop_data=1), port) as sink:
        backend()
        message.refresh_from_db()
        assert (message.state, message.attempts) == (State.PENDING, 1)
        assert "SMTPServerDisconnected" in message.last_error
        time_passes()
        sweep_and_work(backend)
    assert sink.message_ids() == [message.message_id]
    # The dropped attempt carried the same Message-ID, so a server that kept it can tell.
    assert [str(m["Message-ID"]) for m in sink.dropped] == [message.message_id]
    message.refresh_from_db()
    assert (message.state, message.attempts) == (State.SENT, 2)


def test_a_550_for_one_recipient_fails_only_that_message(backend, port):
    messages = queue_messages(3)
    refused = messages[1]
    with smtp_sink(SinkHandler(refuse={refused.recipient}), port) as sink:
        backend()
        time_passes()
        sweep_and_work(backend)
    assert sorted(sink.message_ids()) == sorted([messages[0].message_id, messages[2].message_id])
    refused.refresh_from_db()
    assert (refused.state, refused.failure, refused.attempts) == (State.FAILED, Failure.MAILBOX_UNKNOWN, 1)
    assert refused.last_error.startswith("550")
    assert Message.objects.filter(state=State.SENT).count() == 2
