from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Observation(models.Model):
    """A note a mentor writes on an application they mentor, optionally about one attendee or one
    event. Visible to the customer's admins, provider staff and the application's mentors. It
    stays, attributed to its author, when the author stops being a mentor."""

    application = models.ForeignKey(
        "applications.Application",
        on_delete=models.CASCADE,
        related_name="observations",
        verbose_name=_("application"),
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="observations",
        verbose_name=_("author"),
    )
    attendee = models.ForeignKey(
        "applications.Attendee",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("about attendee"),
    )
    event = models.ForeignKey(
        "schedule.Event",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="observations",
        verbose_name=_("about event"),
    )
    body = models.TextField(_("observation"))
    created_at = models.DateTimeField(_("written"), auto_now_add=True)

    class Meta:
        verbose_name = _("observation")
        verbose_name_plural = _("observations")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.author} · {self.application.number}"
