"""A small scheduler for periodic work: a registry of (task path, interval) and `run_due`, which
enqueues each registered django-tasks task whose interval has passed. The `run_scheduler`
management command calls it in a loop (or once, with --once, for cron).

State: the time of the last enqueue lives in the default cache, claimed with `cache.add` (atomic
in Redis and in the local-memory cache) under a key that expires after the task's interval. So
several schedulers sharing one cache (production: Redis) enqueue a task at most once per
interval, and a scheduler that restarts does not enqueue again before the interval is over.
With the per-process local-memory cache (development), each `--once` run starts empty and
enqueues everything: under cron, the cron line is then the schedule. The tasks themselves must
be idempotent; the scheduler guarantees "about once per interval", not "exactly once".

Each feature adds its task to PERIODIC_TASKS.
"""

import datetime
import logging
from dataclasses import dataclass

from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    path: str  # dotted path of a django-tasks task (a function decorated with @task())
    interval: int  # seconds between two enqueues

    @property
    def cache_key(self) -> str:
        return f"periodic:{self.path}"


PERIODIC_TASKS: list[PeriodicTask] = [
    PeriodicTask("mentora.attendance.tasks.create_due_sessions", interval=300),
]


def run_due(*, tasks: list[PeriodicTask] | None = None, now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every task whose interval has passed since it was last enqueued (by any scheduler
    sharing the cache). Returns the paths enqueued. A task that fails to enqueue releases its
    claim so the next run tries again."""
    now = now or timezone.now()
    enqueued: list[str] = []
    for periodic in PERIODIC_TASKS if tasks is None else tasks:
        if not cache.add(periodic.cache_key, now.isoformat(), timeout=periodic.interval):
            continue
        try:
            import_string(periodic.path).enqueue()
        except Exception:
            cache.delete(periodic.cache_key)
            logger.exception("Could not enqueue periodic task %s", periodic.path)
            continue
        enqueued.append(periodic.path)
    return enqueued


def last_enqueued(periodic: PeriodicTask) -> str | None:
    """When the task was last enqueued (ISO time), while its interval lasts; None after."""
    return cache.get(periodic.cache_key)
