from django.apps import AppConfig


class ApplicationsConfig(AppConfig):
    name = "mentora.applications"
    label = "applications"
    navigation = "mentora.applications.navigation.nav_items"
