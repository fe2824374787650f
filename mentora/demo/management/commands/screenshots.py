"""Full-page screenshots of the pages people use most, at a desktop and a phone width, in both
languages, taken from a running `make run` (the demo data) with Debian's Chromium.

    .venv/bin/python manage.py screenshots --base-url http://127.0.0.1:8000

The images go to var/screenshots/ (ignored by git): <page>-<language>-<width>.png. The command
signs in with the demo accounts and creates one fresh invitation (for the acceptance page) in the
database the server uses, so run it against the demo database only."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone
from playwright.sync_api import sync_playwright

from mentora.accounts.models import User
from mentora.customers.access import actor_for
from mentora.customers.models import Customer
from mentora.demo.seed import DEMO_PASSWORD
from mentora.followups.models import FollowUp
from mentora.invitations.services import invitation_create
from mentora.testing.browser import CHROMIUM, CHROMIUM_ARGS

WIDTHS = (1280, 390)
LANGUAGES = ("en", "sv")


@dataclass(frozen=True)
class Shot:
    name: str
    email: str | None  # who is signed in; None for an anonymous visitor
    path: str


class Command(BaseCommand):
    help = "Full-page screenshots of the most used pages at 1280 and 390 px, in English and Swedish."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--base-url", default="http://127.0.0.1:8000")
        parser.add_argument("--out", default=str(settings.VAR_DIR / "screenshots"))
        parser.add_argument("--only", default="", help="comma-separated page names")

    def handle(self, *args: Any, base_url: str, out: str, only: str, **options: Any) -> None:
        if not CHROMIUM.exists():
            raise CommandError(f"needs Chromium at {CHROMIUM}")
        shots = self._shots()
        if only:
            wanted = set(only.split(","))
            shots = [shot for shot in shots if shot.name in wanted]
        out_dir = Path(out)
        out_dir.mkdir(parents=True, exist_ok=True)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
            )
            for language in LANGUAGES:
                for email in sorted({shot.email or "" for shot in shots}):
                    context = browser.new_context(base_url=base_url, locale=language)
                    page = context.new_page()
                    if email:
                        page.goto("/accounts/login/")
                        page.locator("#id_login").fill(email)
                        page.locator("#id_password").fill(DEMO_PASSWORD)
                        page.locator("main form button[type=submit]").click()
                        page.wait_for_load_state()
                    self._set_language(page, language)
                    for shot in (shot for shot in shots if (shot.email or "") == email):
                        for width in WIDTHS:
                            page.set_viewport_size({"width": width, "height": 900})
                            page.goto(shot.path)
                            page.wait_for_load_state("networkidle")
                            target = out_dir / f"{shot.name}-{language}-{width}.png"
                            page.screenshot(path=str(target), full_page=True)
                            self.stdout.write(str(target))
                    context.close()
            browser.close()

    def _set_language(self, page: Any, language: str) -> None:
        """Both an anonymous visitor and a signed-in person switch with the header's button."""
        page.goto("/")
        switch = page.locator(f"form.language-form button[value='{language}']")
        if switch.count():
            switch.first.click()
            page.wait_for_load_state()

    def _shots(self) -> list[Shot]:
        north = Customer.objects.get(name="Northwind Municipality")
        mentor = "mentor@example.com"
        thread = (
            FollowUp.objects.filter(mentors__user__email=mentor, comments__isnull=False)
            .order_by("pk")
            .first()
        )
        admin = actor_for(User.objects.get(email="north.admin@example.com"))
        stamp = timezone.now().strftime("%Y%m%d%H%M%S")
        sent = invitation_create(actor=admin, customer=north, email=f"new.mentor.{stamp}@example.com")
        shots = [
            Shot("dashboard", mentor, "/"),
            Shot("calendar", mentor, "/schedule/calendar/"),
            Shot("attendees", mentor, "/mentor/attendance/attendees/"),
            Shot("mentors", "north.admin@example.com", f"/customers/{north.pk}/mentors/"),
            Shot("invitations", "north.admin@example.com", f"/invitations/customer/{north.pk}/"),
            Shot("header-admin-mentor", "both@example.com", "/"),
            Shot("accept", None, f"/invitations/accept/{sent.token}/"),
            Shot("sign-in", None, "/accounts/login/"),
        ]
        if thread is not None:
            shots.append(Shot("followup", mentor, f"/followups/{thread.pk}/"))
        return shots
