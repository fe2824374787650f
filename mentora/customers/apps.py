from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "mentora.customers"
    label = "customers"
    navigation = "mentora.customers.navigation.nav_items"
