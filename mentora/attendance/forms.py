"""The attendance sheet: one row per record, each field labelled with the attendee's name so a
screen reader (and the error summary) says whose status, minutes or note it is."""

from typing import Any

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import (
    CONSECUTIVE_ABSENCES_RANGE,
    MIN_SESSIONS_RANGE,
    RATE_PERCENT_RANGE,
    AttendanceRecord,
    AttendanceStatus,
)
from .services import Entry


class AttendanceSheetForm(forms.Form):
    def __init__(
        self, *args: Any, records: list[AttendanceRecord], longest_minutes: int, **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.records = records
        self.rows: list[dict[str, Any]] = []
        for record in records:
            name = record.attendee.full_name
            self.fields[f"status_{record.pk}"] = forms.ChoiceField(
                label=_("Status for %(name)s") % {"name": name},
                choices=[("", _("Not taken")), *AttendanceStatus.choices],
                required=False,
                initial=record.status,
            )
            self.fields[f"minutes_{record.pk}"] = forms.IntegerField(
                label=_("Minutes attended by %(name)s") % {"name": name},
                min_value=0,
                max_value=longest_minutes,
                required=False,
                initial=record.minutes,
                widget=forms.NumberInput(attrs={"inputmode": "numeric", "class": "input-minutes"}),
            )
            self.fields[f"note_{record.pk}"] = forms.CharField(
                label=_("Note about %(name)s") % {"name": name},
                max_length=500,
                required=False,
                initial=record.note,
            )

    def bound_rows(self) -> list[dict[str, Any]]:
        return [
            {
                "record": record,
                "status": self[f"status_{record.pk}"],
                "minutes": self[f"minutes_{record.pk}"],
                "note": self[f"note_{record.pk}"],
            }
            for record in self.records
        ]

    def entries(self) -> list[Entry]:
        data = self.cleaned_data
        return [
            Entry(
                record_id=record.pk,
                status=data.get(f"status_{record.pk}") or "",
                minutes=data.get(f"minutes_{record.pk}"),
                note=data.get(f"note_{record.pk}") or "",
            )
            for record in self.records
        ]


class AlertSettingsForm(forms.Form):
    """A customer's attendance-alert thresholds, bounded as the database bounds them."""

    rate_percent = forms.IntegerField(
        label=_("Attendance-rate threshold (%)"),
        min_value=RATE_PERCENT_RANGE[0],
        max_value=RATE_PERCENT_RANGE[1],
        help_text=_("A mentee whose attendance rate is under this needs attention."),
    )
    min_sessions = forms.IntegerField(
        label=_("Minimum counted sessions"),
        min_value=MIN_SESSIONS_RANGE[0],
        max_value=MIN_SESSIONS_RANGE[1],
        help_text=_(
            "The rate applies once at least this many sessions count (excused and not enrolled do not)."
        ),
    )
    consecutive_absences = forms.IntegerField(
        label=_("Consecutive absences"),
        min_value=CONSECUTIVE_ABSENCES_RANGE[0],
        max_value=CONSECUTIVE_ABSENCES_RANGE[1],
        help_text=_("This many absences in a row, in the latest counted sessions, need attention too."),
    )
