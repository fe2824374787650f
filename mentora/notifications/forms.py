from dataclasses import dataclass
from typing import Any

from django import forms
from django.forms import BoundField
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

from .kinds import GROUPS, EmailChoice, Kind


@dataclass
class SettingRow:
    kind: Kind
    email: BoundField
    in_app: BoundField


class NotificationSettingsForm(forms.Form):
    """Per kind: how e-mail comes (immediately, daily or weekly digest, off) and whether it shows
    in the app. Security messages are not kinds and are not listed: they are always sent."""

    def __init__(self, *args: Any, current: dict[Kind, tuple[EmailChoice, bool]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for kind in Kind:
            email, in_app = current[kind]
            self.fields[f"{kind.value}-email"] = forms.ChoiceField(
                label=kind.label, choices=EmailChoice.choices, initial=email.value
            )
            self.fields[f"{kind.value}-in_app"] = forms.BooleanField(
                label=kind.label, required=False, initial=in_app
            )

    def groups(self) -> list[tuple[Promise, list[SettingRow]]]:
        """The kinds in the page's groups, each with its two fields."""
        return [
            (
                label,
                [
                    SettingRow(kind, self[f"{kind.value}-email"], self[f"{kind.value}-in_app"])
                    for kind in kinds
                ],
            )
            for label, kinds in GROUPS
        ]

    def choices(self) -> dict[Kind, tuple[EmailChoice, bool]]:
        return {
            kind: (
                EmailChoice(self.cleaned_data[f"{kind.value}-email"]),
                bool(self.cleaned_data.get(f"{kind.value}-in_app")),
            )
            for kind in Kind
        }


class NotificationFilterForm(forms.Form):
    """The centre's filter: one kind, or all. Anything else is not a choice (the list then shows
    every kind and the field says why)."""

    kind = forms.ChoiceField(label=_("Kind"), required=False)
    unread = forms.BooleanField(label=_("Unread only"), required=False)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["kind"].choices = [("", _("All kinds")), *Kind.choices]  # type: ignore[attr-defined]

    def kind_chosen(self) -> Kind | None:
        if not self.is_valid() or not self.cleaned_data.get("kind"):
            return None
        return Kind(self.cleaned_data["kind"])

    def unread_only(self) -> bool:
        return self.is_valid() and bool(self.cleaned_data.get("unread"))
