from typing import Any

from django import forms
from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext_lazy

from mentora.accounts.models import TermsVersion, User, normalize_email
from mentora.applications.models import Application
from mentora.core.forms import IdMultipleChoiceField, model_choice_field
from mentora.core.numbers import grouped
from mentora.core.text import refuse_control_characters

from .models import DEFAULT_LIFETIME_DAYS, LIFETIME_CHOICES_DAYS, Invitation
from .services import MAX_BULK_ADDRESSES, NAME_MAX_LENGTH, NAME_MIN_LENGTH, parse_addresses


def lifetime_choices() -> list[tuple[int, str]]:
    return [
        (days, ngettext_lazy("%(count)d day", "%(count)d days", days) % {"count": days})
        for days in LIFETIME_CHOICES_DAYS
    ]


class ApplicationChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.number} · {obj.display_title} ({obj.get_kind_display()}, {obj.get_status_display()})"


class MessageField(forms.CharField):
    """Browsers count a textarea's line break as one character against maxlength but send it as
    CRLF; counting it once here too keeps a message the browser accepted from being refused."""

    def to_python(self, value: object) -> str:
        return (super().to_python(value) or "").replace("\r\n", "\n")


class InvitationCreateForm(forms.Form):
    email = forms.EmailField(
        label=_("E-mail address"), max_length=254, widget=forms.EmailInput(attrs={"autocomplete": "off"})
    )
    first_name = forms.CharField(
        label=_("First name (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        validators=[refuse_control_characters],
        help_text=_("Filled in for them when they register."),
    )
    last_name = forms.CharField(
        label=_("Last name (optional)"),
        max_length=NAME_MAX_LENGTH,
        required=False,
        validators=[refuse_control_characters],
    )
    message = MessageField(
        label=_("Personal message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text=_("Included in the e-mail. At most 2,000 characters."),
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("The link works for"),
        coerce=int,
        choices=lifetime_choices,
        initial=DEFAULT_LIFETIME_DAYS,
    )
    applications = ApplicationChoiceField(
        label=_("Assign to these applications on acceptance (optional)"),
        queryset=Application.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, applications: QuerySet[Application], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if applications.exists():
            model_choice_field(self, "applications").queryset = applications
        else:
            del self.fields["applications"]

    def clean_email(self) -> str:
        return normalize_email(self.cleaned_data["email"])


class InvitationBulkForm(forms.Form):
    addresses = forms.CharField(
        label=_("E-mail addresses"),
        widget=forms.Textarea(attrs={"rows": 10, "autocomplete": "off", "spellcheck": "false"}),
        help_text=_("One per line, or separated by commas. At most 100 at a time."),
    )
    message = MessageField(
        label=_("Personal message (optional)"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    lifetime_days = forms.TypedChoiceField(
        label=_("The links work for"), coerce=int, choices=lifetime_choices, initial=DEFAULT_LIFETIME_DAYS
    )

    def clean_addresses(self) -> list[str]:
        addresses = parse_addresses(self.cleaned_data["addresses"])
        if not addresses:
            raise ValidationError(_("Paste at least one e-mail address."))
        if len(addresses) > MAX_BULK_ADDRESSES:
            raise ValidationError(
                _("Paste at most %(limit)s addresses at a time; you pasted %(count)s."),
                params={"limit": grouped(MAX_BULK_ADDRESSES), "count": grouped(len(addresses))},
            )
        return addresses


class RegisterForm(forms.Form):
    """Registration on the invitation page. The e-mail is the invitation's and cannot change."""

    email = forms.EmailField(label=_("E-mail address"), required=False, disabled=True)
    first_name = forms.CharField(
        label=_("First name"),
        min_length=NAME_MIN_LENGTH,
        max_length=NAME_MAX_LENGTH,
        validators=[refuse_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "given-name"}),
    )
    last_name = forms.CharField(
        label=_("Last name"),
        min_length=NAME_MIN_LENGTH,
        max_length=NAME_MAX_LENGTH,
        validators=[refuse_control_characters],
        widget=forms.TextInput(attrs={"autocomplete": "family-name"}),
    )
    password1 = forms.CharField(
        label=_("Password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=_("Password again"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)
    accept_terms = forms.BooleanField(label=_("I accept the terms of use and privacy notice"))

    def __init__(
        self, *args: Any, invitation: Invitation, terms_version: TermsVersion | None, **kwargs: Any
    ) -> None:
        kwargs.setdefault(
            "initial",
            {
                "first_name": invitation.first_name,
                "last_name": invitation.last_name,
                # The language the visitor is reading this page in (browser or their own choice).
                "language": translation.get_language() or invitation.customer.default_language,
            },
        )
        super().__init__(*args, **kwargs)
        self.invitation = invitation
        self.terms_version = terms_version
        self.fields["email"].initial = invitation.email
        self.fields["password1"].help_text = password_validation.password_validators_help_text_html()
        if terms_version is not None:
            self.fields["accept_terms"].help_text = format_html(
                '<a href="{}" target="_blank" rel="noopener">{}</a>',
                reverse("terms"),
                _("Read the terms (version %(version)s, opens in a new tab)")
                % {"version": terms_version.version},
            )

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if self.terms_version is None:
            raise ValidationError(
                _("Registration is closed until terms of use are published. Contact the provider.")
            )
        password1, password2 = cleaned.get("password1"), cleaned.get("password2")
        if password1 and password2 and password1 != password2:
            self.add_error("password2", _("The two passwords differ."))
        elif password1:
            user = User(
                email=self.invitation.email,
                first_name=cleaned.get("first_name", ""),
                last_name=cleaned.get("last_name", ""),
            )
            try:
                password_validation.validate_password(password1, user=user)
            except ValidationError as error:
                self.add_error("password1", error)
        return cleaned


class SignOutAndContinueForm(forms.Form):
    """Empty: the POST is the whole request."""
