"""The calendar's filter form (GET). Its choices come only from events the actor can see."""

from typing import Any

from django import forms
from django.conf import settings
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from mentora.core.forms import choice_field, parse_id
from mentora.core.widgets import Select

from .selectors import CalendarFilter, CalendarFilterOptions, EventKind

ANY = [("", _("Any"))]


class CalendarFilterForm(forms.Form):
    customer = forms.TypedChoiceField(
        label=_("Customer"), required=False, coerce=int, empty_value=None, widget=Select
    )
    kind = forms.ChoiceField(label=_("Kind"), required=False, widget=Select)
    offering = forms.ChoiceField(label=_("Service or course"), required=False, widget=Select)
    professional = forms.TypedChoiceField(
        label=_("Professional"), required=False, coerce=int, empty_value=None, widget=Select
    )
    language = forms.ChoiceField(label=_("Language"), required=False, widget=Select)

    def __init__(self, *args: Any, options: CalendarFilterOptions, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choice_field(self, "customer").choices = [*ANY, *[(c.pk, c.name) for c in options.customers]]
        if not options.several_customers:
            del self.fields["customer"]
        choice_field(self, "kind").choices = [*ANY, *EventKind.CHOICES]
        choice_field(self, "offering").choices = [*ANY, *options.offerings]
        choice_field(self, "professional").choices = [
            *ANY,
            *[(u.pk, u.get_full_name()) for u in options.professionals],
        ]
        choice_field(self, "language").choices = [*ANY, *options.languages]

    @staticmethod
    def requested(data: QueryDict) -> CalendarFilter:
        """The filters as asked in the URL, unchecked: only a hint for which values to offer."""

        return CalendarFilter(
            customer_id=parse_id(data.get("customer")),
            offering=data.get("offering", "")[:32],
            professional_id=parse_id(data.get("professional")),
            language=data.get("language", "")[:8] if data.get("language") in dict(settings.LANGUAGES) else "",
        )

    def filters(self) -> CalendarFilter:
        if not self.is_bound:
            return CalendarFilter()
        # Each valid field counts on its own: one stale value (say, a professional no longer on
        # any visible event) must not drop the others.
        self.is_valid()
        data = self.cleaned_data
        return CalendarFilter(
            customer_id=data.get("customer"),
            kind=data.get("kind") or "",
            offering=data.get("offering") or "",
            professional_id=data.get("professional"),
            language=data.get("language") or "",
        )
