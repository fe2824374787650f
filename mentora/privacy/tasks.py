from django_tasks import task

from .services import data_exports_expire, erasure_due_run


@task()
def expire_data_exports() -> int:
    """Hourly (mentora.core.periodic): drops exports whose link has expired."""
    return data_exports_expire()


@task()
def erase_due_accounts() -> int:
    """Daily (mentora.core.periodic): carries out deletion requests of people with no active
    membership after ERASURE_AUTOMATIC_AFTER_DAYS."""
    return erasure_due_run()
