from django.apps import AppConfig

from mentora.core.periodic import PeriodicTask


class InvitationsConfig(AppConfig):
    name = "mentora.invitations"
    label = "invitations"
    periodic_tasks = (PeriodicTask("mentora.invitations.tasks.send_due_invitation_reminders", interval=3600),)
