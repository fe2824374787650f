"""E-mail: rendered in the request (in the recipient's language), sent by the task worker after
the transaction commits. Each e-mail is a template triplet under templates/emails/:
``<name>-subject.txt``, ``<name>-body.txt`` and ``<name>-body.html``."""

from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
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


def queue_email(
    name: str,
    context: dict[str, Any],
    *,
    to: list[str],
    language: str,
    reply_to: list[str] | None = None,
) -> None:
    """Render e-mail `name` now and have the worker send it once the current transaction commits."""
    subject, text, html = render_email(name, context, language=language)
    _enqueue(subject=subject, to=to, text=text, html=html, reply_to=reply_to or [])


def queue_email_message(message: EmailMessage) -> None:
    """Queue an e-mail that a library (allauth) has already rendered."""
    html = ""
    if isinstance(message, EmailMultiAlternatives):
        html = next(
            (str(content) for content, mimetype in message.alternatives if mimetype == "text/html"), ""
        )
    _enqueue(
        subject=message.subject,
        to=list(message.to),
        text=message.body,
        html=html,
        reply_to=list(message.reply_to),
        from_email=message.from_email,
    )


def _enqueue(**message: Any) -> None:
    from .tasks import send_email

    transaction.on_commit(lambda: send_email.enqueue(**message))
