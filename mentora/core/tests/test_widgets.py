"""The Python-written select is byte for byte what Django's select templates write."""

from typing import Any

import pytest
from django import forms
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy

from mentora.core.widgets import Select

CHOICES: list[Any] = [
    ("", gettext_lazy("All customers")),
    (1, "Plain"),
    (2, 'Quotes " and <tags> & ampersands'),
    ("x&y", mark_safe("<b>safe</b>")),
    ("Group <one>", [(3, "In a group"), (4, "Also in it")]),
    (5, "After the group"),
]


class Both(forms.Form):
    django = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False)
    ours = forms.TypedChoiceField(choices=CHOICES, coerce=int, required=False, widget=Select)


@pytest.mark.parametrize("value", [None, "", "2", "x&y", "4", "99"])
@pytest.mark.parametrize(
    "attrs",
    [{}, {"class": 'a"b', "required": True, "disabled": False, "data-n": 3, "aria-x": mark_safe("&")}],
)
def test_the_select_writes_what_django_s_templates_write(value: str | None, attrs: dict[str, Any]) -> None:
    form = Both({"django": value, "ours": value} if value is not None else None)
    for name in ("django", "ours"):
        form.fields[name].widget.attrs.update(attrs)
    ours = str(form["ours"]).replace("id_ours", "id_django").replace('name="ours"', 'name="django"')
    assert ours == str(form["django"])
    assert ours.count("<option") == 7
    assert (" selected>" in ours) == (value in ("", "2", "x&y", "4") or value is None)


def test_a_select_with_a_template_of_its_own_renders_it() -> None:
    class Custom(Select):
        template_name = "django/forms/widgets/input.html"

    html = Custom().render("n", "v", {"type": "text"})
    assert html.startswith("<input") and "<option" not in html
