from django_tasks import task

from .services import notifications_prune


@task()
def prune_notifications() -> int:
    """Periodic: delete notifications older than 90 days."""
    return notifications_prune()
