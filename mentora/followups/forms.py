from typing import Any

from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from mentora.applications.models import Application, Attendee
from mentora.core.forms import (
    IdMultipleChoiceField,
    LongTextField,
    SearchField,
    choice_field,
    model_choice_field,
)
from mentora.core.text import refuse_control_characters
from mentora.core.widgets import Select
from mentora.customers.models import Customer, Membership

from .services import MAX_COMMENT_LENGTH, MAX_TOPIC_LENGTH


class AttendeeChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Attendee) -> str:
        return obj.full_name


class MentorChoiceField(IdMultipleChoiceField):
    def label_from_instance(self, obj: Membership) -> str:
        return obj.user.get_full_name()


class FollowUpCreateForm(forms.Form):
    """Topic, linked attendees and participants of a new thread. Choices come only from the
    application: its attendees and its currently assigned mentors."""

    topic = forms.CharField(
        label=_("Topic"), max_length=MAX_TOPIC_LENGTH, validators=[refuse_control_characters]
    )
    attendees = AttendeeChoiceField(
        label=_("Linked attendees"),
        queryset=Attendee.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("The learners of this application the follow-up is about, if any."),
    )
    include_customer_admins = forms.TypedChoiceField(
        label=_("Customer admins take part"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        initial="yes",
        widget=forms.RadioSelect,
    )
    include_mentors = forms.TypedChoiceField(
        label=_("Mentors take part"),
        choices=[("yes", _("Yes")), ("no", _("No"))],
        coerce=lambda value: value == "yes",
        initial="no",
        widget=forms.RadioSelect,
    )
    mentors = MentorChoiceField(
        label=_("Which mentors"),
        queryset=Membership.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Only the selected mentors see the follow-up."),
    )

    def __init__(
        self,
        *args: Any,
        attendees: QuerySet[Attendee],
        mentors: QuerySet[Membership],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "attendees").queryset = attendees
        model_choice_field(self, "mentors").queryset = mentors

    def clean(self) -> dict[str, object]:
        cleaned = super().clean() or {}
        if cleaned.get("include_mentors") is True and not cleaned.get("mentors"):
            self.add_error("mentors", _("Choose at least one mentor, or answer No to “Mentors take part”."))
        if cleaned.get("include_mentors") is False and cleaned.get("mentors"):
            self.add_error(
                "mentors",
                _("You chose mentors but answered No to “Mentors take part”. Answer Yes, or untick them."),
            )
        return cleaned


class CommentForm(forms.Form):
    body = LongTextField(
        label=_("Comment"),
        max_length=MAX_COMMENT_LENGTH,
        strip=True,
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Write a comment before sending it.")},
    )


class FollowUpFilterForm(forms.Form):
    """The list's GET form: search, customer, application, unread only. The choices are the
    customers and applications that have threads the actor may read, loaded once by the view."""

    q = SearchField(label=_("Search follow-ups"))
    customer = forms.TypedChoiceField(
        label=_("Customer"), coerce=int, required=False, empty_value=None, widget=Select
    )
    application = forms.TypedChoiceField(
        label=_("Application"), coerce=int, required=False, empty_value=None, widget=Select
    )
    unread = forms.BooleanField(label=_("Unread only"), required=False)

    def __init__(
        self, *args: Any, customers: list[Customer], applications: list[Application], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["q"].widget = forms.TextInput(attrs={"type": "search", "autocomplete": "off"})
        self.fields["q"].help_text = _(
            "At least two characters: topic, application ID, participant, attendee or comment text."
        )
        choice_field(self, "customer").choices = [("", _("All customers"))] + [
            (c.pk, c.name) for c in customers
        ]
        choice_field(self, "application").choices = [("", _("All applications"))] + [
            (a.pk, f"{a.number} {a.display_title}".strip()) for a in applications
        ]
