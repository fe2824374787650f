"""Queueing e-mail. Every e-mail is a durable `Message` row created in the caller's transaction
and delivered after commit by a task that receives only the row's id (see delivery.py)."""

import json
import logging
from collections.abc import Sequence
from email.utils import make_msgid
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.auth.base_user import AbstractBaseUser
from django.core.mail import EmailMessage, EmailMultiAlternatives
from django.db import transaction
from django.utils import timezone

from mentora.core.crypto import encrypt

from .models import BODY_PURPOSE, Message, State
from .rendering import render_email
from .tasks import enqueue_delivery

logger = logging.getLogger(__name__)


def email_queue(
    name: str,
    context: dict[str, Any],
    *,
    to: str,
    language: str,
    kind: str,
    user: AbstractBaseUser | None = None,
    carries_secret: bool = False,
    unsubscribe_url: str | None = None,
    reply_to: str | None = None,
) -> Message:
    """Render e-mail `name` now, in `language`, and queue it to `to`: sent once the current
    transaction commits. `carries_secret` (a sign-in, invitation or reset link) encrypts the
    body at rest. `unsubscribe_url` (non-security mail only) adds the RFC 8058 one-click
    unsubscribe headers; security messages pass none. Any caller; no permission of its own."""
    subject, text, html = render_email(name, context, language=language)
    return message_create(
        kind=kind,
        to=to,
        language=language,
        subject=subject,
        text=text,
        html=html,
        user=user,
        carries_secret=carries_secret,
        unsubscribe_url=unsubscribe_url,
        reply_to=reply_to,
    )


def email_queue_rendered(
    email: EmailMessage, *, kind: str, language: str, user: AbstractBaseUser | None = None
) -> list[Message]:
    """Queue an e-mail a library (allauth) has already rendered, one message per recipient.
    Such e-mails are about the account (password reset and the like): treated as security
    messages carrying a secret."""
    html = ""
    if isinstance(email, EmailMultiAlternatives):
        html = next((str(content) for content, mimetype in email.alternatives if mimetype == "text/html"), "")
    return [
        message_create(
            kind=kind,
            to=recipient,
            language=language,
            subject=str(email.subject),
            text=str(email.body),
            html=html,
            user=user,
            carries_secret=True,
            reply_to=next(iter(email.reply_to), None),
            from_email=email.from_email,
        )
        for recipient in email.to
    ]


def message_create(
    *,
    kind: str,
    to: str,
    language: str,
    subject: str,
    text: str,
    html: str,
    user: AbstractBaseUser | None = None,
    carries_secret: bool = False,
    unsubscribe_url: str | None = None,
    reply_to: str | None = None,
    from_email: str | None = None,
) -> Message:
    """Store one message and have it delivered after commit."""
    payload = json.dumps({"text": text, "html": html, "unsubscribe_url": unsubscribe_url or ""}).encode()
    message = Message.objects.create(
        kind=kind,
        recipient=to,
        # Below accounts, this app knows the user only as AUTH_USER_MODEL's base class.
        user_id=user.pk if user is not None else None,
        language=language,
        from_email=from_email or settings.DEFAULT_FROM_EMAIL,
        reply_to=reply_to or "",
        subject=" ".join(subject.split())[:998],
        body=encrypt(payload, purpose=BODY_PURPOSE) if carries_secret else payload,
        body_encrypted=carries_secret,
        carries_secret=carries_secret,
        message_id=make_msgid(domain=site_domain()),
        next_attempt_at=timezone.now(),
        enqueued_at=timezone.now(),
    )
    transaction.on_commit(lambda: enqueue_delivery(message.pk))
    return message


def site_domain() -> str:
    """The host name of SITE_URL: Message-IDs are on the site's own domain."""
    return urlsplit(settings.SITE_URL).hostname or "localhost"


def message_retry(*, message: Message) -> Message:
    """Send a FAILED message again, now, with a fresh 24-hour retry window. System administrators
    only (the view checks); an INTERRUPTED one may then arrive twice, which the staff page says.
    Locks the row; raises nothing: a message that is not failed, or has no body, is left alone."""
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if not locked.can_retry:
            return locked
        now = timezone.now()
        locked.state = State.PENDING
        locked.failure = ""
        locked.next_attempt_at = now
        locked.enqueued_at = now
        locked.first_attempt_at = None
        locked.save(
            update_fields=[
                "state",
                "failure",
                "next_attempt_at",
                "enqueued_at",
                "first_attempt_at",
                "updated_at",
            ]
        )
        transaction.on_commit(lambda: enqueue_delivery(locked.pk))
    logger.info("Message %s queued again by hand", locked.pk)
    return locked


def message_cancel(*, message: Message) -> Message:
    """Never send a PENDING or FAILED message; its body is dropped. System administrators only
    (the view checks). Locks the row; a message being sent or already sent is left alone."""
    with transaction.atomic():
        locked = Message.objects.select_for_update().get(pk=message.pk)
        if not locked.can_cancel:
            return locked
        locked.state = State.CANCELED
        locked.body = None
        locked.next_attempt_at = None
        locked.save(update_fields=["state", "body", "next_attempt_at", "updated_at"])
    logger.info("Message %s canceled by hand", locked.pk)
    return locked


def messages_for(*, ids: Sequence[int]) -> dict[int, Message]:
    """Messages by id, for pages that show what became of an e-mail (invitations)."""
    return {message.pk: message for message in Message.objects.filter(pk__in=ids)}
