"""Posting the back office's forms in tests: what the page would send, changed as the test says."""

from typing import Any

from django.test import Client


def admin_form_data(client: Client, url: str, **changes: Any) -> dict[str, Any]:
    """The fields of the admin form at `url` as the browser would post them (its editable fields'
    current values and the inlines' management forms), with `changes` applied. A checkbox given
    False is left out, as a browser leaves it out."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    data: dict[str, Any] = {}
    form = response.context["adminform"].form
    for name in form.fields:
        value = form[name].value()
        if value is not None and value is not False:
            data[name] = value
    for inline in response.context["inline_admin_formsets"]:
        management = inline.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for subform in inline.formset.forms:
            for name in subform.fields:
                value = subform[name].value()
                if value is not None and value is not False:
                    data[f"{subform.prefix}-{name}"] = value
    for name, value in changes.items():
        if value is False:
            data.pop(name, None)
        else:
            data[name] = value
    return data
