"""A stand-in SMTP connection for unit tests: fails as told, or records what it sent. The
outage tests (test_outage.py) use a real SMTP server instead."""

from collections.abc import Sequence

from django.core.mail import EmailMessage
from django_tasks.backends.dummy import DummyBackend


class FakeConnection:
    def __init__(self, errors: Sequence[BaseException] = ()) -> None:
        self.errors = list(errors)
        self.sent: list[EmailMessage] = []

    def __enter__(self) -> "FakeConnection":
        return self

    def __exit__(self, *exc: object) -> None:
        return None

    def send_messages(self, messages: Sequence[EmailMessage]) -> int:
        if self.errors:
            raise self.errors.pop(0)
        self.sent.extend(messages)
        return len(messages)

    def __call__(self, **kwargs: object) -> "FakeConnection":
        return self


class UnreachableQueueBackend(DummyBackend):
    """A task backend whose queue cannot be reached, like RQ with Redis down."""

    def enqueue(self, task, args, kwargs):  # type: ignore[no-untyped-def]
        raise ConnectionError("the queue is unreachable")
