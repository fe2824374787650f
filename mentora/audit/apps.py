from django.apps import AppConfig


class AuditConfig(AppConfig):
    name = "mentora.audit"
    label = "audit"
