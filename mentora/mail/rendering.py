"""E-mail templates: each e-mail is a triplet under templates/emails/:
``<name>-subject.txt``, ``<name>-body.txt`` and ``<name>-body.html``."""

from typing import Any

from django.conf import settings
from django.template import Context
from django.template.loader import get_template, render_to_string
from django.utils import translation


def render_email(name: str, context: dict[str, Any], *, language: str) -> tuple[str, str, str]:
    """Subject, text body and HTML body of e-mail `name`, rendered in `language`. The subject and
    the text body are plain text, so they are rendered without HTML escaping ("Berg & Söner"
    stays as written); the HTML body is escaped as usual."""
    context = {"site_url": settings.SITE_URL, **context}
    with translation.override(language):
        subject = _render_plain_text(f"emails/{name}-subject.txt", context)
        text = _render_plain_text(f"emails/{name}-body.txt", context)
        html = render_to_string(f"emails/{name}-body.html", context)
    # A subject is one line, whatever the template's whitespace.
    return " ".join(subject.split()), text, html


def _render_plain_text(template_name: str, context: dict[str, Any]) -> str:
    # The engine's Template, which takes a Context (the backend's wrapper takes a dict).
    template = get_template(template_name).template  # type: ignore[attr-defined]  # Django templates only
    return template.render(Context(context, autoescape=False))
