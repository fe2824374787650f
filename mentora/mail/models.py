import datetime

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

# The encryption purpose (mentora.core.crypto) of message bodies that carry a secret.
BODY_PURPOSE = "mail-body"


class State(models.TextChoices):
    PENDING = "PENDING", _("Pending")  # waiting for its next attempt
    SENDING = "SENDING", _("Sending")  # claimed by a worker, attempt in progress
    SENT = "SENT", _("Sent")
    FAILED = "FAILED", _("Failed")
    CANCELED = "CANCELED", _("Canceled")


class Failure(models.TextChoices):
    """Why a message was not delivered, in words a customer admin can act on."""

    MAILBOX_UNKNOWN = "MAILBOX_UNKNOWN", _("The mailbox is unknown")
    REJECTED = "REJECTED", _("The recipient's mail server refused the message")
    UNREACHABLE = "UNREACHABLE", _("The mail server could not be reached for 24 hours")
    INTERRUPTED = "INTERRUPTED", _("Delivery was interrupted; the message may not have arrived")
    UNREADABLE = "UNREADABLE", _("The message could not be read back (encryption key rotated away)")
    ERROR = "ERROR", _("The message could not be built")


class MessageQuerySet(models.QuerySet["Message"]):
    def due(self, *, now: datetime.datetime) -> "MessageQuerySet":
        return self.filter(state=State.PENDING, next_attempt_at__lte=now)


class Message(models.Model):
    """One outgoing e-mail to one recipient: created in the transaction of the action that causes
    it, sent after commit by a task that gets only this row's id. The body is JSON (text, HTML,
    unsubscribe address), encrypted when it carries a secret, and dropped once delivered or
    canceled. The Message-ID is fixed at creation, so every attempt sends the same one."""

    kind = models.CharField(_("kind"), max_length=64, db_index=True)
    recipient = models.EmailField(_("recipient"), max_length=254)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("user"),
    )
    language = models.CharField(_("language"), max_length=8)
    from_email = models.CharField(_("from"), max_length=254)
    reply_to = models.CharField(_("reply to"), max_length=254, blank=True)
    subject = models.CharField(_("subject"), max_length=998)
    body = models.BinaryField(_("body"), null=True, editable=False)
    body_encrypted = models.BooleanField(_("body encrypted"), default=False)
    carries_secret = models.BooleanField(_("carries a secret"), default=False)
    message_id = models.CharField(_("Message-ID"), max_length=255, unique=True)

    state = models.CharField(_("state"), max_length=16, choices=State.choices, default=State.PENDING)
    attempts = models.PositiveIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    failure = models.CharField(_("failure"), max_length=32, choices=Failure.choices, blank=True)
    next_attempt_at = models.DateTimeField(_("next attempt"), null=True, blank=True)
    # When a delivery task was last put on the queue for this message (the sweep re-enqueues a
    # due message only once that task is long overdue, so a backlog never multiplies).
    enqueued_at = models.DateTimeField(_("enqueued"), null=True, blank=True)
    first_attempt_at = models.DateTimeField(_("first attempt"), null=True, blank=True)
    claimed_at = models.DateTimeField(_("claimed"), null=True, blank=True)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), auto_now_add=True, db_index=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = MessageQuerySet.as_manager()

    class Meta:
        verbose_name = _("outgoing message")
        verbose_name_plural = _("outgoing messages")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["state", "next_attempt_at"], name="mail_message_state_next")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(state__in=State.values), name="mail_message_state_valid"
            ),
            # A secret is never stored in clear: a body that carries one is encrypted or gone.
            models.CheckConstraint(
                condition=models.Q(carries_secret=False)
                | models.Q(body__isnull=True)
                | models.Q(body_encrypted=True),
                name="mail_message_secret_encrypted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind} → {self.recipient} ({self.state})"

    @property
    def can_retry(self) -> bool:
        return self.state == State.FAILED and self.body is not None

    @property
    def can_cancel(self) -> bool:
        return self.state in (State.PENDING, State.FAILED)
