from typing import Any

from django import forms
from django.core import validators
from django.core.exceptions import ValidationError
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from .numbers import grouped


class FormRenderer(TemplatesSetting):
    """Every form renders with an error summary (announced, linking to each field) above its
    fields; each field reads label, control, help (under the control), a checkbox beside its
    label. Django ties each field's errors and help to its input with aria-describedby."""

    form_template_name = "_partials/form.html"
    field_template_name = "_partials/field.html"


class GroupedMaxLengthValidator(validators.MaxLengthValidator):
    message = _("Write at most %(limit_value)s characters (this has %(show_value)s).")  # type: ignore[assignment]

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
