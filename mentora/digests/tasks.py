from django_tasks import task

from .services import digests_send_due


@task()
def send_due_digests() -> int:
    """Periodic (every quarter of an hour): the daily and weekly digests that are due."""
    return digests_send_due()
