import zoneinfo

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import User


def time_zone_choices() -> list[tuple[str, str]]:
    return [(name, name.replace("_", " ")) for name in sorted(zoneinfo.available_timezones()) if "/" in name]


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(label=_("First name"), min_length=2, max_length=70)
    last_name = forms.CharField(label=_("Last name"), min_length=2, max_length=70)
    time_zone = forms.ChoiceField(label=_("Time zone"), choices=time_zone_choices)

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "language", "time_zone"]
        labels = {"phone": _("Phone (optional)"), "language": _("Language")}
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}


class TermsAcceptForm(forms.Form):
    accept = forms.BooleanField(label=_("I have read and accept these terms."), required=True)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["accept"].error_messages["required"] = _("Tick the box to accept the terms.")
