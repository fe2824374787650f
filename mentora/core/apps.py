from django.apps import AppConfig


class CoreConfig(AppConfig):
    name = "mentora.core"
    label = "core"
    navigation = "mentora.core.navigation.nav_items"
