from django.apps import AppConfig


class CatalogConfig(AppConfig):
    name = "mentora.catalog"
    label = "catalog"
    navigation = "mentora.catalog.navigation.nav_items"
