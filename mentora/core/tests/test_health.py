import datetime

import pytest
import time_machine
from django.core.management import call_command
from django.test import override_settings
from django.utils import timezone
from django_tasks.base import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from mentora.core.health import SCHEDULER, WORKER, heartbeat_record, tasks_reap_stale
from mentora.core.models import Heartbeat
from mentora.core.periodic import registered_periodic_tasks
from mentora.core.tasks import worker_heartbeat
from mentora.mail.services import message_create
from mentora.testing.smtp import database_backend_settings

pytestmark = pytest.mark.django_db

DATABASE_QUEUE = override_settings(TASKS=database_backend_settings())


def test_healthz_is_liveness(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json()["status"]) == (200, "ok")


def test_readyz_is_ready_when_every_check_passes(client):
    heartbeat_record(WORKER)
    heartbeat_record(SCHEDULER)
    with DATABASE_QUEUE:
        response = client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ready"
    assert set(body["checks"]) == {"database", "cache", "migrations", "worker", "scheduler", "queue"}
    assert body["checks"]["migrations"] == {"ok": True, "unapplied": 0}
    assert body["checks"]["queue"]["oldest_ready_seconds"] == 0


def test_readyz_is_not_ready_without_a_worker_or_scheduler_heartbeat(client):
    heartbeat_record(SCHEDULER)
    response = client.get("/readyz")
    assert response.status_code == 503
    checks = response.json()["checks"]
    assert checks["worker"] == {"ok": False, "heartbeat_age_seconds": None, "limit_seconds": 300}
    assert checks["scheduler"]["ok"] is True


def test_a_stale_heartbeat_or_an_old_ready_task_makes_it_not_ready(
    client, django_capture_on_commit_callbacks
):
    start = timezone.now()
    with time_machine.travel(start, tick=False) as clock, DATABASE_QUEUE:
        heartbeat_record(WORKER)
        heartbeat_record(SCHEDULER)
        with django_capture_on_commit_callbacks(execute=True):
            message_create(kind="probe", to="a@example.com", language="en", subject="S", text="T", html="")
        assert client.get("/readyz").status_code == 200
        clock.shift(datetime.timedelta(seconds=301))
        body = client.get("/readyz").json()
    assert body["status"] == "not ready"
    assert body["checks"]["queue"] == {"ok": False, "oldest_ready_seconds": 301, "limit_seconds": 300}
    assert body["checks"]["worker"]["ok"] is False


def test_readyz_says_nothing_secret(client, settings):
    body = client.get("/readyz").content.decode()
    for secret in (settings.SECRET_KEY, "redis://", "postgres", "sqlite", "@"):
        assert secret not in body


def test_unapplied_migrations_make_it_not_ready(client, monkeypatch):
    monkeypatch.setattr("mentora.core.health._migrations_applied", False)
    monkeypatch.setattr(
        "django.db.migrations.executor.MigrationExecutor.migration_plan", lambda self, targets: [("x", False)]
    )
    checks = client.get("/readyz").json()["checks"]
    assert checks["migrations"] == {"ok": False, "unapplied": 1}


def test_the_scheduler_and_a_worker_beat(capsys):
    call_command("run_scheduler", "--once")
    assert Heartbeat.objects.filter(name=SCHEDULER).exists()
    worker_heartbeat.call()
    assert Heartbeat.objects.filter(name=WORKER).exists()


@DATABASE_QUEUE
def test_the_reaper_fails_tasks_left_running_by_a_dead_worker(settings, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        message_create(kind="probe", to="a@example.com", language="en", subject="S", text="T", html="")
        message_create(kind="probe", to="b@example.com", language="en", subject="S", text="T", html="")
    old, young = DBTaskResult.objects.order_by("enqueued_at")
    now = timezone.now()
    limit = datetime.timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT_SECONDS)
    DBTaskResult.objects.filter(pk=old.pk).update(status=TaskResultStatus.RUNNING, started_at=now - limit * 2)
    DBTaskResult.objects.filter(pk=young.pk).update(status=TaskResultStatus.RUNNING, started_at=now)
    assert tasks_reap_stale() == 1
    old.refresh_from_db()
    young.refresh_from_db()
    assert (old.status, old.exception_class_path) == (
        TaskResultStatus.FAILED,
        "mentora.core.health.WorkerLost",
    )
    assert young.status == TaskResultStatus.RUNNING
    assert tasks_reap_stale() == 0


def test_the_core_periodic_tasks_are_registered():
    paths = {task.path for task in registered_periodic_tasks()}
    assert {"mentora.core.tasks.worker_heartbeat", "mentora.core.tasks.reap_stale_tasks"} <= paths
