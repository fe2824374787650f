"""GET forms of the mentor's lists: they only parse and validate the query string. Choices come
from what the actor can see (the selectors' filter options), so an unknown value is ignored."""

import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.core.forms import DateField, SearchField, choice_field
from mentora.core.widgets import Select
from mentora.customers.models import Customer

from .selectors.applications import ApplicationFilter, ApplicationFilterOptions

ANY = [("", _("Any"))]


class ApplicationFilterForm(forms.Form):
    q = SearchField(
        label=_("Search"),
        help_text=_("ID, title, service or course. Results update as you type."),
    )
    number = forms.CharField(label=_("ID"), required=False, max_length=20)
    customer = forms.TypedChoiceField(
        label=_("Customer"), required=False, coerce=int, empty_value=None, widget=Select
    )
    offering = forms.TypedChoiceField(
        label=_("Service"), required=False, coerce=int, empty_value=None, widget=Select
    )
    language = forms.ChoiceField(label=_("Language"), required=False, widget=Select)
    status = forms.ChoiceField(label=_("Status"), required=False, widget=Select)

    def __init__(self, *args: Any, kind: str, options: ApplicationFilterOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.kind = kind
        choice_field(self, "customer").choices = ANY + [(c.pk, c.name) for c in options.customers]
        if not options.several_customers:
            del self.fields["customer"]
        choice_field(self, "offering").choices = [*ANY, *options.offerings]
        if kind == "COURSE":
            self.fields["offering"].label = _("Course")
        choice_field(self, "language").choices = [*ANY, *options.languages]
        choice_field(self, "status").choices = [*ANY, *options.statuses]

    def filters(self) -> ApplicationFilter:
        data = self.cleaned_data if self.is_bound and self.is_valid() else {}
        return ApplicationFilter(
            kind=self.kind,
            search=(data.get("q") or "").strip(),
            number=(data.get("number") or "").strip(),
            customer_id=data.get("customer"),
            offering_id=data.get("offering"),
            language=data.get("language") or "",
            status=data.get("status") or "",
        )


class CustomerFilterForm(forms.Form):
    """The customer filter of the attendance tabs, for a person who mentors for several."""

    customer = forms.TypedChoiceField(
        label=_("Customer"), required=False, coerce=int, empty_value=None, widget=Select
    )

    def __init__(self, *args: Any, customers: list[Customer], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "customer").choices = ANY + [(c.pk, c.name) for c in customers]

    @property
    def customer_id(self) -> int | None:
        return self.cleaned_data.get("customer") if self.is_bound and self.is_valid() else None


MAX_REPORT_DAYS = 366


class AttendanceReportForm(CustomerFilterForm):
    date_from = DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    field_order = ["date_from", "date_to", "customer"]

    def __init__(self, *args: Any, max_days: int | None = MAX_REPORT_DAYS, **kwargs: Any) -> None:
        """`max_days`: the longest period the page shows; None for the export, which streams any
        period (or prepares it in the background when it is large)."""
        super().__init__(*args, **kwargs)
        self.max_days = max_days

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = data.get("date_from"), data.get("date_to")
        if first and last:
            if last < first:
                self.add_error("date_to", _("The end date must be on or after the start date."))
            elif self.max_days is not None and (last - first).days >= self.max_days:
                self.add_error("date_to", _("Choose a period of at most one year."))
        return data

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period, or the last 30 days up to today when nothing (valid) was chosen."""
        today = timezone.localdate()
        default = (today - datetime.timedelta(days=29), today)
        if not self.is_bound or not self.is_valid():
            return default
        first, last = self.cleaned_data.get("date_from"), self.cleaned_data.get("date_to")
        last = last or max(first or today, today)
        first = first or last - datetime.timedelta(days=29)
        return first, last
