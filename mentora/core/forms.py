from collections.abc import Callable
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
