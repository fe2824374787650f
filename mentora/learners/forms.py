import datetime
from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.core.forms import DateField

# A summary's period: whole years of history fit; longer asks are refused with a message.
MAX_EXPORT_DAYS = 5 * 366


class LearnerExportForm(forms.Form):
    """The period of the learner's summary file; empty dates mean from the first session and up
    to today."""

    date_from = DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )

    def __init__(self, *args, first_day: datetime.date | None = None, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.first_day = first_day

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        first, last = self.period_or_none(data)
        if first and last:
            if last < first:
                self.add_error("date_to", _("The end date must be on or after the start date."))
            elif (last - first).days >= MAX_EXPORT_DAYS:
                self.add_error("date_to", _("Choose a period of at most five years."))
        return data

    def period_or_none(self, data: dict[str, Any]) -> tuple[datetime.date | None, datetime.date | None]:
        today = timezone.localdate()
        last = data.get("date_to") or max(data.get("date_from") or today, today)
        first = data.get("date_from") or min(self.first_day or last, last)
        return first, last

    def period(self) -> tuple[datetime.date, datetime.date]:
        """The chosen period (call after is_valid())."""
        first, last = self.period_or_none(self.cleaned_data)
        assert first is not None and last is not None
        return first, last
