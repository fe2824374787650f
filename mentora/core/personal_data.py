"""Where each app says what it holds about a person, for the data export and for erasure
(mentora.privacy). An app that holds personal data names a module on its AppConfig:

    class NotificationsConfig(AppConfig):
        personal_data = "mentora.notifications.personal_data"

and that module may define either or both of

    def export(user: User) -> dict[str, object]
        # file name (without .json) -> JSON-serialisable content, for the person's own ZIP; only
        # what is about them, never another person's data beyond names in their own threads
    def erase(user: User, identity: Identity) -> None
        # revoke and forget what the app holds (tokens, preferences, addresses), inside the
        # erasure's transaction; called before the account itself is anonymised

Core collects them from the app registry and names no app. Erasure calls the apps from the top
of the dependency order down, so an app's part runs while the apps it builds on are intact.
"""

import re
from dataclasses import dataclass
from importlib import import_module
from types import ModuleType

from django.apps import apps


@dataclass(frozen=True)
class Identity:
    """What identified the person before erasure, for scrubbing copies of it (audit events,
    invitations, e-mail) once the account itself has been anonymised, and `replacement`: what the
    account's address becomes, which every copy of the address or the name is replaced with."""

    user_id: int
    email: str
    first_name: str
    last_name: str
    phone: str
    replacement: str

    @property
    def locators(self) -> list[str]:
        """Values specific enough to find the records that mention the person: the address, the
        full name and the phone (a first name alone would find other people too)."""
        full_name = f"{self.first_name} {self.last_name}".strip()
        return [value for value in dict.fromkeys([self.email, full_name, self.phone]) if len(value) >= 2]

    @property
    def strings(self) -> list[str]:
        """The values to replace inside a record found by `locators`: those and each name part."""
        values = [*self.locators, self.first_name, self.last_name]
        return [value for value in dict.fromkeys(values) if len(value) >= 2]

    def is_mentioned_in(self, text: str) -> bool:
        """Whether `text` holds one of `locators` (any case)."""
        folded = text.casefold()
        return any(value.casefold() in folded for value in self.locators)

    def scrub(self, text: str) -> str:
        """`text` with every whole-word copy of `strings` (any case) replaced by `replacement`;
        longest first, so that "Maria Mentor" goes as a whole before "Maria" would."""
        for needle in sorted(self.strings, key=len, reverse=True):
            text = re.sub(rf"(?<!\w){re.escape(needle)}(?!\w)", self.replacement, text, flags=re.IGNORECASE)
        return text


def personal_data_modules() -> list[ModuleType]:
    """Every app's personal-data module, in INSTALLED_APPS order (lowest app first)."""
    modules = []
    for config in apps.get_app_configs():
        path = getattr(config, "personal_data", None)
        if path:
            modules.append(import_module(path))
    return modules
