from django_tasks import task

from .services import attendance_exports_expire


@task()
def expire_attendance_exports() -> int:
    """Periodic: delete the files of expired export links."""
    return attendance_exports_expire()
