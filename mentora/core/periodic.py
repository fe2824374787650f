"""A small scheduler for periodic work: a registry of (task path, interval) and `run_due`, which
enqueues each registered django-tasks task once per interval. The `run_scheduler` management
command calls it in a loop (or once, with --once, for cron); a task worker runs the tasks.

State: time is cut into windows of each task's interval, counted from the Unix epoch, so every
scheduler agrees on them. The first scheduler to check a task in a window claims the window with
`cache.add` (atomic in Redis and in the local-memory cache) and enqueues the task; anyone else
checking in that window, or a scheduler restarted within it, skips. So several schedulers
sharing one cache (production: Redis) enqueue a task at most once per window. Claims expire after
two intervals; the window comes from `now`, never from the cache's clock. With the per-process
local-memory cache (development), each `--once` run starts empty and enqueues everything: under
cron, the cron line is then the schedule. The tasks themselves must be idempotent; the scheduler
promises "about once per interval", not "exactly once".

Each app declares its own periodic tasks on its AppConfig, and core never names them:

    class ExampleConfig(AppConfig):
        periodic_tasks = (PeriodicTask("mentora.example.tasks.tidy_up", interval=300),)

`registered_periodic_tasks()` collects them from the app registry, in INSTALLED_APPS order.
"""

import datetime
import logging
from dataclasses import dataclass

from django.apps import apps
from django.core.cache import cache
from django.utils import timezone
from django.utils.module_loading import import_string

from .cache import CACHE_ERRORS, fail_open

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class PeriodicTask:
    path: str  # dotted path of a django-tasks task (a function decorated with @task())
    interval: int  # seconds between two enqueues

    def window_key(self, now: datetime.datetime) -> str:
        return f"periodic:{self.path}:{int(now.timestamp()) // self.interval}"

    @property
    def last_key(self) -> str:
        return f"periodic:{self.path}:last"


def registered_periodic_tasks() -> list[PeriodicTask]:
    """Every installed app's `periodic_tasks`, in INSTALLED_APPS order."""
    return [
        periodic for config in apps.get_app_configs() for periodic in getattr(config, "periodic_tasks", ())
    ]


def run_due(*, tasks: list[PeriodicTask] | None = None, now: datetime.datetime | None = None) -> list[str]:
    """Enqueue every task not yet enqueued in the current window of its interval (by any
    scheduler sharing the cache). Returns the paths enqueued. A task that cannot be enqueued
    releases its claim, so the next check tries again."""
    now = now or timezone.now()
    enqueued: list[str] = []
    for periodic in registered_periodic_tasks() if tasks is None else tasks:
        key = periodic.window_key(now)
        try:
            claimed = cache.add(key, now.isoformat(), timeout=2 * periodic.interval)
        except CACHE_ERRORS:
            # Fails closed: without a claim nothing is enqueued; the next tick tries again.
            logger.warning("Cache unreachable: the scheduler enqueues nothing this tick")
            return enqueued
        if not claimed:
            continue
        try:
            import_string(periodic.path).enqueue()
        except Exception:
            fail_open("release of a periodic claim", None, cache.delete, key)
            logger.exception("Could not enqueue periodic task %s", periodic.path)
            continue
        fail_open("periodic bookkeeping", None, cache.set, periodic.last_key, now.isoformat(), timeout=None)
        enqueued.append(periodic.path)
    return enqueued


def last_enqueued(periodic: PeriodicTask) -> str | None:
    """When the task was last enqueued (ISO time), as far as this cache knows."""
    return cache.get(periodic.last_key)
