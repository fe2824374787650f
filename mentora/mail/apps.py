from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask


class MailConfig(AppConfig):
    name = "mentora.mail"
    label = "mail"
    navigation = "mentora.mail.navigation.nav_items"
    periodic_tasks = (
        PeriodicTask("mentora.mail.tasks.enqueue_due_messages", interval=60),
        PeriodicTask("mentora.mail.tasks.prune_messages", interval=24 * 3600),
    )

    def ready(self) -> None:
        from mentora.core.metrics import register_collector

        from .metrics import MessageCollector

        register_collector("mail", MessageCollector())
