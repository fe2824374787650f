from typing import Any

from django.core.management.base import BaseCommand

from mentora.attendance.services import session_create_due


class Command(BaseCommand):
    help = "Create the attendance sessions of started events that track attendance (idempotent)."

    def handle(self, *args: Any, **options: Any) -> None:
        created = session_create_due()
        self.stdout.write(f"Created {created} session(s).")
