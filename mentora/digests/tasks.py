from django_tasks import task

from .services import digest_runs_prune, digests_send_due


@task()
def send_due_digests() -> int:
    """Periodic (every quarter of an hour): the daily and weekly digests that are due."""
    return digests_send_due()


@task()
def prune_digest_runs() -> int:
    """Periodic (daily): forget the claims of periods long past."""
    return digest_runs_prune()
