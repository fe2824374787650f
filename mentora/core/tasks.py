from django_tasks import task

from .health import WORKER, heartbeat_record, tasks_reap_stale


@task()
def worker_heartbeat() -> None:
    """Periodic: a worker ran this, so at least one worker takes tasks from the queue (/readyz)."""
    heartbeat_record(WORKER)


@task()
def reap_stale_tasks() -> int:
    """Periodic: fail tasks left RUNNING by a worker that died."""
    return tasks_reap_stale()
