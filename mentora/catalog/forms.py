from typing import Any

from django import forms
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from mentora.accounts.models import User
from mentora.core.forms import DateField, SearchField, model_choice_field
from mentora.core.text import refuse_control_characters

from .models import Course, CourseInstance, Service, ServiceType

ACTIVE_CHOICES = [("", _("Active and inactive")), ("active", _("Active")), ("inactive", _("Inactive"))]


def unsaved_copy(obj: models.Model) -> models.Model:
    """A copy for a ModelForm to validate, so that the saved object (and the page heading) stay
    as they were while the form shows errors."""
    return type(obj)(**{field.attname: getattr(obj, field.attname) for field in obj._meta.concrete_fields})


class ServiceForm(forms.ModelForm):
    class Meta:
        model = Service
        fields = ["name", "type", "description", "tracks_attendance", "tracks_completion", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["name"].validators.append(refuse_control_characters)


class CourseForm(forms.ModelForm):
    class Meta:
        model = Course
        fields = ["service", "code", "title", "tracks_attendance", "is_active"]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        model_choice_field(self, "service").queryset = Service.objects.filter(
            type=ServiceType.SCHEDULED
        ).order_by("name")
        self.fields["service"].help_text = _("A course belongs to a scheduled service.")
        for name in ("code", "title"):
            self.fields[name].validators.append(refuse_control_characters)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self) -> None:
        super().__init__(format="%Y-%m-%d")


class CourseInstanceForm(forms.ModelForm):
    class Meta:
        model = CourseInstance
        fields = [
            "course",
            "code",
            "starts_on",
            "ends_on",
            "language",
            "professional",
            "capacity",
            "is_active",
        ]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}
        field_classes = {"starts_on": DateField, "ends_on": DateField}

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].validators.append(refuse_control_characters)
        model_choice_field(self, "course").queryset = Course.objects.select_related("service").order_by(
            "code"
        )
        model_choice_field(self, "professional").queryset = User.objects.filter(
            is_professional=True, is_active=True
        ).order_by("first_name", "last_name")
        model_choice_field(self, "professional").label_from_instance = lambda user: (  # type: ignore[method-assign,assignment]  # a label of its own, per form
            f"{user.get_full_name()} ({user.email})"
        )

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        starts_on, ends_on = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts_on and ends_on and ends_on < starts_on:
            self.add_error("ends_on", _("The end date cannot be before the start date."))
        return cleaned


class ServiceFilterForm(forms.Form):
    q = SearchField(label=_("Search"))
    type = forms.ChoiceField(
        label=_("Type"), required=False, choices=[("", _("All types")), *ServiceType.choices]
    )
    active = forms.ChoiceField(label=_("Active"), required=False, choices=ACTIVE_CHOICES)


class CourseFilterForm(forms.Form):
    q = SearchField(label=_("Search"))
    service = forms.ModelChoiceField(
        label=_("Service"),
        required=False,
        queryset=Service.objects.filter(type=ServiceType.SCHEDULED).order_by("name"),
        empty_label=_("All services"),
    )
    active = forms.ChoiceField(label=_("Active"), required=False, choices=ACTIVE_CHOICES)


class CourseInstanceFilterForm(forms.Form):
    q = SearchField(label=_("Search"))
    course = forms.ModelChoiceField(
        label=_("Course"),
        required=False,
        queryset=Course.objects.order_by("code"),
        empty_label=_("All courses"),
    )
    language = forms.ChoiceField(
        label=_("Language"), required=False, choices=[("", _("All languages")), *settings.LANGUAGES]
    )
    active = forms.ChoiceField(label=_("Active"), required=False, choices=ACTIVE_CHOICES)
