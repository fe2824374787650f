from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class PreparedExportState(models.TextChoices):
    PENDING = "PENDING", _("Waiting")
    BUILDING = "BUILDING", _("Being prepared")
    READY = "READY", _("Ready")
    EXPIRED = "EXPIRED", _("Expired")
    FAILED = "FAILED", _("Failed")


class PreparedExport(models.Model):
    """An attendance export too large to write within a request: the task worker writes the
    file to the default storage and e-mails its owner a download link that expires. Only the
    link token's hash is stored. The file is deleted when the link expires."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="prepared_exports",
        verbose_name=_("user"),
    )
    file_format = models.CharField(_("format"), max_length=8)
    first = models.DateField(_("from"))
    last = models.DateField(_("to"))
    customer = models.ForeignKey(
        "customers.Customer", on_delete=models.CASCADE, null=True, blank=True, verbose_name=_("customer")
    )
    state = models.CharField(
        _("state"), max_length=16, choices=PreparedExportState.choices, default=PreparedExportState.PENDING
    )
    records = models.PositiveIntegerField(_("records"), default=0)
    requested_at = models.DateTimeField(_("requested"), auto_now_add=True)
    ready_at = models.DateTimeField(_("ready"), null=True, blank=True)
    expires_at = models.DateTimeField(_("link expires"), null=True, blank=True)
    token_hash = models.CharField(max_length=64, unique=True, null=True, blank=True, editable=False)
    file = models.FileField(_("file"), upload_to="exports/", blank=True, editable=False)

    class Meta:
        verbose_name = _("prepared export")
        verbose_name_plural = _("prepared exports")
        ordering = ["-requested_at", "-pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(state__in=PreparedExportState.values), name="prepared_export_state_valid"
            ),
            models.CheckConstraint(
                condition=Q(file_format__in=["csv", "xlsx"]), name="prepared_export_format_valid"
            ),
        ]
        indexes = [models.Index(fields=["state", "expires_at"]), models.Index(fields=["user", "state"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.first}–{self.last}.{self.file_format} · {self.state}"
