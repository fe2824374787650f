"""Liveness and readiness, heartbeats, the task queue's age and the reaper of tasks whose worker
died. Works for both task backends (the database queue and RQ)."""

import datetime
import logging
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone
from django_tasks import DEFAULT_TASK_BACKEND_ALIAS, task_backends
from django_tasks.base import TaskResultStatus
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult
from django_tasks_rq.backend import RQBackend
from rq.registry import StartedJobRegistry

from .cache import CACHE_ERRORS
from .models import Heartbeat

# Reading the queue touches the database, and Redis with the RQ backend.
QUEUE_ERRORS: tuple[type[BaseException], ...] = (DatabaseError, *CACHE_ERRORS)

logger = logging.getLogger(__name__)

WORKER = "worker"
SCHEDULER = "scheduler"


def heartbeat_record(name: str) -> None:
    """A process says it is alive: the scheduler on every tick, a worker when it runs the
    heartbeat task (which the scheduler enqueues every minute)."""
    Heartbeat.objects.update_or_create(name=name, defaults={"beat_at": timezone.now()})


def heartbeat_age(name: str, *, now: datetime.datetime) -> float | None:
    beat_at = Heartbeat.objects.filter(name=name).values_list("beat_at", flat=True).first()
    return None if beat_at is None else max(0.0, (now - beat_at).total_seconds())


def oldest_ready_task_age(*, now: datetime.datetime) -> float | None:
    """Seconds the oldest task ready to run has waited, 0 when the queue is empty; None for a
    backend without a queue (tests run tasks inline)."""
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, DatabaseBackend):
        enqueued = (
            DBTaskResult.objects.ready()
            .filter(backend_name=backend.alias)
            .order_by("enqueued_at")
            .values_list("enqueued_at", flat=True)
            .first()
        )
        return 0.0 if enqueued is None else max(0.0, (now - enqueued).total_seconds())
    if isinstance(backend, RQBackend):
        oldest = 0.0
        for queue in backend._get_queues():
            job_ids = queue.get_job_ids(0, 0)
            job = queue.fetch_job(job_ids[0]) if job_ids else None
            if job is not None and job.enqueued_at is not None:
                enqueued = job.enqueued_at
                if enqueued.tzinfo is None:  # RQ stores UTC
                    enqueued = enqueued.replace(tzinfo=datetime.UTC)
                oldest = max(oldest, (now - enqueued).total_seconds())
        return oldest
    return None


def tasks_reap_stale(*, now: datetime.datetime | None = None) -> int:
    """Fail every task left RUNNING by a worker that died (killed, machine lost). Failed, not
    requeued: a task that kills its worker would otherwise loop, and every periodic task is
    idempotent and comes back on its next interval; e-mail has its own rule (mentora.mail).
    Database queue: RUNNING longer than TASKS_RUNNING_TIMEOUT_SECONDS. RQ: its registry of
    started jobs whose worker stopped sending heartbeats. Returns how many were reaped."""
    now = now or timezone.now()
    backend = task_backends[DEFAULT_TASK_BACKEND_ALIAS]
    if isinstance(backend, DatabaseBackend):
        stale = now - datetime.timedelta(seconds=settings.TASKS_RUNNING_TIMEOUT_SECONDS)
        count = DBTaskResult.objects.filter(
            backend_name=backend.alias, status=TaskResultStatus.RUNNING, started_at__lt=stale
        ).update(
            status=TaskResultStatus.FAILED,
            finished_at=now,
            exception_class_path="mentora.core.health.WorkerLost",
            traceback="The worker stopped while running this task; the reaper marked it failed.",
        )
    elif isinstance(backend, RQBackend):
        count = 0
        for queue in backend._get_queues():
            registry = StartedJobRegistry(queue=queue)
            count += len(registry.get_expired_job_ids())
            registry.cleanup()
    else:
        count = 0
    if count:
        logger.error("Reaped %s task(s) left running by a worker that died", count)
    return count


class WorkerLost(Exception):
    """Recorded on a task whose worker died while running it."""


@dataclass(frozen=True)
class Check:
    ok: bool
    detail: dict[str, Any]


_migrations_applied = False


def _migrations_check() -> Check:
    # Unapplied migrations cannot reappear under the same code, so once all are applied the
    # answer is kept for the life of the process (loading the migration graph costs ~100 ms).
    global _migrations_applied
    if not _migrations_applied:
        executor = MigrationExecutor(connection)
        unapplied = len(executor.migration_plan(executor.loader.graph.leaf_nodes()))
        if unapplied:
            return Check(False, {"unapplied": unapplied})
        _migrations_applied = True
    return Check(True, {"unapplied": 0})


def _age_check(age: float | None, limit: int, key: str) -> Check:
    if age is None:
        return Check(False, {key: None, "limit_seconds": limit})
    return Check(age <= limit, {key: round(age), "limit_seconds": limit})


def readiness(*, now: datetime.datetime | None = None) -> tuple[bool, dict[str, dict[str, Any]]]:
    """Whether this deployment can serve: the database and the cache answer, no migration is
    unapplied, a worker and the scheduler beat recently, and the oldest ready task is young.
    The details are numbers and booleans only: no host, no address, no error text."""
    now = now or timezone.now()
    checks: dict[str, Check] = {}
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
        checks["database"] = Check(True, {})
    except DatabaseError:
        checks["database"] = Check(False, {})
    try:
        cache.set("readyz:probe", "1", timeout=10)
        checks["cache"] = Check(cache.get("readyz:probe") == "1", {})
    except CACHE_ERRORS:
        checks["cache"] = Check(False, {})
    if checks["database"].ok:
        checks["migrations"] = _migrations_check()
        checks["worker"] = _age_check(
            heartbeat_age(WORKER, now=now), settings.READYZ_HEARTBEAT_MAX_AGE_SECONDS, "heartbeat_age_seconds"
        )
        checks["scheduler"] = _age_check(
            heartbeat_age(SCHEDULER, now=now),
            settings.READYZ_HEARTBEAT_MAX_AGE_SECONDS,
            "heartbeat_age_seconds",
        )
    try:
        age = oldest_ready_task_age(now=now)
        checks["queue"] = (
            Check(True, {"oldest_ready_seconds": None})
            if age is None
            else _age_check(age, settings.READYZ_QUEUE_MAX_AGE_SECONDS, "oldest_ready_seconds")
        )
    except QUEUE_ERRORS:
        checks["queue"] = Check(False, {})
    ready = all(check.ok for check in checks.values()) and len(checks) == 6
    return ready, {name: {"ok": check.ok, **check.detail} for name, check in checks.items()}
