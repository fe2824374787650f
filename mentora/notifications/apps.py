from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask

HOUR = 60 * 60


class NotificationsConfig(AppConfig):
    name = "mentora.notifications"
    label = "notifications"
    personal_data = "mentora.notifications.personal_data"
    periodic_tasks = (PeriodicTask("mentora.notifications.tasks.prune_notifications", interval=6 * HOUR),)

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
