from django_tasks import task

from .services import audit_prune


@task()
def prune_audit_events() -> int:
    """Daily (mentora.core.periodic): deletes audit events past AUDIT_RETENTION_DAYS."""
    return audit_prune()
