from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentora.applications.models import Application, Attendee
from mentora.core.dates import format_date
from mentora.core.forms import LongTextField, model_choice_field
from mentora.core.widgets import Select
from mentora.schedule.models import Event

from .selectors import observation_attendee_choices, observation_event_choices
from .services import MAX_OBSERVATION_LENGTH


class AttendeeChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Attendee) -> str:
        return obj.full_name


class EventChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Event) -> str:
        when = format_date(obj.starts_at, "list_datetime")
        label = f"{when} · {obj.title}"
        return f"{label} ({_('canceled')})" if obj.is_canceled else label


class ObservationForm(forms.Form):
    """An observation; the mentee and event choices come only from the application."""

    body = LongTextField(
        label=_("Observation"),
        max_length=MAX_OBSERVATION_LENGTH,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write the observation before saving it.")},
    )
    attendee = AttendeeChoiceField(
        label=_("About a mentee (optional)"),
        queryset=Attendee.objects.none(),
        required=False,
        empty_label=_("No particular mentee"),
        widget=Select,
    )
    event = EventChoiceField(
        label=_("About an event (optional)"),
        queryset=Event.objects.none(),
        required=False,
        empty_label=_("No particular event"),
        widget=Select,
    )

    def __init__(self, *args: Any, attendees: QuerySet[Attendee], events: QuerySet[Event], **kwargs: Any):
        super().__init__(*args, **kwargs)
        model_choice_field(self, "attendee").queryset = attendees
        model_choice_field(self, "event").queryset = events
        self.fields["attendee"].error_messages["invalid_choice"] = _(
            "Choose one of this application's attendees."
        )
        self.fields["event"].error_messages["invalid_choice"] = _("Choose one of this application's events.")


def observation_form_for(
    application: Application, data: object = None, *, attendee: str = ""
) -> ObservationForm:
    """The add form for `application`, its choices limited to the application's mentees and
    events; `attendee` (from a link, e.g. an attendance alert) preselects one when it is theirs."""
    return ObservationForm(
        data,
        initial={"attendee": attendee} if attendee.isdigit() else None,
        attendees=observation_attendee_choices(application=application),
        events=observation_event_choices(application=application),
    )
