"""The development outbox: with DEBUG on and no EMAIL_URL, every e-mail is kept here, in clear,
links and codes included, so that a developer can follow an invitation or a password reset from
the Outbox page. It is the one documented exception to "no clear token at rest" (README,
Security): it never exists in production, which refuses to start without EMAIL_URL, and its page
answers only with DEBUG on (`outbox_enabled`)."""

from collections.abc import Sequence
from typing import Protocol

from django.conf import settings
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import QuerySet

from .exceptions import NotFound
from .models import OutboxMessage

OUTBOX_BACKEND = "mentora.core.outbox.OutboxEmailBackend"


class Viewer(Protocol):
    """What core needs to know of whoever is looking (`request.actor`, which the customers app
    builds, is one)."""

    @property
    def is_authenticated(self) -> bool: ...

    @property
    def is_system_admin(self) -> bool: ...


def can_read_outbox(viewer: Viewer) -> bool:
    """The development outbox holds every e-mail, links included: system administrators only."""
    return viewer.is_authenticated and viewer.is_system_admin


def outbox_enabled() -> bool:
    """The outbox page exists only in development, when e-mail goes to the outbox."""
    return settings.DEBUG and settings.EMAIL_BACKEND == OUTBOX_BACKEND


class OutboxEmailBackend(BaseEmailBackend):
    """Keeps every e-mail in the database, where the web process shows it, whichever process
    (web or task worker) sent it."""

    def send_messages(self, email_messages: Sequence[EmailMessage]) -> int:
        for message in email_messages:
            html = ""
            if isinstance(message, EmailMultiAlternatives):
                for content, mimetype in message.alternatives:
                    if mimetype == "text/html":
                        html = str(content)
            OutboxMessage.objects.create(
                subject=str(message.subject),
                from_email=message.from_email or settings.DEFAULT_FROM_EMAIL,
                to=list(message.to),
                cc=list(message.cc),
                bcc=list(message.bcc),
                reply_to=list(message.reply_to),
                text_body=str(message.body),
                html_body=html,
            )
        return len(email_messages)


def outbox_message_list() -> QuerySet[OutboxMessage]:
    """Every kept e-mail, newest first. Callers check `can_read_outbox` first."""
    return OutboxMessage.objects.all()


def outbox_message_get(*, message_id: int) -> OutboxMessage:
    try:
        return OutboxMessage.objects.get(pk=message_id)
    except OutboxMessage.DoesNotExist:
        raise NotFound() from None
