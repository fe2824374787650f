"""An invitation to become a mentor of one customer, sent to one e-mail address.

The link's token is never stored: only its SHA-256 hash, looked up by hash and compared in
constant time (mentora.core.tokens). EXPIRED is not a stored status; it is PENDING past expires_at.
"""

from typing import Any

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mentora.accounts.models import normalize_email
from mentora.customers.models import Role


class InvitationStatus(models.TextChoices):
    PENDING = "PENDING", _("Pending")
    ACCEPTED = "ACCEPTED", _("Accepted")
    CANCELED = "CANCELED", _("Canceled")


# Shown (never stored) for a PENDING invitation whose expires_at has passed.
EXPIRED = "EXPIRED"

# The one word for each status an invitation shows, in its badge and in the list's filter alike.
DISPLAY_STATUS_LABELS = {
    InvitationStatus.PENDING: pgettext_lazy("invitation status", "Pending"),
    EXPIRED: pgettext_lazy("invitation status", "Expired"),
    InvitationStatus.ACCEPTED: pgettext_lazy("invitation status", "Accepted"),
    InvitationStatus.CANCELED: pgettext_lazy("invitation status", "Canceled"),
}

LIFETIME_CHOICES_DAYS = (1, 3, 7, 14, 30)
DEFAULT_LIFETIME_DAYS = 14


class InvitationQuerySet(models.QuerySet["Invitation"]):
    def open(self) -> "InvitationQuerySet":
        """PENDING and not yet expired: the link still works."""
        return self.filter(status=InvitationStatus.PENDING, expires_at__gt=timezone.now())

    def expired(self) -> "InvitationQuerySet":
        return self.filter(status=InvitationStatus.PENDING, expires_at__lte=timezone.now())

    def with_display_status(self, status: str) -> "InvitationQuerySet":
        if status == EXPIRED:
            return self.expired()
        if status == InvitationStatus.PENDING:
            return self.open()
        return self.filter(status=status)


class Invitation(models.Model):
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("customer")
    )
    email = models.EmailField(_("e-mail address"), max_length=254)
    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.MENTOR)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("invited by"),
    )
    first_name = models.CharField(_("first name"), max_length=70, blank=True)
    last_name = models.CharField(_("last name"), max_length=70, blank=True)
    message = models.TextField(_("personal message"), max_length=2000, blank=True)
    applications = models.ManyToManyField(
        "applications.Application",
        blank=True,
        related_name="+",
        verbose_name=_("applications to assign"),
    )
    token_hash = models.CharField(_("token hash"), max_length=64, unique=True, editable=False)
    # The reminder e-mail carries a second link of its own, so that the first one need not be stored.
    reminder_token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), default=timezone.now)
    expires_at = models.DateTimeField(_("expires"))
    # The lifetime chosen when inviting; a resend gives the new link the same lifetime.
    # The latest e-mail sent for this invitation (invitation, resend or reminder): whether it
    # was delivered is shown to the customer's admins.
    last_message = models.ForeignKey(
        "mail.Message", on_delete=models.SET_NULL, null=True, blank=True, related_name="+", editable=False
    )
    lifetime_days = models.PositiveSmallIntegerField(_("lifetime in days"), default=DEFAULT_LIFETIME_DAYS)
    status = models.CharField(
        _("status"), max_length=16, choices=InvitationStatus.choices, default=InvitationStatus.PENDING
    )
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    accepted_at = models.DateTimeField(_("accepted"), null=True, blank=True)
    canceled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("canceled by"),
    )
    canceled_at = models.DateTimeField(_("canceled"), null=True, blank=True)
    reminder_sent_at = models.DateTimeField(_("reminder sent"), null=True, blank=True)
    # When the inviter was told that it expires unaccepted soon (once per sending; a resend clears it).
    expiry_notified_at = models.DateTimeField(_("inviter told of expiry"), null=True, blank=True)

    objects = InvitationQuerySet.as_manager()

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-sent_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["customer", "email", "role"],
                condition=Q(status=InvitationStatus.PENDING),
                name="invitation_one_pending_per_address",
            ),
            models.CheckConstraint(
                condition=Q(status__in=InvitationStatus.values), name="invitation_status_valid"
            ),
            models.CheckConstraint(condition=Q(role__in=Role.values), name="invitation_role_valid"),
            models.CheckConstraint(
                condition=~Q(status=InvitationStatus.ACCEPTED) | Q(accepted_at__isnull=False),
                name="invitation_accepted_has_time",
            ),
        ]
        indexes = [models.Index(fields=["customer", "status", "-sent_at"])]

    def __str__(self) -> str:
        return f"{self.email} → {self.customer}"

    def save(self, *args: Any, **kwargs: Any) -> None:
        self.email = normalize_email(self.email)
        super().save(*args, **kwargs)

    @property
    def is_expired(self) -> bool:
        return self.status == InvitationStatus.PENDING and self.expires_at <= timezone.now()

    @property
    def is_open(self) -> bool:
        return self.status == InvitationStatus.PENDING and not self.is_expired

    @property
    def display_status(self) -> str:
        return EXPIRED if self.is_expired else self.status

    def get_display_status_display(self) -> str:
        return str(DISPLAY_STATUS_LABELS[self.display_status])

    @property
    def prefill_name(self) -> str:
        return f"{self.first_name} {self.last_name}".strip()


class ReplacedInvitationLink(models.Model):
    """A link a resend replaced (its hash only, never the token), so that opening it can say "a
    newer invitation was sent to you on …" instead of looking like a page that does not exist.
    It goes with its invitation."""

    invitation = models.ForeignKey(Invitation, on_delete=models.CASCADE, related_name="replaced_links")
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    replaced_at = models.DateTimeField()

    def __str__(self) -> str:
        return f"{self.invitation} (replaced {self.replaced_at:%Y-%m-%d})"
