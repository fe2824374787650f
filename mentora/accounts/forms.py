from collections.abc import Iterable
from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.utils.translation import gettext_lazy as _
from django_stubs_ext import StrOrPromise

from mentora.core.forms import choice_field
from mentora.core.text import refuse_control_characters
from mentora.core.time_zones import time_zone_choices

from .models import User


class ProfileForm(forms.ModelForm):
    first_name = forms.CharField(
        label=_("First name"), min_length=2, max_length=70, validators=[refuse_control_characters]
    )
    last_name = forms.CharField(
        label=_("Last name"), min_length=2, max_length=70, validators=[refuse_control_characters]
    )
    time_zone = forms.ChoiceField(label=_("Time zone"))

    class Meta:
        model = User
        fields = ["first_name", "last_name", "phone", "language", "time_zone"]
        labels = {"phone": _("Phone (optional)"), "language": _("Language")}
        widgets = {"phone": forms.TextInput(attrs={"autocomplete": "tel", "inputmode": "tel"})}

    def __init__(self, *args: Any, suggested_zones: Iterable[str] = (), **kwargs: Any) -> None:
        """`suggested_zones` (the person's organizations' zones) lead the time-zone picker."""
        super().__init__(*args, **kwargs)
        choice_field(self, "time_zone").choices = time_zone_choices(
            first=suggested_zones, current=self.instance.time_zone if self.instance else ""
        )


# --- the sign-in library's forms, in the product's words ---------------------------------------
# allauth's own labels read "Email" and "New Password (again)" and come with placeholders that
# repeat them; these subclasses only relabel.


def _relabel(form: forms.Form, labels: dict[str, StrOrPromise]) -> None:
    for name, label in labels.items():
        if name in form.fields:
            form.fields[name].label = label
            form.fields[name].widget.attrs.pop("placeholder", None)


class LoginForm(allauth_forms.LoginForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {"login": _("E-mail address"), "password": _("Password"), "remember": _("Keep me signed in")},
        )
        # The template links "Forgot your password?" itself, under the button.
        self.fields["password"].help_text = ""


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, {"email": _("E-mail address")})


class ResetPasswordKeyForm(allauth_forms.ResetPasswordKeyForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("New password"), "password2": _("New password again")})


class ChangePasswordForm(allauth_forms.ChangePasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(
            self,
            {
                "oldpassword": _("Current password"),
                "password1": _("New password"),
                "password2": _("New password again"),
            },
        )


class SetPasswordForm(allauth_forms.SetPasswordForm):
    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        _relabel(self, {"password1": _("Password"), "password2": _("Password again")})


class TermsAcceptForm(forms.Form):
    accept = forms.BooleanField(label=_("I have read and accept these terms."), required=True)

    def __init__(self, *args: object, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.fields["accept"].error_messages["required"] = _("Tick the box to accept the terms.")
