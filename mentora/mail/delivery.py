"""Sending one message: claim it under a row lock, talk to the mail server outside any
transaction, record the outcome.

At most once. A worker claims a PENDING, due message inside a transaction holding the row lock
(SELECT … FOR UPDATE on PostgreSQL; SQLite's write lock serialises the same transaction) and
moves it to SENDING before it opens the SMTP connection. A second worker that picks up the same
message (the sweep and the first task can both queue it) finds it SENDING and does nothing.

The window. If a worker dies after the mail server accepted the message but before the outcome
is recorded, the row stays SENDING. Nothing can tell whether the server got it, so it is never
sent again on its own: after MAIL_SENDING_TIMEOUT_SECONDS the sweep marks it FAILED
(INTERRUPTED, "may not have arrived") and a system administrator decides on the staff page
whether to retry it. A retry sends the same Message-ID, so a receiving system that keeps it can
recognise a duplicate. The same holds for a worker that died before sending: the message waits
for a person rather than risking a second copy.

Temporary failures (connection refused or dropped, timeouts, 4xx replies, the server refusing
our credentials) are retried with exponential backoff and jitter until MAIL_RETRY_HOURS after
the first attempt, with a last attempt at that deadline. Permanent failures (5xx replies: an
unknown mailbox, a refused message) stop at once.
"""

import datetime
import json
import logging
import random
import smtplib
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from mentora.core.crypto import InvalidToken, decrypt

from .models import BODY_PURPOSE, Failure, Message, State

logger = logging.getLogger(__name__)

# Jitter only spreads retries out; nothing depends on it being unpredictable.
_jitter = random.Random()  # noqa: S311


@dataclass(frozen=True)
class Outcome:
    temporary: bool
    failure: str  # a Failure value when permanent
    error: str  # what the server or the library said, for staff


def retry_delay(attempt: int, *, rng: random.Random | None = None) -> datetime.timedelta:
    """How long to wait after the `attempt`-th attempt failed temporarily: base · 2^(attempt−1),
    capped, then "equal jitter" (between half and all of it), so many messages failing together
    do not come back together."""
    ceiling = min(
        settings.MAIL_RETRY_MAX_DELAY_SECONDS, settings.MAIL_RETRY_BASE_SECONDS * 2 ** min(attempt - 1, 30)
    )
    seconds = ceiling / 2 + (rng or _jitter).uniform(0, ceiling / 2)
    return datetime.timedelta(seconds=seconds)


def classify(error: BaseException) -> Outcome:
    """Temporary or permanent, and why."""
    if isinstance(error, InvalidToken):
        return Outcome(
            False, Failure.UNREADABLE, "The body was encrypted with a key that is no longer configured."
        )
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        code, reply = next(iter(error.recipients.values()), (0, b""))
        text = f"{code} {_decode(reply)}"
        if 400 <= code < 500:
            return Outcome(True, "", text)
        return Outcome(False, Failure.MAILBOX_UNKNOWN if code in (550, 551, 553) else Failure.REJECTED, text)
    if isinstance(error, smtplib.SMTPAuthenticationError):
        # Our own credentials: fixed by an operator, not by the recipient. Keep trying.
        return Outcome(True, "", f"{error.smtp_code} {_decode(error.smtp_error)}")
    if isinstance(error, smtplib.SMTPResponseException):
        text = f"{error.smtp_code} {_decode(error.smtp_error)}"
        if 500 <= error.smtp_code < 600:
            return Outcome(False, Failure.REJECTED, text)
        return Outcome(True, "", text)
    if isinstance(error, smtplib.SMTPException | OSError):
        # Refused, reset or dropped connections, timeouts, TLS trouble.
        return Outcome(True, "", f"{type(error).__name__}: {error}"[:1000])
    return Outcome(False, Failure.ERROR, type(error).__name__)


def _decode(reply: bytes | str) -> str:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else str(reply)
    return text[:1000]


def body_of(message: Message) -> dict[str, Any]:
    """The stored body (text, html, unsubscribe_url), decrypted when needed."""
    raw = bytes(message.body or b"")
    if message.body_encrypted:
        raw = decrypt(raw, purpose=BODY_PURPOSE)
    return json.loads(raw.decode()) if raw else {}


def build_email(message: Message) -> EmailMultiAlternatives:
    body = body_of(message)
    headers = {
        "Message-ID": message.message_id,
        "Auto-Submitted": "auto-generated",  # RFC 3834: no vacation replies to this
        "X-Auto-Response-Suppress": "All",
    }
    if body.get("unsubscribe_url"):
        # RFC 8058 one-click: the mail client POSTs List-Unsubscribe=One-Click to this address.
        headers["List-Unsubscribe"] = f"<{body['unsubscribe_url']}>"
        headers["List-Unsubscribe-Post"] = "List-Unsubscribe=One-Click"
    email = EmailMultiAlternatives(
        subject=message.subject,
        body=body.get("text", ""),
        from_email=message.from_email,
        to=[message.recipient],
        reply_to=[message.reply_to] if message.reply_to else [],
        headers=headers,
    )
    if body.get("html"):
        email.attach_alternative(body["html"], "text/html")
    return email


def message_deliver(*, message_id: int) -> str:
    """Try to send message `message_id` once, if it is PENDING and due. Called by the delivery
    task (a worker); locks the row only while claiming and while recording. Returns the state
    the message is left in, or "" when there was nothing to do."""
    now = timezone.now()
    with transaction.atomic():
        message = Message.objects.select_for_update().filter(pk=message_id).first()
        if message is None or message.state != State.PENDING:
            return ""
        if message.next_attempt_at is not None and message.next_attempt_at > now:
            return ""
        message.state = State.SENDING
        message.attempts += 1
        message.claimed_at = now
        message.first_attempt_at = message.first_attempt_at or now
        message.save(update_fields=["state", "attempts", "claimed_at", "first_attempt_at", "updated_at"])

    try:
        email = build_email(message)
        with get_connection(fail_silently=False) as connection:
            connection.send_messages([email])
    except Exception as error:
        outcome = classify(error)
        if outcome.failure == Failure.ERROR:
            logger.exception("Message %s could not be built or sent", message.pk)
        return _record_failure(message, outcome)
    return _record_sent(message)


def _record_sent(message: Message) -> str:
    now = timezone.now()
    Message.objects.filter(pk=message.pk, state=State.SENDING).update(
        state=State.SENT,
        sent_at=now,
        body=None,  # nothing to keep once delivered, least of all a secret
        last_error="",
        failure="",
        next_attempt_at=None,
        updated_at=now,
    )
    logger.info("Message %s (%s) sent after %s attempt(s)", message.pk, message.kind, message.attempts)
    return State.SENT


def _record_failure(message: Message, outcome: Outcome) -> str:
    now = timezone.now()
    deadline = (message.first_attempt_at or now) + datetime.timedelta(hours=settings.MAIL_RETRY_HOURS)
    if outcome.temporary and now < deadline:
        next_attempt = min(now + retry_delay(message.attempts), deadline)
        Message.objects.filter(pk=message.pk, state=State.SENDING).update(
            state=State.PENDING,
            last_error=outcome.error,
            next_attempt_at=next_attempt,
            enqueued_at=None,
            updated_at=now,
        )
        logger.warning(
            "Message %s (%s) attempt %s failed, retry at %s: %s",
            message.pk,
            message.kind,
            message.attempts,
            next_attempt.isoformat(),
            outcome.error,
        )
        return State.PENDING
    failure = outcome.failure or Failure.UNREACHABLE
    Message.objects.filter(pk=message.pk, state=State.SENDING).update(
        state=State.FAILED, last_error=outcome.error, failure=failure, next_attempt_at=None, updated_at=now
    )
    logger.error(
        "Message %s (%s) failed after %s attempt(s): %s",
        message.pk,
        message.kind,
        message.attempts,
        outcome.error,
    )
    return State.FAILED


def messages_claim_due(*, limit: int = 500) -> list[int]:
    """The ids of due PENDING messages with no delivery task on the queue (or one long overdue:
    a lost enqueue, a queue flushed by accident), marked as enqueued now. The caller enqueues them."""
    now = timezone.now()
    overdue = now - datetime.timedelta(seconds=settings.MAIL_SENDING_TIMEOUT_SECONDS)
    with transaction.atomic():
        ids = list(
            Message.objects.due(now=now)
            .filter(Q(enqueued_at__isnull=True) | Q(enqueued_at__lt=overdue))
            .order_by("next_attempt_at")
            .values_list("pk", flat=True)[:limit]
        )
        Message.objects.filter(pk__in=ids).update(enqueued_at=now)
    return ids


def messages_fail_interrupted() -> int:
    """Mark FAILED (INTERRUPTED) every message left SENDING longer than MAIL_SENDING_TIMEOUT_SECONDS:
    its worker died mid-attempt. Never resent automatically (see the module's docstring)."""
    now = timezone.now()
    stale = now - datetime.timedelta(seconds=settings.MAIL_SENDING_TIMEOUT_SECONDS)
    count = Message.objects.filter(state=State.SENDING, claimed_at__lt=stale).update(
        state=State.FAILED,
        failure=Failure.INTERRUPTED,
        last_error="The worker stopped during the attempt; the server may or may not have received it.",
        updated_at=now,
    )
    if count:
        logger.error("%s message(s) interrupted mid-delivery marked failed", count)
    return count


def messages_prune(*, now: datetime.datetime | None = None) -> int:
    """Delete finished messages (sent, failed, canceled) older than MAIL_RETENTION_DAYS."""
    now = now or timezone.now()
    cutoff = now - datetime.timedelta(days=settings.MAIL_RETENTION_DAYS)
    deleted, _ = Message.objects.filter(
        state__in=[State.SENT, State.FAILED, State.CANCELED], created_at__lt=cutoff
    ).delete()
    return deleted
