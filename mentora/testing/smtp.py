"""A real SMTP server on loopback for delivery tests (aiosmtpd), and a way to run each task
backend's worker in the test process until its queue is empty."""

import email
import socket
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import django_rq
from aiosmtpd.controller import Controller
from django.conf import settings
from django_tasks_db.management.commands.db_worker import Worker as DatabaseWorker
from rq import SimpleWorker


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class SinkHandler:
    """Keeps every message it accepts. `refuse` names recipients answered 550; `drop_data`
    (a count) closes the connection after that many DATA commands without answering them."""

    refuse: set[str] = field(default_factory=set)
    drop_data: int = 0
    received: list[email.message.Message] = field(default_factory=list)
    dropped: list[email.message.Message] = field(default_factory=list)

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: list) -> str:
        if address.lower() in self.refuse:
            return "550 5.1.1 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        parsed = email.message_from_bytes(envelope.original_content or envelope.content)
        if self.drop_data:
            self.drop_data -= 1
            self.dropped.append(parsed)
            server.transport.close()  # the reply never comes: the client cannot know
            return "250 OK"
        self.received.append(parsed)
        return "250 OK"

    def message_ids(self) -> list[str]:
        return [str(message["Message-ID"]) for message in self.received]


@contextmanager
def smtp_sink(handler: SinkHandler, port: int) -> Iterator[SinkHandler]:
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield handler
    finally:
        controller.stop()


def smtp_settings(port: int) -> dict[str, Any]:
    return {
        "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "EMAIL_HOST": "127.0.0.1",
        "EMAIL_PORT": port,
        "EMAIL_HOST_USER": "",
        "EMAIL_HOST_PASSWORD": "",
        "EMAIL_USE_TLS": False,
        "EMAIL_USE_SSL": False,
        "EMAIL_TIMEOUT": 5,
    }


def database_backend_settings() -> dict[str, Any]:
    return {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}


def rq_backend_settings() -> dict[str, Any]:
    return {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}


def run_database_worker() -> None:
    DatabaseWorker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="test-worker",
        excluded_queue_names=[],
    ).run()


def run_rq_worker() -> None:
    # In this process (no fork), so it shares the test's database connection.
    django_rq.get_worker("default", worker_class=SimpleWorker).work(burst=True)


def rq_queue_empty() -> None:
    queue = django_rq.get_queue("default")
    queue.empty()
    for registry in (queue.failed_job_registry, queue.finished_job_registry, queue.scheduled_job_registry):
        for job_id in registry.get_job_ids():
            registry.remove(job_id, delete_job=True)


WORKERS: dict[str, Callable[[], None]] = {"database": run_database_worker, "rq": run_rq_worker}


def redis_configured() -> bool:
    return bool(settings.TASKS_REDIS_URL)
