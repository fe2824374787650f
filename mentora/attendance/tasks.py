from django_tasks import task

from .services import session_create_due


@task()
def create_due_sessions() -> int:
    """Create the attendance session of every started event that tracks attendance and has none.
    Enqueued by the scheduler (mentora.core.periodic); safe to run often and concurrently."""
    return session_create_due()
