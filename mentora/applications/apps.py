from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "mentora.applications"
    label = "applications"
    personal_data = "mentora.applications.personal_data"
