import json

from django.core.management.base import BaseCommand

from mentora.demo.seed import DEMO_PASSWORD, seed_people


class Command(BaseCommand):
    help = "Create the demo customers and people (idempotent) and print their sign-ins."

    def add_arguments(self, parser):  # type: ignore[no-untyped-def]
        parser.add_argument("--json", action="store_true", help="Print the sign-ins as a JSON list.")

    def handle(self, *args, **options):  # type: ignore[no-untyped-def]
        logins = seed_people()
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
