from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentora.notifications"
    label = "notifications"
