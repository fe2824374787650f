from typing import Any

from django.core.management.base import BaseCommand

from mentora.invitations.services import invitation_send_due_reminders


class Command(BaseCommand):
    help = (
        "Send the reminders of invitations that expire within two days and have had none "
        "(idempotent; a fallback for the scheduled reminder task, e.g. hourly from cron)."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        sent = invitation_send_due_reminders()
        self.stdout.write(f"Invitation reminders sent: {sent}")
