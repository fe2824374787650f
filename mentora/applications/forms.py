from typing import Any

from django import forms
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import User
from mentora.catalog.access import course_instances_open_for_applications, services_open_for_applications
from mentora.catalog.models import Course
from mentora.core.forms import SearchField, model_choice_field
from mentora.core.text import refuse_control_characters
from mentora.core.widgets import Select
from mentora.customers.models import Customer, Membership

from .models import ApplicationStatus, Attendee, Kind


class ApplicationForm(forms.Form):
    service = forms.ModelChoiceField(label=_("Service"), queryset=services_open_for_applications())
    title = forms.CharField(
        label=_("Title"),
        max_length=200,
        validators=[refuse_control_characters],
        help_text=_("A short name the organization recognizes."),
    )
    description = forms.CharField(
        label=_("Description"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
        help_text=_("What is needed, for whom, and when."),
    )
    language = forms.ChoiceField(label=_("Language"), choices=settings.LANGUAGES)


class CourseApplicationForm(forms.Form):
    course_instance = forms.ModelChoiceField(
        label=_("Course instance"), queryset=course_instances_open_for_applications()
    )
    description = forms.CharField(
        label=_("Message to the provider"), required=False, widget=forms.Textarea(attrs={"rows": 6})
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "course_instance").label_from_instance = lambda instance: (  # type: ignore[method-assign,assignment]  # a label of its own, per form
            f"{instance.code} · {instance.course.title} · {instance.starts_on:%Y-%m-%d}–{instance.ends_on:%Y-%m-%d}"
            f" · {instance.get_language_display()}"
        )


class AttendeeForm(forms.Form):
    existing = forms.ModelChoiceField(
        label=_("An attendee of the organization"),
        required=False,
        queryset=Attendee.objects.none(),
        empty_label=_("Someone new (enter the name below)"),
    )
    first_name = forms.CharField(
        label=_("First name"), max_length=70, required=False, validators=[refuse_control_characters]
    )
    last_name = forms.CharField(
        label=_("Last name"), max_length=70, required=False, validators=[refuse_control_characters]
    )
    email = forms.EmailField(
        label=_("E-mail address (optional)"),
        required=False,
        help_text=_("An attendee of the organization with the same e-mail address is reused."),
    )
    participating = forms.BooleanField(label=_("Takes part"), required=False, initial=True)

    def __init__(self, *args: Any, reusable: list[Attendee], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not reusable:
            del self.fields["existing"]
            return
        field = model_choice_field(self, "existing")
        field.queryset = Attendee.objects.filter(pk__in=[a.pk for a in reusable])
        # Labels from the list already loaded, so that rendering costs no further query.
        field.choices = [("", field.empty_label)] + [
            (a.pk, f"{a.full_name} ({a.email})" if a.email else a.full_name) for a in reusable
        ]

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if not cleaned.get("existing"):
            if not cleaned.get("first_name", "").strip():
                self.add_error(
                    "first_name", _("Enter the first name, or choose an attendee of the organization.")
                )
            if not cleaned.get("last_name", "").strip():
                self.add_error(
                    "last_name", _("Enter the last name, or choose an attendee of the organization.")
                )
        return cleaned


class MentorAssignForm(forms.Form):
    membership = forms.ModelChoiceField(label=_("Mentor"), queryset=Membership.objects.none(), widget=Select)

    def __init__(self, *args: Any, memberships: list[Membership], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = model_choice_field(self, "membership")
        field.queryset = Membership.objects.filter(pk__in=[m.pk for m in memberships])
        field.choices = [("", "---------")] + [
            (m.pk, f"{m.user.get_full_name()} ({m.user.email})") for m in memberships
        ]


class ProfessionalForm(forms.Form):
    professional = forms.ModelChoiceField(
        label=_("Professional"),
        required=False,
        queryset=User.objects.filter(is_professional=True, is_active=True).order_by(
            "first_name", "last_name"
        ),
        empty_label=_("Nobody yet"),
        widget=Select,
    )

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "professional").label_from_instance = lambda user: (  # type: ignore[method-assign,assignment]  # a label of its own, per form
            user.get_full_name() or user.email
        )


class ApplicationFilterForm(forms.Form):
    q = SearchField(label=_("Search"))
    status = forms.ChoiceField(
        label=_("Status"),
        required=False,
        choices=[("", _("All statuses")), *ApplicationStatus.choices],
        widget=Select,
    )
    kind = forms.ChoiceField(
        label=_("Kind"), required=False, choices=[("", _("Both kinds")), *Kind.choices], widget=Select
    )
    course = forms.ModelChoiceField(
        label=_("Course"),
        required=False,
        queryset=Course.objects.order_by("code"),
        empty_label=_("All courses"),
        widget=Select,
    )


class AllApplicationsFilterForm(ApplicationFilterForm):
    customer_filter = forms.ModelChoiceField(
        label=_("Customer"),
        required=False,
        queryset=Customer.objects.order_by("name"),
        empty_label=_("All customers"),
        widget=Select,
    )


class MentorAssignmentFilterForm(forms.Form):
    q = SearchField(label=_("Search"))
    assigned = forms.ChoiceField(
        label=_("Assigned"),
        required=False,
        choices=[("", _("Assigned or not")), ("yes", _("Assigned")), ("no", _("Not assigned"))],
        widget=Select,
    )
