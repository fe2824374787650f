"""Several schedulers' tasks (or a retried one) sending the same morning's digests at the same
moment: each person gets one digest. Needs real concurrent transactions, so it runs on
PostgreSQL only (DATABASE_URL=postgres://...)."""

import datetime
import threading

import pytest
import time_machine
from django.db import connection

from mentora.digests.models import DigestKind, DigestRun
from mentora.digests.services import digests_send_due
from mentora.mail.models import Message
from mentora.testing.factories_schedule import EventFactory
from mentora.testing.world import make_world

from .conftest import TUESDAY_MORNING

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]

THREADS = 4


@pytest.fixture(autouse=True)
def _postgres_only():  # type: ignore[no-untyped-def]
    if connection.vendor != "postgresql":
        pytest.skip("needs concurrent PostgreSQL transactions (set DATABASE_URL to a PostgreSQL database)")


def test_simultaneous_runs_send_each_digest_once(cast):
    with time_machine.travel(TUESDAY_MORNING, tick=False):
        scene = make_world(cast)
        start = TUESDAY_MORNING.replace(hour=13, minute=0)
        EventFactory(
            application=scene.on_request, starts_at=start, ends_at=start + datetime.timedelta(hours=1)
        )
        barrier = threading.Barrier(THREADS)
        sent: list[int] = []
        errors: list[str] = []
        lock = threading.Lock()

        def run() -> None:
            try:
                barrier.wait(timeout=10)
                count = digests_send_due()
                with lock:
                    sent.append(count)
            except Exception as error:
                with lock:
                    errors.append(repr(error))
            finally:
                connection.close()

        threads = [threading.Thread(target=run) for _ in range(THREADS)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=60)

    assert errors == []
    messages = Message.objects.filter(kind="digest-daily")
    recipients = list(messages.values_list("recipient", flat=True))
    assert scene.cast.north_mentor.email in recipients
    assert len(recipients) == len(set(recipients)) == sum(sent)
    assert DigestRun.objects.filter(kind=DigestKind.DAILY, message__isnull=False).count() == len(recipients)
