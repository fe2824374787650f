from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentora.core"
    label = "core"
    personal_data = "mentora.core.outbox_personal_data"
