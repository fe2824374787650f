from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask

DAY = 24 * 60 * 60
HOUR = 60 * 60


class InvitationsConfig(AppConfig):
    name = "mentora.invitations"
    label = "invitations"
    personal_data = "mentora.invitations.personal_data"
    periodic_tasks = (
        PeriodicTask("mentora.invitations.tasks.send_due_invitation_reminders", interval=HOUR),
        PeriodicTask("mentora.invitations.tasks.notify_expiring_invitations", interval=HOUR),
        PeriodicTask("mentora.invitations.tasks.prune_ended_invitations", interval=DAY),
    )

    def ready(self) -> None:
        from . import receivers

        receivers.connect()
