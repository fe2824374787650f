from typing import Any

from django import forms
from django.conf import settings
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentora.core.forms import SearchField, choice_field, model_choice_field
from mentora.core.text import refuse_control_characters
from mentora.core.time_zones import time_zone_choices

from .models import Customer, Status


class MentorSearchForm(forms.Form):
    """The Mentors list's search, sort and (for system administrators) customer filter: a GET form."""

    q = SearchField(label=_("Search mentors"))
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.none(), required=False, empty_label=_("All customers")
    )

    def __init__(self, *args: Any, customers: QuerySet[Customer] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "autocomplete": "off", "placeholder": _("Name or e-mail")}
        )
        self.fields["q"].help_text = _("First name, last name or e-mail. The list filters as you type.")
        if customers is None:
            del self.fields["customer"]
        else:
            model_choice_field(self, "customer").queryset = customers

    @property
    def search(self) -> str:
        return self.cleaned_data.get("q", "") if self.is_valid() else ""

    @property
    def customer_filter(self) -> Customer | None:
        return self.cleaned_data.get("customer") if self.is_valid() else None


class MembershipEditForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=Status.choices, widget=forms.RadioSelect)
    can_submit_applications = forms.BooleanField(
        label=_("Allowed to submit applications"),
        required=False,
        help_text=_("The mentor may create and submit applications for the organization."),
    )


class MentorAddForm(forms.Form):
    """Direct add of an existing user. System administrators also choose the customer."""

    customer = forms.ModelChoiceField(label=_("Customer"), queryset=Customer.objects.none())
    email = forms.EmailField(
        label=_("E-mail address"),
        help_text=_("The e-mail address the person signs in with."),
        widget=forms.EmailInput(attrs={"autocomplete": "off"}),
    )

    def __init__(self, *args: Any, customers: QuerySet[Customer] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if customers is None:
            del self.fields["customer"]
        else:
            model_choice_field(self, "customer").queryset = customers


class CustomerForm(forms.ModelForm):
    time_zone = forms.ChoiceField(label=_("Time zone"), initial=settings.TIME_ZONE)

    class Meta:
        model = Customer
        fields = ["name", "organization_number", "customer_number", "default_language", "time_zone", "status"]
        labels = {
            "name": _("Name"),
            "organization_number": _("Organization number (optional)"),
            "customer_number": _("Customer number"),
            "default_language": _("Default language"),
            "status": _("Status"),
        }
        help_texts = {
            "customer_number": _("Unique; used on invoices and in the back office."),
            "default_language": _(
                "Used for e-mails to people whose language is not known yet, such as invitations."
            ),
            "status": _("People of an inactive customer see nothing of it."),
        }
        widgets = {"status": forms.RadioSelect}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        current = self.instance.time_zone if self.instance.pk else ""
        self.fields["name"].validators.append(refuse_control_characters)
        choice_field(self, "time_zone").choices = time_zone_choices(
            first=[current] if current else (), current=current
        )

    def clean_customer_number(self) -> str:
        return self.cleaned_data["customer_number"].strip()


class CustomerFilterForm(forms.Form):
    q = SearchField(label=_("Search customers"))
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("All statuses")), *Status.choices]
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name or number")}
        )


class UserFilterForm(forms.Form):
    ROLE_CHOICES = [
        ("", _("All roles")),
        ("system_admin", _("System administrator")),
        ("professional", _("Professional")),
        ("customer_admin", _("Customer admin")),
        ("mentor", _("Mentor")),
    ]
    q = SearchField(label=_("Search users"))
    role = forms.ChoiceField(label=_("Role"), required=False, choices=ROLE_CHOICES)

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(
            attrs={"type": "search", "placeholder": _("Name or e-mail")}
        )
