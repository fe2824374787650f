"""Building the ZIP of a person's data: one JSON file per part that the apps contribute
(mentora.core.personal_data), and index.html, which shows the same data readably."""

import io
import json
import zipfile
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import User
from mentora.core.personal_data import personal_data_modules

SECTION_TITLES = {
    "profile": _("Profile"),
    "memberships": _("Memberships"),
    "consents": _("Consents to the terms"),
    "sessions": _("Signed-in sessions"),
    "two_factor": _("Two-factor sign-in"),
    "known_devices": _("Browsers you signed in from"),
    "invitations": _("Invitations to you"),
    "comments": _("Comments you wrote"),
    "observations": _("Observations you wrote"),
    "notifications": _("Notifications"),
    "emails": _("E-mail sent to you"),
    "calendar_subscription": _("Calendar subscription"),
    "audit_events": _("Changes to your profile and memberships"),
}


def export_sections(user: User) -> dict[str, Any]:
    """Every app's part of the person's data, by file name."""
    sections: dict[str, Any] = {}
    for module in personal_data_modules():
        if hasattr(module, "export"):
            sections.update(module.export(user))
    return sections


def export_zip(user: User) -> bytes:
    sections = export_sections(user)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        for name, content in sections.items():
            archive.writestr(f"{name}.json", json.dumps(content, indent=2, ensure_ascii=False, default=str))
        with translation.override(user.language):
            index = render_to_string(
                "privacy/export_index.html",
                {
                    "user": user,
                    "sections": [_readable(name, content) for name, content in sections.items()],
                    "now": timezone.now(),
                },
            )
        archive.writestr("index.html", index)
    return buffer.getvalue()


def _readable(name: str, content: Any) -> dict[str, Any]:
    """A section as the index shows it: a table for a list of records, a list of fields for one
    record, sub-sections for a group of parts."""
    title = SECTION_TITLES.get(name, name.replace("_", " ").capitalize())
    if isinstance(content, list):
        columns = list(dict.fromkeys(key for row in content if isinstance(row, dict) for key in row))
        rows = [[_cell(row.get(column)) for column in columns] for row in content if isinstance(row, dict)]
        return {"name": name, "title": title, "columns": [c.replace("_", " ") for c in columns], "rows": rows}
    if isinstance(content, dict) and all(isinstance(value, list | dict) for value in content.values()):
        return {
            "name": name,
            "title": title,
            "parts": [_readable(key, value) for key, value in content.items()],
        }
    if isinstance(content, dict):
        return {
            "name": name,
            "title": title,
            "fields": [(key.replace("_", " "), _cell(value)) for key, value in content.items()],
        }
    return {"name": name, "title": title, "fields": [("", _cell(content))]}


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, dict | list):
        return json.dumps(value, ensure_ascii=False, default=str)
    return str(value)
