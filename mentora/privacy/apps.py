from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask

HOUR = 60 * 60


class PrivacyConfig(AppConfig):
    """A person's account security and personal data: the audit logs, terms publishing, the
    export of one's data and erasure of one's account."""

    name = "mentora.privacy"
    label = "privacy"
    navigation = "mentora.privacy.navigation.nav_items"
    personal_data = "mentora.privacy.personal_data"
    periodic_tasks = (
        PeriodicTask("mentora.privacy.tasks.expire_data_exports", interval=HOUR),
        PeriodicTask("mentora.privacy.tasks.erase_due_accounts", interval=24 * HOUR),
    )

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
