import json
from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils.module_loading import import_string

from mentora.demo.seed import DEMO_PASSWORD, seed_people

# Each feature seeds its own part, in this order (later steps build on earlier ones). A step is a
# function taking no arguments; it must be idempotent.
STEPS: list[str] = [
    "mentora.applications.demo.seed_applications",
    "mentora.schedule.demo.seed_schedule",
    "mentora.attendance.demo.seed_attendance",
    "mentora.completion.demo.seed_completion",
    "mentora.demo.seed.seed_mentor_roster",
    "mentora.demo.seed.seed_invitations",
    # After the roster: the alerts go to the mentors and admins as they then are.
    "mentora.attendance.demo.seed_attendance_alerts",
    # Last: follow-ups and observations hang off the demo applications, mentors and events.
    "mentora.followups.demo.seed_followups",
    "mentora.observations.demo.seed_observations",
]


class Command(BaseCommand):
    help = "Create the demo customers, people and activities (idempotent) and print the sign-ins."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--json", action="store_true", help="Print the sign-ins as a JSON list.")

    def handle(self, *args: Any, **options: Any) -> None:
        logins = seed_people()
        for step in STEPS:
            import_string(step)()
        if options["json"]:
            self.stdout.write(json.dumps([login.as_dict() for login in logins], indent=2))
            return
        self.stdout.write(f"Demo sign-ins (password for all: {DEMO_PASSWORD}):")
        width = max(len(login.email) for login in logins)
        for login in logins:
            detail = ", ".join(login.roles) or "-"
            if login.customers:
                detail += " — " + ", ".join(login.customers)
            self.stdout.write(f"  {login.email.ljust(width)}  {detail}")
