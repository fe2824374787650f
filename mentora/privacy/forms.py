from django import forms
from django.utils.translation import gettext_lazy as _

from mentora.core.forms import DateField
from mentora.customers.models import Customer

from .audit_labels import ACTION_LABELS
from .selectors import AuditFilters


class AuditFilterForm(forms.Form):
    customer = forms.ModelChoiceField(label=_("Customer"), queryset=Customer.objects.none(), required=False)
    actor = forms.CharField(label=_("Changed by (name or e-mail)"), max_length=100, required=False)
    action = forms.ChoiceField(label=_("Action"), required=False)
    date_from = DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = DateField(label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}))

    def __init__(self, *args: object, customers: list[Customer], **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        # Any customer validates, so that asking for one the actor may not read answers 404 (from
        # the selector) like everything else that is not theirs; only theirs are offered.
        field = self.fields["customer"]
        field.queryset = Customer.objects.all()  # type: ignore[attr-defined]
        field.choices = [("", _("Every customer")), *((customer.pk, customer.name) for customer in customers)]  # type: ignore[attr-defined]
        actions = sorted(
            ((code, str(label)) for code, label in ACTION_LABELS.items()), key=lambda item: item[1]
        )
        self.fields["action"].choices = [("", _("Every action")), *actions]  # type: ignore[attr-defined]

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("date_from") and data.get("date_to") and data["date_from"] > data["date_to"]:
            self.add_error("date_to", _("The end date comes before the start date."))
        return data

    def filters(self) -> AuditFilters:
        data = self.cleaned_data if self.is_valid() else {}
        return AuditFilters(
            customer=data.get("customer"),
            actor=data.get("actor", ""),
            action=data.get("action", ""),
            date_from=data.get("date_from"),
            date_to=data.get("date_to"),
        )


class TermsVersionForm(forms.Form):
    version = forms.CharField(label=_("Version"), max_length=32, help_text=_("For example 2027-01."))
    is_major = forms.TypedChoiceField(
        label=_("Kind of change"),
        choices=[
            ("1", _("Major: everyone must accept it again at their next sign-in")),
            ("0", _("Minor: people are told about it, nobody has to accept it")),
        ],
        coerce=lambda value: value == "1",
        widget=forms.RadioSelect,
        initial="1",
    )
    text = forms.CharField(label=_("Text (English)"), widget=forms.Textarea(attrs={"rows": 16}))
    text_sv = forms.CharField(label=_("Text (Swedish)"), widget=forms.Textarea(attrs={"rows": 16}))
