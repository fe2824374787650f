from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class DigestKind(models.TextChoices):
    DAILY = "DAILY", _("Daily digest")
    WEEKLY = "WEEKLY", _("Weekly digest")


class DigestRun(models.Model):
    """One digest of one person for one period (a weekday for the daily digest, a week from
    Monday for the weekly one), claimed before anything is sent. The unique (user, kind,
    period_start) is what makes a digest go out once per period: a second scheduler, a retried
    task or a restarted worker finds the row and sends nothing. `message` is the e-mail sent, or
    null when there was nothing to say."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="digest_runs", verbose_name=_("user")
    )
    kind = models.CharField(_("kind"), max_length=8, choices=DigestKind.choices)
    period_start = models.DateField(_("period start"))
    claimed_at = models.DateTimeField(_("claimed"), auto_now_add=True)
    message = models.ForeignKey(
        "mail.Message",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("e-mail"),
    )
    items = models.PositiveIntegerField(_("items"), default=0)

    class Meta:
        verbose_name = _("digest run")
        verbose_name_plural = _("digest runs")
        ordering = ["-period_start", "user", "kind"]
        constraints = [
            models.UniqueConstraint(
                fields=["user", "kind", "period_start"], name="digest_run_once_per_period"
            ),
            models.CheckConstraint(condition=Q(kind__in=DigestKind.values), name="digest_run_kind_valid"),
        ]
        indexes = [models.Index(fields=["kind", "period_start"])]

    def __str__(self) -> str:
        return f"{self.user} · {self.kind} · {self.period_start}"
