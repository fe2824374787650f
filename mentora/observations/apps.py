from django.apps import AppConfig


class ObservationsConfig(AppConfig):
    name = "mentora.observations"
    label = "observations"
