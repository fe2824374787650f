"""Form widgets that write Django's own markup without its templates.

Django renders a select through a template per option (`select_option.html`, which includes
`attrs.html` in turn): about 300 Python calls an option, so a filter of sixty applications cost
more than the rest of its page. `Select` writes the very same bytes in Python. Its options come
from Django's own `optgroups`/`create_option`, so choices, the selected value, ids and attrs
behave as before; only the three templates are replaced, and `test_widgets` holds the output
to theirs."""

from typing import Any

from django import forms
from django.forms.renderers import BaseRenderer
from django.utils.formats import localize
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData, SafeString, mark_safe

_SELECT_TEMPLATE = forms.Select.template_name
_OPTION_TEMPLATE = forms.Select.option_template_name


def _text(value: Any) -> str:
    """`{{ value }}` in a template: localized and escaped (unless already safe)."""
    return str(conditional_escape(localize(value)))


def _string(value: Any) -> str:
    """`{{ value|stringformat:'s' }}` in a template."""
    text = str(value)
    return text if isinstance(value, SafeData) else str(escape(text))


def _attrs(attrs: dict[str, Any]) -> str:
    """Django's `attrs.html`: ` name="value"`, a bare ` name` for True, nothing for False."""
    parts = []
    for name, value in attrs.items():
        if value is not False:
            parts.append(f" {_text(name)}" if value is True else f' {_text(name)}="{_string(value)}"')
    return "".join(parts)


class Select(forms.Select):
    """Django's Select, the same bytes as `select.html` (see the module's docstring)."""

    def render(
        self, name: str, value: Any, attrs: dict[str, Any] | None = None, renderer: BaseRenderer | None = None
    ) -> SafeString:
        if self.template_name != _SELECT_TEMPLATE or self.option_template_name != _OPTION_TEMPLATE:
            return super().render(name, value, attrs, renderer)  # a subclass with templates of its own
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [f'<select name="{_text(widget["name"])}"{_attrs(widget["attrs"])}>']
        for group_name, group_choices, _index in widget["optgroups"]:
            if group_name:
                parts.append(f'\n  <optgroup label="{_text(group_name)}">')
            for option in group_choices:
                parts.append(
                    f'\n  <option value="{_string(option["value"])}"{_attrs(option["attrs"])}>'
                    f"{_text(option['label'])}</option>\n"
                )
            if group_name:
                parts.append("\n  </optgroup>")
        parts.append("\n</select>")
        return mark_safe("".join(parts))  # noqa: S308 - every part escaped above
