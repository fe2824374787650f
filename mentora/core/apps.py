from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentora.core"
    label = "core"
