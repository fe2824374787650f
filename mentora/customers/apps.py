from django.apps import AppConfig


class CustomersConfig(AppConfig):
    name = "mentora.customers"
    label = "customers"
    personal_data = "mentora.customers.personal_data"
