from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import Category


class NotificationPreferencesForm(forms.Form):
    """One "send me e-mail" checkbox per category."""

    def __init__(self, *args: Any, preferences: dict[str, bool], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for category in Category:
            self.fields[category.value] = forms.BooleanField(
                label=category.label,
                required=False,
                initial=preferences.get(category.value, True),
                help_text=_("Send me e-mail about this."),
            )

    def email_enabled(self) -> dict[str, bool]:
        return {category: bool(self.cleaned_data.get(category)) for category in Category.values}
