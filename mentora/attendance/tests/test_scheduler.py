"""The periodic scheduler (mentora.core.periodic) and its commands."""

import datetime

import pytest
import time_machine
from django.core.management import call_command
from django_tasks import task

from mentora.attendance.models import Session
from mentora.core.periodic import PeriodicTask, last_enqueued, registered_periodic_tasks, run_due
from mentora.testing.factories_schedule import EventFactory

CALLS: list[str] = []


@task()
def record_call() -> None:
    CALLS.append("called")


PROBE = PeriodicTask(f"{__name__}.record_call", interval=300)
START = datetime.datetime(2026, 10, 20, 8, 0, tzinfo=datetime.UTC)


@pytest.fixture(autouse=True)
def _reset_calls():  # type: ignore[no-untyped-def]
    CALLS.clear()


def test_a_task_is_enqueued_once_per_interval():
    # START is the beginning of a 300-second window.
    with time_machine.travel(START, tick=False) as traveller:
        assert run_due(tasks=[PROBE]) == [PROBE.path]
        assert CALLS == ["called"]
        assert last_enqueued(PROBE) == START.isoformat()
        traveller.shift(datetime.timedelta(seconds=299))
        assert run_due(tasks=[PROBE]) == []
        traveller.shift(datetime.timedelta(seconds=2))
        assert run_due(tasks=[PROBE]) == [PROBE.path]
        traveller.shift(datetime.timedelta(hours=1))
        assert run_due(tasks=[PROBE]) == [PROBE.path]
        assert run_due(tasks=[PROBE]) == []
    assert CALLS == ["called"] * 3


def test_a_task_that_cannot_be_enqueued_is_retried_next_time():
    broken = PeriodicTask("mentora.nowhere.missing_task", interval=300)
    with time_machine.travel(START, tick=False):
        assert run_due(tasks=[broken]) == []
        assert last_enqueued(broken) is None
        # The claim was released: the next check in the same window tries again.
        from django.core.cache import cache

        assert cache.get(broken.window_key(START)) is None


def test_create_due_sessions_is_registered():
    assert any(p.path == "mentora.attendance.tasks.create_due_sessions" for p in registered_periodic_tasks())


@pytest.mark.django_db
def test_run_scheduler_once_creates_due_sessions(activities, cast, capsys):
    with time_machine.travel(START, tick=False) as traveller:
        EventFactory(past=True, application=activities.north_app)
        call_command("run_scheduler", "--once")
        assert Session.objects.count() == 1
        assert "create_due_sessions" in capsys.readouterr().out
        # Within the interval a second run enqueues nothing; after it, the new event gets its session.
        EventFactory(past=True, application=activities.north_app)
        traveller.shift(datetime.timedelta(seconds=60))
        call_command("run_scheduler", "--once")
        assert Session.objects.count() == 1
        traveller.shift(datetime.timedelta(seconds=300))
        call_command("run_scheduler", "--once")
        assert Session.objects.count() == 2


@pytest.mark.django_db
def test_create_due_sessions_command(activities, cast, capsys):
    EventFactory(past=True, application=activities.north_app)
    call_command("create_due_sessions")
    call_command("create_due_sessions")
    assert Session.objects.count() == 1
    assert "Created 0 session(s)." in capsys.readouterr().out
