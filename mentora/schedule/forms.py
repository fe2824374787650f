"""Forms of the schedule pages. Date and time inputs are read in the active time zone (the
user's), which Django's DateTimeField does for us; the services store UTC."""

import datetime
from typing import Any

from django import forms
from django.core.validators import URLValidator
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import User
from mentora.applications.models import Application
from mentora.catalog.models import CourseInstance
from mentora.core.forms import DateField, DateTimeField, choice_field, model_choice_field
from mentora.core.text import refuse_control_characters
from mentora.customers.access import Actor
from mentora.customers.models import Customer

from .models import EventStatus
from .selectors import (
    customer_choices,
    professional_list,
    schedulable_application_list,
    schedulable_course_instance_list,
)
from .services import EventDetails, Scope

DATETIME_FORMAT = "%Y-%m-%dT%H:%M"


class PersonChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return obj.get_full_name() or obj.email


class ApplicationChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Application) -> str:
        return f"{obj.number} · {obj.display_title} · {obj.customer}"


class LocalDateTimeField(DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=DATETIME_FORMAT)


class EventForm(forms.Form):
    """Create or edit an event. With `creating`, the activity and the weekly repeat are asked
    too; with `series`, the edit asks whether to change the rest of the series."""

    application = ApplicationChoiceField(
        label=_("On-request application"), queryset=Application.objects.none(), required=False
    )
    course_instance = forms.ModelChoiceField(
        label=_("Course instance"), queryset=CourseInstance.objects.none(), required=False
    )
    title = forms.CharField(label=_("Title"), max_length=200, validators=[refuse_control_characters])
    starts_at = LocalDateTimeField(label=_("Start"))
    ends_at = LocalDateTimeField(label=_("End"))
    repeat_until = DateField(
        label=_("Repeat weekly until"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("Leave empty for a single event. The event repeats at the same local time every week."),
    )
    language = forms.ChoiceField(label=_("Language"))
    professional = PersonChoiceField(label=_("Professional"), queryset=User.objects.none())
    substitute = PersonChoiceField(
        label=_("Substitute professional"), queryset=User.objects.none(), required=False
    )
    location = forms.CharField(label=_("Location"), max_length=200, required=False)
    online_url = forms.CharField(
        label=_("Online classroom link"),
        max_length=500,
        required=False,
        validators=[URLValidator(schemes=["https"], message=_("Enter a link that starts with https://."))],
        widget=forms.URLInput(attrs={"placeholder": "https://"}),
    )
    scope = forms.ChoiceField(
        label=_("Apply the changes to"),
        choices=[
            (Scope.ONE, _("This event only")),
            (Scope.REST, _("This and the later events of the series")),
        ],
        initial=Scope.ONE,
        widget=forms.RadioSelect,
    )
    confirm_double_booking = forms.BooleanField(
        label=_("Save anyway, even though the professional is already booked at this time"), required=False
    )

    def __init__(
        self,
        *args: Any,
        actor: Actor,
        creating: bool,
        series: bool = False,
        offer_double_booking: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        from django.conf import settings

        self.creating = creating
        choice_field(self, "language").choices = settings.LANGUAGES
        model_choice_field(self, "professional").queryset = professional_list()
        model_choice_field(self, "substitute").queryset = professional_list()
        if creating:
            model_choice_field(self, "application").queryset = schedulable_application_list(actor=actor)
            model_choice_field(self, "course_instance").queryset = schedulable_course_instance_list(
                actor=actor
            )
            del self.fields["scope"]
        else:
            for name in ("application", "course_instance", "repeat_until"):
                del self.fields[name]
            if not series:
                del self.fields["scope"]
        if not offer_double_booking:
            del self.fields["confirm_double_booking"]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        activity_errors = self.errors.get("application") or self.errors.get("course_instance")
        if (
            self.creating
            and not activity_errors
            and bool(data.get("application")) == bool(data.get("course_instance"))
        ):
            self.add_error(None, _("Choose either an on-request application or a course instance."))
        starts_at, ends_at = data.get("starts_at"), data.get("ends_at")
        if starts_at and ends_at and ends_at <= starts_at:
            self.add_error("ends_at", _("The end must be after the start."))
        repeat_until = data.get("repeat_until")
        if repeat_until and starts_at and repeat_until < _local_date(starts_at):
            self.add_error("repeat_until", _("The series must end on or after the first event's date."))
        substitute = data.get("substitute")
        if substitute and substitute == data.get("professional"):
            self.add_error("substitute", _("The substitute cannot be the professional of the event."))
        return data

    def details(self) -> EventDetails:
        data = self.cleaned_data
        return EventDetails(
            title=data["title"],
            starts_at=data["starts_at"],
            ends_at=data["ends_at"],
            language=data["language"],
            professional=data["professional"],
            substitute=data.get("substitute"),
            location=data.get("location", ""),
            online_url=data.get("online_url", ""),
        )


def _local_date(moment: datetime.datetime) -> datetime.date:
    from django.utils import timezone

    return timezone.localtime(moment).date()


class CancelForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason for canceling"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Shown to everyone who sees the event."),
    )
    scope = forms.ChoiceField(
        label=_("Cancel"),
        choices=[
            (Scope.ONE, _("This event only")),
            (Scope.REST, _("This and the later events of the series")),
        ],
        initial=Scope.ONE,
        widget=forms.RadioSelect,
    )

    def __init__(self, *args: Any, series: bool, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not series:
            del self.fields["scope"]


class EventFilterForm(forms.Form):
    date_from = DateField(
        label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    date_to = DateField(
        label=_("To"), required=False, widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")
    )
    professional = PersonChoiceField(
        label=_("Professional"), queryset=User.objects.none(), required=False, empty_label=_("Any")
    )
    customer = forms.ModelChoiceField(
        label=_("Customer"), queryset=Customer.objects.none(), required=False, empty_label=_("Any")
    )
    activity = forms.CharField(label=_("Application ID or instance code"), max_length=40, required=False)
    status = forms.ChoiceField(
        label=_("Status"), required=False, choices=[("", _("Any")), *EventStatus.choices]
    )

    def __init__(self, *args: Any, actor: Actor, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "professional").queryset = professional_list()
        model_choice_field(self, "customer").queryset = customer_choices(actor=actor)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        date_from, date_to = data.get("date_from"), data.get("date_to")
        if date_from and date_to and date_to < date_from:
            self.add_error("date_to", _("The end date must be on or after the start date."))
        return data
