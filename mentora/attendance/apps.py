from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask


class AttendanceConfig(AppConfig):
    name = "mentora.attendance"
    label = "attendance"
    periodic_tasks = (PeriodicTask("mentora.attendance.tasks.create_due_sessions", interval=300),)
