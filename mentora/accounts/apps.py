from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "mentora.accounts"
    label = "accounts"
    navigation = "mentora.accounts.navigation.nav_items"
