from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask

DAY = 24 * 60 * 60


class AuditConfig(AppConfig):
    name = "mentora.audit"
    label = "audit"
    personal_data = "mentora.audit.personal_data"
    periodic_tasks = (PeriodicTask("mentora.audit.tasks.prune_audit_events", interval=DAY),)
