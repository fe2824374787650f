from typing import Any

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from mentora.applications.models import ApplicationAttendee
from mentora.core.forms import DateField

from .models import CompletionStatus
from .services import MAX_COMMENT_LENGTH


class CompletionSetForm(forms.Form):
    """Set one completion status, date and comment for the learners ticked in the sheet's table
    (the checkboxes are drawn in the table; their values are the participations' ids)."""

    learners = forms.TypedMultipleChoiceField(
        label=_("Learners"),
        coerce=int,
        error_messages={
            "required": _("Tick at least one learner in the table."),
            "invalid_choice": _("The list of learners is out of date. Reload the page and try again."),
        },
    )
    # No status is preselected: a submit without a choice asks for one instead of resetting.
    status = forms.ChoiceField(
        label=_("Completion status"),
        choices=[("", _("Choose a status")), *CompletionStatus.choices],
        error_messages={"required": _("Choose the completion status to set.")},
    )
    on = DateField(
        label=_("Date"),
        required=False,
        help_text=_("Leave empty for today."),
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    comment = forms.CharField(
        label=_("Comment (optional)"),
        required=False,
        max_length=MAX_COMMENT_LENGTH,
        widget=forms.Textarea(attrs={"rows": 2}),
    )

    def __init__(self, *args: Any, participations: list[ApplicationAttendee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.participations = {p.pk: p for p in participations}
        self.fields["learners"].choices = [(p.pk, p.attendee.full_name) for p in participations]  # type: ignore[attr-defined]
        self.fields["on"].widget.attrs["max"] = timezone.localdate().isoformat()

    def selected(self) -> list[ApplicationAttendee]:
        return [self.participations[pk] for pk in self.cleaned_data["learners"]]
