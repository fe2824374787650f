import datetime
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, Generic, TypeVar, cast

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms import BaseForm
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .exceptions import Conflict, InvalidInput
from .numbers import grouped

T = TypeVar("T")

# The largest row id the databases keep: a signed 64-bit integer (PostgreSQL's bigint). SQLite
# refuses a larger Python int with an OverflowError, so a bigger number in a URL is no id at all.
MAX_ID = 2**63 - 1
_ID = re.compile(r"[0-9]{1,19}")  # ASCII digits only: "²".isdigit() is True, int("²") fails


def parse_id(value: object) -> int | None:
    """`value` as a row id when it reads as one (ASCII digits, at most MAX_ID), else None. For
    the query parameters a view reads without a form (a hint, a preselected option)."""
    if isinstance(value, str) and _ID.fullmatch(value) and int(value) <= MAX_ID:
        return int(value)
    return None


# The dates a person may type or a URL may carry. Anything outside is a typo, and the date
# arithmetic near year 1 or 9999 overflows (a report's 30 days before 0001-01-01, a calendar
# month after 9999-12).
MIN_YEAR, MAX_YEAR = 1900, 2200
DATE_RANGE_MESSAGE = _("Enter a date between the years %(first)s and %(last)s.")


def date_in_range(day: datetime.date) -> bool:
    return MIN_YEAR <= day.year <= MAX_YEAR


def date_range_message() -> str:
    return str(DATE_RANGE_MESSAGE) % {"first": MIN_YEAR, "last": MAX_YEAR}


def validate_date_in_range(day: datetime.date) -> None:
    if not date_in_range(day):
        raise ValidationError(
            DATE_RANGE_MESSAGE, code="date_out_of_range", params={"first": MIN_YEAR, "last": MAX_YEAR}
        )


def _picker_bounds(attrs: dict[str, Any], widget: forms.Widget, first: str, last: str) -> dict[str, Any]:
    """The date picker stops at the range too."""
    if widget.attrs.get("type", getattr(widget, "input_type", "")) in ("date", "datetime-local"):
        attrs.setdefault("min", first)
        attrs.setdefault("max", last)
    return attrs


class DateField(forms.DateField):
    """A date between the years MIN_YEAR and MAX_YEAR."""

    default_validators = [validate_date_in_range]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        return _picker_bounds(super().widget_attrs(widget), widget, f"{MIN_YEAR}-01-01", f"{MAX_YEAR}-12-31")


class DateTimeField(forms.DateTimeField):
    """A date and time between the years MIN_YEAR and MAX_YEAR."""

    default_validators = [validate_date_in_range]

    def widget_attrs(self, widget: forms.Widget) -> dict[str, Any]:
        bounds = (f"{MIN_YEAR}-01-01T00:00", f"{MAX_YEAR}-12-31T23:59")
        return _picker_bounds(super().widget_attrs(widget), widget, *bounds)


class IdMultipleChoiceField(forms.ModelMultipleChoiceField):
    """A multi-select of rows: an id beyond 64 bits is an invalid choice like any unknown id,
    where Django's own field would send it to the database (which refuses it on SQLite)."""

    def _check_values(self, value: Iterable[Any]) -> Any:
        for pk in value:
            if parse_id(str(pk).strip()) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"], code="invalid_pk_value", params={"pk": pk}
                )
        return super()._check_values(value)  # type: ignore[misc]  # not in django-stubs


class FormRenderer(TemplatesSetting):
    """Every form renders with an error summary (announced, linking to each field) above its
    fields; each field reads label, control, help (under the control), a checkbox beside its
    label. Django ties each field's errors and help to its input with aria-describedby."""

    form_template_name = "_partials/form.html"
    field_template_name = "_partials/field.html"


class GroupedMaxLengthValidator(validators.MaxLengthValidator):
    message = _("Write at most %(limit_value)s characters (this has %(show_value)s).")

    def __call__(self, value: str) -> None:
        if len(value) > self.limit_value:
            raise ValidationError(
                self.message,
                code=self.code,
                params={
                    "limit_value": grouped(self.limit_value),
                    "show_value": grouped(len(value)),
                    "value": value,
                },
            )


# A search box takes a few words: a longer one is refused with a form error, before the
# database sees a LIKE pattern or an expression tree too large for it (SQLite).
SEARCH_MAX_LENGTH = 200


class SearchField(forms.CharField):
    """The search box of a list's filters: optional, at most SEARCH_MAX_LENGTH characters."""

    def __init__(self, *, label: Any, **kwargs: Any) -> None:
        kwargs.setdefault("widget", forms.TextInput(attrs={"type": "search"}))
        super().__init__(label=label, required=False, max_length=SEARCH_MAX_LENGTH, **kwargs)


class LongTextField(forms.CharField):
    """Free text with a length limit that reads with the language's thousands separator; the
    browser stops typing at the limit too."""

    def __init__(self, *, max_length: int, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length
        self.validators.append(GroupedMaxLengthValidator(max_length))
        self.widget.attrs["maxlength"] = str(max_length)


@dataclass(frozen=True)
class Attempt(Generic[T]):
    ok: bool
    result: T | None = None

    @property
    def value(self) -> T:
        """What the service returned; only an ok attempt has it."""
        if not self.ok:
            raise RuntimeError("A failed attempt has no value.")
        return self.result  # type: ignore[return-value]  # ok: the service's own return value


def form_attempt(
    form: BaseForm,
    action: Callable[[], T],
    *,
    field: str | None = None,
    let_through: tuple[type[Exception], ...] = (),
) -> Attempt[T]:
    """Run a service for a valid form. A Conflict or InvalidInput it raises goes on the form, on
    the field it names (or `field`, or the form as a whole), and the attempt is not ok: the view
    renders the form again with everything typed still in it. Anything else (NotFound,
    PermissionDenied, RateLimited) goes on to the one mapper, mentora.core.errors, and so do the
    kinds in `let_through`, which the view handles as a next step rather than an error (a
    double booking to confirm, a pending invitation to resend)."""
    try:
        return Attempt(ok=True, result=action())
    except let_through:
        raise
    except (Conflict, InvalidInput) as error:
        name = error.field or field
        form.add_error(name if name in form.fields else None, error.message)
        return Attempt(ok=False)


def choice_field(form: BaseForm, name: str) -> forms.ChoiceField:
    """The form's choice field `name`, typed as one (its choices are set per request)."""
    return cast(forms.ChoiceField, form.fields[name])


def model_choice_field(form: BaseForm, name: str) -> "forms.ModelChoiceField[Any]":
    """The form's model choice field `name`, typed as one (its queryset is set per request)."""
    return cast("forms.ModelChoiceField[Any]", form.fields[name])
