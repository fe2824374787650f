from django.apps import AppConfig


class NotificationsConfig(AppConfig):
    name = "mentora.notifications"
    label = "notifications"
    personal_data = "mentora.notifications.personal_data"
