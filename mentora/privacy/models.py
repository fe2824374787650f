from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class ExportState(models.TextChoices):
    PENDING = "PENDING", _("Being prepared")
    READY = "READY", _("Ready")
    EXPIRED = "EXPIRED", _("Expired")
    FAILED = "FAILED", _("Failed")


class DataExport(models.Model):
    """A person's download of all their personal data, prepared in the background. The ZIP is
    kept encrypted with a key derived from the link's token, which is never stored (only its
    hash is, to find the row): a copy of the database opens no export. Its content is dropped
    when the link expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="data_exports",
        verbose_name=_("user"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ExportState.choices, default=ExportState.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    content = models.BinaryField(_("encrypted content"), null=True, blank=True, editable=False)
    size = models.PositiveIntegerField(_("size in bytes"), default=0)
    downloaded_at = models.DateTimeField(_("last downloaded"), null=True, blank=True)

    class Meta:
        verbose_name = _("data export")
        verbose_name_plural = _("data exports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ExportState.values), name="data_export_state_valid"),
        ]
        indexes = [
            models.Index(fields=["user", "-requested_at"]),
            models.Index(fields=["state", "expires_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.user} · {self.requested_at:%Y-%m-%d %H:%M} · {self.state}"


class ErasureState(models.TextChoices):
    PENDING = "PENDING", _("Waiting for approval")
    DONE = "DONE", _("Account deleted")
    CANCELED = "CANCELED", _("Withdrawn")


class ErasureRequest(models.Model):
    """A person's request that their account be deleted (anonymised). A system administrator
    approves it; for someone with no active membership it is carried out by itself after
    ERASURE_AUTOMATIC_AFTER_DAYS. The row stays as the record of the request, pointing at the
    anonymised account."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="erasure_requests",
        verbose_name=_("user"),
    )
    state = models.CharField(
        _("state"), max_length=16, choices=ErasureState.choices, default=ErasureState.PENDING
    )
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("approved by"),
    )
    completed_at = models.DateTimeField(_("completed"), null=True, blank=True)

    class Meta:
        verbose_name = _("erasure request")
        verbose_name_plural = _("erasure requests")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(state__in=ErasureState.values), name="erasure_state_valid"),
            models.UniqueConstraint(
                fields=["user"], condition=Q(state=ErasureState.PENDING), name="erasure_one_pending_per_user"
            ),
        ]
        indexes = [models.Index(fields=["state", "requested_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.requested_at:%Y-%m-%d} · {self.state}"


class KnownDevice(models.Model):
    """A browser a person has signed in from, recognised by a long-lived random cookie
    (mentora.privacy.devices). Only the cookie's hash is kept: a copy of the database cannot
    pass for a known device. A sign-in from a browser not known for the account is e-mailed."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="known_devices",
        verbose_name=_("user"),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    user_agent = models.CharField(_("browser"), max_length=300, blank=True)
    first_seen_at = models.DateTimeField(_("first sign-in"), auto_now_add=True)
    last_seen_at = models.DateTimeField(_("last sign-in"))

    class Meta:
        verbose_name = _("known device")
        verbose_name_plural = _("known devices")
        ordering = ["first_seen_at", "pk"]
        indexes = [models.Index(fields=["user", "first_seen_at"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.first_seen_at:%Y-%m-%d %H:%M}"
